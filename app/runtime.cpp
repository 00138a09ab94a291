#include "app/runtime.h"

#include <Poco/AutoPtr.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <fstream>

#include "app/batched_channel.h"
#include "common/crypto.h"
#include "storage/audit_rows.h"
#include "storage/migrations.h"

namespace app {

namespace {
Poco::AutoPtr<BatchedChannel> g_batched;
Poco::AutoPtr<Poco::FormattingChannel> g_channel;
}

common::Status ConfigureLogging(const std::string& level, const std::string& format, const std::string& file) {
  Poco::AutoPtr<Poco::Formatter> fmt;
  if (format == "json") {
    fmt = new JsonLineFormatter;
  } else {
    fmt = new LineFormatter;
  }
  // Lines are formatted by the thread that logs and written in batches by the channel's thread.
  Poco::AutoPtr<BatchedChannel> channel = file.empty() ? new BatchedChannel(STDERR_FILENO) : new BatchedChannel(file);
  if (!channel->ok()) {
    channel->close();
    return common::Status::FieldInvalid("log_file", "unwritable", "cannot open the log file " + file + " for appending");
  }
  g_batched = channel;
  g_channel = new Poco::FormattingChannel(fmt, g_batched);
  Poco::Logger::root().setChannel(g_channel);
  Poco::Logger::root().setLevel(level);
  // Loggers made before this call (static ones) keep their old channel: set every one.
  std::vector<std::string> names;
  Poco::Logger::names(names);
  for (const auto& n : names) {
    Poco::Logger::get(n).setChannel(g_channel);
    Poco::Logger::get(n).setLevel(level);
  }
  return common::Status::Ok();
}

bool ReopenLog() { return g_batched ? g_batched->Reopen() : true; }

void ShutdownLogging() {
  if (g_batched) g_batched->close();  // writes what is pending
}

common::Result<std::unique_ptr<storage::Database>> OpenAndMigrate(const Settings& settings,
                                                                  const common::Clock& clock) {
  storage::Database::Options opts;
  opts.pool_size = settings.workers + settings.write_workers;  // one per thread that may hold one
  opts.sqlite_synchronous = settings.sqlite_synchronous;
  opts.sqlite_cache_mb = settings.sqlite_cache_mb;
  auto db = storage::OpenDatabase(settings.storage, opts);
  if (!db.ok()) {
    return common::Status::Unavailable("cannot open storage " + storage::RedactUrl(settings.storage) +
                                       ": " + db.status().message());
  }
  auto applied = storage::Migrate(**db, clock.Now());
  if (!applied.ok()) {
    return common::Status::Unavailable("cannot migrate storage " + storage::RedactUrl(settings.storage) +
                                       ": " + applied.status().message());
  }
  if (*applied > 0) {
    Poco::Logger::get("storage").information("applied %d migration(s)", *applied);
  }
  return db;
}

common::Result<std::unique_ptr<storage::Database>> OpenExisting(const Settings& settings,
                                                                const common::Clock& clock) {
  if (settings.storage.rfind("sqlite:", 0) == 0) {
    std::string path = settings.storage.substr(7);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      return common::Status::NotFound("no database at " + path +
                                      " (registryctl migrate, or registryd, creates one)");
    }
  }
  {
    // Looked at before anything is written: an empty MySQL database stays empty.
    storage::Database::Options opts;
    opts.pool_size = 1;
    auto probe = storage::OpenDatabase(settings.storage, opts);
    if (!probe.ok()) {
      return common::Status::Unavailable("cannot open storage " + storage::RedactUrl(settings.storage) + ": " +
                                         probe.status().message());
    }
    auto holds = storage::HoldsRegistry(**probe);
    if (!holds.ok()) {
      return common::Status::Unavailable("cannot read storage " + storage::RedactUrl(settings.storage) + ": " +
                                         holds.status().message());
    }
    if (!*holds) {
      return common::Status::NotFound("storage " + storage::RedactUrl(settings.storage) +
                                      " holds no registry yet (registryctl migrate, or registryd, creates it)");
    }
  }
  return OpenAndMigrate(settings, clock);
}

int DefaultMaxConnections(int reserved) {
  struct rlimit rl;
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 10000;
  long n = static_cast<long>(rl.rlim_cur) - reserved;
  return static_cast<int>(std::max<long>(16, std::min<long>(n, 1000000)));
}

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task)
    : thread_([this, interval, task = std::move(task)] {
        common::MutexLock lock(mu_);
        while (!cv_.wait_for(lock.native(), interval, [this]() REQUIRES(mu_) { return stop_; })) {
          lock.Unlock();
          task();
          lock.Lock();
        }
      }) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Stop() {
  {
    common::MutexLock lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string AdminTokenPath(const std::string& storage_url) {
  if (storage_url.rfind("sqlite:", 0) == 0) {
    Poco::Path p(storage_url.substr(7));
    return p.parent().append("registry-admin.token").toString();
  }
  return "registry-admin.token";
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool WriteSecretFile(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return false;
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
            ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (ok) ok = ::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

namespace {

std::string BesideTokenFile(const Settings& settings, const std::string& name) {
  std::string path = AdminTokenPath(settings.storage);
  return path.substr(0, path.size() - std::string("registry-admin.token").size()) + name;
}

// `explicit_key`, else the first line of `file`, else `default_name` beside the administrator
// token file, made with a random key (mode 0600) when missing. `what` names it in messages;
// `keeping` tells the operator, when one is made, how to keep it.
common::Result<std::string> ResolveKey(const Settings& settings, const std::string& explicit_key,
                                       const std::string& file, const char* file_setting,
                                       const std::string& default_name, const std::string& what, size_t min_size,
                                       const char* keeping) {
  if (!explicit_key.empty()) return explicit_key;
  bool generated_path = file.empty();
  std::string path = generated_path ? BesideTokenFile(settings, default_name) : file;
  std::ifstream in(path);
  if (in.good()) {
    std::string key;
    std::getline(in, key);
    if (key.size() < min_size) {
      return common::Status::FieldInvalid(file_setting, "length",
                                          path + " holds a key shorter than " + std::to_string(min_size) + " characters");
    }
    return key;
  }
  if (!generated_path) return common::Status::FieldInvalid(file_setting, "unreadable", "cannot read " + path);
  std::string key = common::Base64UrlEncode(common::RandomBytes(32));
  if (!WriteSecretFile(path, key + "\n")) {
    return common::Status::Unavailable("cannot write the " + what + " file " + path);
  }
  Poco::Logger::get("registryd").notice("generated the %s in %s (mode 0600); %s", what, path, std::string(keeping));
  return key;
}

}  // namespace

std::string IdHashKeyPath(const Settings& settings) {
  return settings.id_hash_key_file.empty() ? BesideTokenFile(settings, "registry-id-hash.key") : settings.id_hash_key_file;
}

std::string AuditKeyPath(const Settings& settings) {
  return settings.audit_key_file.empty() ? BesideTokenFile(settings, "registry-audit.key") : settings.audit_key_file;
}

common::Result<std::string> ResolveIdHashKey(const Settings& settings) {
  return ResolveKey(settings, settings.id_hash_key, settings.id_hash_key_file, "id_hash_key_file",
                    "registry-id-hash.key", "ID number hash key", 16,
                    "registryctl backup copies it with the database");
}

common::Result<std::string> ResolveAuditKey(const Settings& settings) {
  return ResolveKey(settings, settings.audit_key, settings.audit_key_file, "audit_key_file", "registry-audit.key",
                    "audit chain key", 32,
                    // kept apart from the backups: docs/operations.md, "The audit log"
                    "keep a copy apart from the database backups (docs/operations.md)");
}

common::Result<std::string> PrepareAuditChain(const Settings& settings, storage::Database& db,
                                              const common::Clock& clock) {
  ASSIGN_OR_RETURN(std::string key, ResolveAuditKey(settings));
  ASSIGN_OR_RETURN(storage::SealReport sealed, storage::SealAuditChain(db, key, clock.Now()));
  if (sealed.sealed) {
    Poco::Logger::get("registryd").notice(
        "sealed the audit chain under its key: %Ld entries re-hashed, %Ld records without an entry got one; "
        "take a checkpoint (GET /v1/audit/checkpoint) and keep it outside the database",
        static_cast<long long>(sealed.entries), static_cast<long long>(sealed.baselines));
  }
  return key;
}

common::Timestamp FileClock::Now() const {
  std::ifstream in(path_);
  std::string text;
  if (in.good()) std::getline(in, text);
  if (text.empty()) return system_.Now();
  auto t = common::ParseTimestamp(text);
  return t.ok() ? *t : system_.Now();
}

}  // namespace app
