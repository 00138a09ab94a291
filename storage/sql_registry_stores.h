// SQL implementations of the approved list's stores (registry/store.h), for both dialects.
// Each object acts inside the one transaction of the Tx it was made with. One file per store:
// storage/sql_<store>_store.cpp, sharing storage/sql_rows.h.
#pragma once

#include <memory>

#include "registry/store.h"
#include "storage/database.h"

namespace storage {

std::unique_ptr<registry::VendorStore> MakeVendorStore(Tx& tx);
std::unique_ptr<registry::ReferenceStore> MakeReferenceStore(Tx& tx);
std::unique_ptr<registry::QualificationStore> MakeQualificationStore(Tx& tx);
std::unique_ptr<registry::PractitionerStore> MakePractitionerStore(Tx& tx);
std::unique_ptr<registry::FileStore> MakeFileStore(Tx& tx);
std::unique_ptr<registry::ApplicationStore> MakeApplicationStore(Tx& tx);
std::unique_ptr<registry::SanctionStore> MakeSanctionStore(Tx& tx);
std::unique_ptr<registry::CatalogStore> MakeCatalogStore(Tx& tx);

}  // namespace storage
