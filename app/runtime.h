// Start-up pieces shared by registryd and registryctl.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <string>

#include "app/settings.h"
#include "common/clock.h"
#include "common/thread_annotations.h"
#include "storage/database.h"

namespace app {

// Logs go to stderr, or appended to `file`, one line each: "2026-12-01T09:00:00.123Z I http:
// request ..." (format "text"), or one JSON object per line (format "json"; app/batched_channel.h).
// Written in batches by a thread of the channel (BatchedChannel), so request threads never wait
// on the disk or terminal. Fails (naming the file) when the file cannot be opened. Call
// ShutdownLogging() before exit to flush.
common::Status ConfigureLogging(const std::string& level, const std::string& format = "text",
                                const std::string& file = "");
// Opens the log file again at its path (after logrotate moved it; registryd calls it on SIGHUP).
bool ReopenLog();
void ShutdownLogging();

// Opens the storage URL with a pool of `settings.workers` connections and applies pending
// migrations. Errors name the (redacted) URL.
common::Result<std::unique_ptr<storage::Database>> OpenAndMigrate(const Settings& settings,
                                                                  const common::Clock& clock);

// The same for every registryctl command but `migrate`: a command must never create a database.
// Fails, naming the path, when a sqlite: file does not exist; fails when the database holds no
// schema yet (an empty MySQL database: run `registryctl migrate` or registryd first).
common::Result<std::unique_ptr<storage::Database>> OpenExisting(const Settings& settings,
                                                                const common::Clock& clock);

// max_connections when none is configured: what the descriptor limit (RLIMIT_NOFILE) leaves
// after `reserved` descriptors (database connections, log, listening socket, files), at least 16.
int DefaultMaxConnections(int reserved);

// Runs `task` every `interval` on a thread of its own until Stop() (or destruction), which
// wakes it at once. For housekeeping: expired idempotency keys and sessions.
class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task);
  ~PeriodicTask();
  void Stop();

 private:
  common::Mutex mu_;
  std::condition_variable cv_;
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// Where the generated administrator token goes: beside the SQLite file, or in the working
// directory for MySQL.
std::string AdminTokenPath(const std::string& storage_url);

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> ReadWholeFile(const std::string& path);

// Writes `content` to `path` with mode 0600, atomically (temporary file, fsync, rename).
bool WriteSecretFile(const std::string& path, const std::string& content);

// The key for practitioners' ID number hashes: REGISTRY_ID_HASH_KEY; else the first line of
// id_hash_key_file; else registry-id-hash.key beside the administrator token file, created
// with a random key (mode 0600) when missing.
common::Result<std::string> ResolveIdHashKey(const Settings& settings);

// The files those two read when no key is in the environment: the configured file, else the
// default name beside the administrator token file. For backup and restore, which copy keys and
// never make one.
std::string IdHashKeyPath(const Settings& settings);
std::string AuditKeyPath(const Settings& settings);

// The audit chain's key (registry/audit.h): REGISTRY_AUDIT_KEY; else the first line of
// audit_key_file; else registry-audit.key beside the administrator token file, created with a
// random key (mode 0600) when missing. Never stored in the database.
common::Result<std::string> ResolveAuditKey(const Settings& settings);
// ResolveAuditKey, then seals a chain still hashed the old way (storage::SealAuditChain). Every
// program that writes to the database calls it before its first write.
common::Result<std::string> PrepareAuditChain(const Settings& settings, storage::Database& db,
                                              const common::Clock& clock);

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
