// SQL implementation of procurement::TenderStore, acting inside the Tx it is made with.
#pragma once

#include <memory>

#include "procurement/tender.h"
#include "storage/database.h"

namespace storage {

std::unique_ptr<procurement::TenderStore> MakeTenderStore(Tx& tx);
// procurement::ProjectStore likewise (storage/sql_project_store.cpp).
std::unique_ptr<procurement::ProjectStore> MakeProjectStore(Tx& tx);

}  // namespace storage
