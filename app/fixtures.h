// Loading fixtures (fixtures/README.md) through the same JSON readers and services as the API,
// so fixtures get the same validation and audit entries (actor "system").
#pragma once

#include <string>

#include "common/status.h"
#include "registry/catalog_service.h"
#include "registry/registry_service.h"

namespace app {

// The files compiled into the binaries.
const std::string& BuiltinReferenceFixture();
const std::string& BuiltinDemoFixture();

// Loads qualification types and categories from `json_text` when the database has no
// qualification type yet; returns whether it loaded them.
common::Result<bool> LoadReferenceIfEmpty(registry::Store& store, registry::CatalogService& catalog,
                                          const std::string& json_text);

// Loads the demo vendors (with qualifications, practitioners, sanctions, catalog items) when
// the database has no vendor yet; returns how many vendors it loaded (0: left as it was).
common::Result<int> LoadDemoIfEmpty(registry::Store& store, registry::RegistryService& reg,
                                    registry::CatalogService& catalog, const std::string& json_text);

}  // namespace app
