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

// Writes `content` to `path` with mode 0600, atomically (temporary file, fsync, rename).
bool WriteSecretFile(const std::string& path, const std::string& content);

// The key for practitioners' ID number hashes: REGISTRY_ID_HASH_KEY; else the first line of
// id_hash_key_file; else registry-id-hash.key beside the administrator token file, created
// with a random key (mode 0600) when missing.
common::Result<std::string> ResolveIdHashKey(const Settings& settings);

// A clock that reads its time from a file (an RFC 3339 timestamp) on every call, or the system
// clock while the file is missing or empty. Only for end-to-end tests, which move registryd's
// time (bid deadlines) without sleeping; enabled by REGISTRY_CLOCK_FILE, and loudly logged.
class FileClock final : public common::Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  common::Timestamp Now() const override;

 private:
  std::string path_;
  common::SystemClock system_;
};

}  // namespace app
