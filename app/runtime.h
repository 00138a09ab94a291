// Start-up pieces shared by registryd and registryctl.
#pragma once

#include <memory>
#include <string>

#include "app/settings.h"
#include "common/clock.h"
#include "storage/database.h"

namespace app {

// Logs go to stderr, one line each: "2026-12-01T09:00:00.123Z INFO http: request ...".
// Writing happens on a background thread (Poco::AsyncChannel) so request threads never wait on
// the terminal. Call ShutdownLogging() before exit to flush.
void ConfigureLogging(const std::string& level);
void ShutdownLogging();

// Opens the storage URL with a pool of `settings.workers` connections and applies pending
// migrations. Errors name the (redacted) URL.
common::Result<std::unique_ptr<storage::Database>> OpenAndMigrate(const Settings& settings,
                                                                  const common::Clock& clock);

// Where the generated administrator token goes: beside the SQLite file, or in the working
// directory for MySQL.
std::string AdminTokenPath(const std::string& storage_url);

}  // namespace app
