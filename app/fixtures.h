// Loading fixtures (fixtures/README.md) through the same JSON readers and services as the API,
// so fixtures get the same validation and audit entries (actor "system").
#pragma once

#include <string>

#include "common/status.h"
#include "registry/catalog_service.h"
#include "registry/reference_service.h"
#include "procurement/tender.h"
#include "registry/registry_service.h"
#include "storage/sql_store.h"

namespace app {

// The files compiled into the binaries.
const std::string& BuiltinReferenceFixture();
const std::string& BuiltinDemoFixture();

// Loads qualification types and categories from `json_text` when the database has no
// qualification type yet; returns whether it loaded them.
common::Result<bool> LoadReferenceIfEmpty(registry::ReferenceService& reference, const std::string& json_text);

// Loads the demo vendors (with qualifications, practitioners, sanctions, catalog items) and
// the demo tenders when the database has no vendor yet; returns how many vendors it loaded
// (0: left as it was). A demo tender is run through the real TenderService on a clock set
// `days_ago` before `now` (created, bid deadline, opened), then evaluated, so its record and
// report read like history; it is left evaluated, for an officer to award.
// `store` is the concrete SQL store: the demo writes registry records and runs tenders, and that
// one object serves both modules' interfaces (registry::Store, procurement::ProcurementStore).
common::Result<int> LoadDemoIfEmpty(storage::SqlStore& store, registry::RegistryService& reg, registry::CatalogService& catalog,
                                    const std::string& json_text, common::Timestamp now);

}  // namespace app
