#include "app/backup.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>
#include <nlohmann/json.hpp>

#include "app/runtime.h"
#include "common/crypto.h"
#include "registry/audit_service.h"
#include "storage/backup.h"
#include "storage/migrations.h"
#include "storage/sql_store.h"

namespace app {

using common::Result;
using common::Status;

namespace {

constexpr int kManifestFormat = 1;
const char* const kManifest = "MANIFEST.json";
const char* const kSqliteCopy = "registry.db";
const char* const kMysqlDump = "registry.sql";
const char* const kIdHashKey = "registry-id-hash.key";
const char* const kAuditKey = "registry-audit.key";
const char* const kAdminToken = "registry-admin.token";
// mariadb-dump's last line when it finished: a dump without it was cut short.
const char* const kDumpCompleted = "-- Dump completed";

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// The first line of a key file, as ResolveKey reads it.
std::optional<std::string> FirstLine(const std::string& path) {
  std::ifstream in(path);
  if (!in.good()) return std::nullopt;
  std::string line;
  std::getline(in, line);
  return line;
}

// Streams the file through SHA-256 (a database may be larger than memory).
Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) return Status::Unavailable("cannot read " + path);
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(&buf[0], static_cast<std::streamsize>(buf.size()));
    sha.update(buf.data(), static_cast<unsigned>(in.gcount()));
  }
  return Poco::DigestEngine::digestToHex(sha.digest());
}

bool IsEmptyDir(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (!d) return false;
  bool empty = true;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") empty = false;
  }
  ::closedir(d);
  return empty;
}

bool IsSqlite(const Settings& s) { return s.storage.rfind("sqlite:", 0) == 0; }

// A client option file for mariadb-dump and mariadb, so the password is in no process's
// arguments (visible to every user in ps). Mode 0600 in a directory of its own; removed after.
class ClientOptions {
 public:
  static Result<std::unique_ptr<ClientOptions>> Make(const storage::MysqlConfig& c) {
    char dir[] = "/tmp/registryctl-XXXXXX";
    if (!::mkdtemp(dir)) return Status::Unavailable("cannot make a temporary directory");
    std::unique_ptr<ClientOptions> o(new ClientOptions(std::string(dir) + "/client.cnf", dir));
    std::string text = "[client]\nuser=" + c.user + "\npassword=" + c.password + "\nhost=" + c.hosts.front().host +
                       "\nport=" + std::to_string(c.hosts.front().port) + "\n";
    if (!WriteSecretFile(o->path_, text)) return Status::Unavailable("cannot write " + o->path_);
    return o;
  }
  ~ClientOptions() {
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
  }
  std::string Flag() const { return "--defaults-extra-file=" + path_; }

 private:
  ClientOptions(std::string path, std::string dir) : path_(std::move(path)), dir_(std::move(dir)) {}
  std::string path_, dir_;
};

// Runs `program` with `args`; `input` (when not empty) is sent to its stdin. Returns its exit
// code, and what it wrote to stderr in *errors.
Result<int> Run(const std::string& program, const std::vector<std::string>& args, const std::string& input_file,
                std::string* errors) {
  try {
    Poco::Pipe in, err;
    Poco::ProcessHandle ph = Poco::Process::launch(program, args, input_file.empty() ? nullptr : &in, nullptr, &err);
    if (!input_file.empty()) {
      std::ifstream file(input_file, std::ios::binary);
      Poco::PipeOutputStream to(in);
      Poco::StreamCopier::copyStream(file, to);
      to.close();
    }
    Poco::PipeInputStream from(err);
    Poco::StreamCopier::copyToString(from, *errors);
    return ph.wait();
  } catch (const Poco::Exception& e) {
    return Status::Unavailable("cannot run " + program + ": " + e.displayText());
  }
}

std::string DumpProgram() {
  for (const char* p : {"/usr/bin/mariadb-dump", "/usr/bin/mysqldump"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "mariadb-dump";
}

std::string ClientProgram() {
  for (const char* p : {"/usr/bin/mariadb", "/usr/bin/mysql"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "mariadb";
}

// Recomputes the chain of the database at `url` under `audit_key` and reconciles every record.
Result<BackupSummary> VerifyDatabase(const std::string& url, const std::string& audit_key) {
  storage::Database::Options opts;
  opts.pool_size = 1;
  ASSIGN_OR_RETURN(auto db, storage::OpenDatabase(url, opts));
  BackupSummary out;
  ASSIGN_OR_RETURN(out.schema_version, storage::SchemaVersion(*db));
  storage::SqlStore store(*db, audit_key);
  registry::AuditService audit(store);
  ASSIGN_OR_RETURN(auto report, audit.Verify(registry::Actor{"registryctl", registry::Role::kAuditor, ""}));
  if (!report.ok) {
    std::string why = report.first_bad_seq ? "the audit chain breaks at seq " + std::to_string(report.first_bad_seq)
                                           : std::to_string(report.mismatched_total) + " records do not match the audit log";
    return Status::InvalidState(why);
  }
  out.audit_entries = report.entries;
  out.audit_head = report.head_hash;
  return out;
}

// The key for `name`: from the environment when set there, else the first line of its file.
Result<std::string> CurrentKey(const std::string& from_env, const std::string& path, const char* what) {
  if (!from_env.empty()) return from_env;
  auto key = FirstLine(path);
  if (!key || key->empty()) {
    return Status::NotFound(std::string("no ") + what + " at " + path +
                            " (a registry that has run has one; without it a copy is useless)");
  }
  return *key;
}

}  // namespace

Result<BackupSummary> Backup(const Settings& settings, const common::Clock& clock, const std::string& dest,
                             bool with_audit_key) {
  if (Exists(dest) && !IsEmptyDir(dest)) return Status::Conflict(dest + " exists and is not an empty directory");
  // The keys first: a database copied without them could not be restored.
  ASSIGN_OR_RETURN(std::string id_key, CurrentKey(settings.id_hash_key, IdHashKeyPath(settings), "ID number hash key"));
  ASSIGN_OR_RETURN(std::string audit_key, CurrentKey(settings.audit_key, AuditKeyPath(settings), "audit chain key"));
  if (!Exists(dest) && ::mkdir(dest.c_str(), 0700) != 0) return Status::Unavailable("cannot make " + dest);
  ::chmod(dest.c_str(), 0700);
  BackupSummary out;
  if (IsSqlite(settings)) {
    out.backend = "sqlite";
    RETURN_IF_ERROR(storage::CopySqliteDatabase(settings.storage.substr(7), dest + "/" + kSqliteCopy));
    ::chmod((dest + "/" + kSqliteCopy).c_str(), 0600);
    ASSIGN_OR_RETURN(BackupSummary checked, VerifyDatabase("sqlite:" + dest + "/" + kSqliteCopy, audit_key));
    out.schema_version = checked.schema_version;
    out.audit_entries = checked.audit_entries;
    out.audit_head = checked.audit_head;
    out.files.push_back(kSqliteCopy);
  } else {
    out.backend = "mysql";
    ASSIGN_OR_RETURN(auto config, storage::ParseMysqlUrl(settings.storage));
    // The chain as it stands before the dump; the dump's snapshot is at least as new.
    ASSIGN_OR_RETURN(BackupSummary before, VerifyDatabase(settings.storage, audit_key));
    out.schema_version = before.schema_version;
    ASSIGN_OR_RETURN(auto options, ClientOptions::Make(config));
    std::string file = dest + "/" + kMysqlDump;
    std::string errors;
    // --single-transaction: one consistent InnoDB snapshot, no table locks; writers go on.
    ASSIGN_OR_RETURN(int code, Run(DumpProgram(),
                                   {options->Flag(), "--single-transaction", "--skip-lock-tables", "--no-tablespaces",
                                    "--triggers", "--hex-blob", "--default-character-set=utf8mb4",
                                    "--result-file=" + file, config.database},
                                   "", &errors));
    if (code != 0) return Status::Unavailable("mariadb-dump failed (exit " + std::to_string(code) + "): " + errors);
    ::chmod(file.c_str(), 0600);
    auto text = ReadWholeFile(file);
    if (!text || text->rfind(kDumpCompleted) == std::string::npos) {
      return Status::Unavailable("the dump " + file + " is incomplete (no completion line)");
    }
    out.files.push_back(kMysqlDump);
  }
  if (!WriteSecretFile(dest + "/" + kIdHashKey, id_key + "\n")) return Status::Unavailable("cannot write the keys into " + dest);
  out.files.push_back(kIdHashKey);
  if (with_audit_key) {
    if (!WriteSecretFile(dest + "/" + kAuditKey, audit_key + "\n")) return Status::Unavailable("cannot write the keys into " + dest);
    out.files.push_back(kAuditKey);
  }
  if (auto token = ReadWholeFile(AdminTokenPath(settings.storage))) {
    if (!WriteSecretFile(dest + "/" + kAdminToken, *token)) return Status::Unavailable("cannot copy the token file");
    out.files.push_back(kAdminToken);
  }
  nlohmann::json manifest = {{"format", kManifestFormat},
                             {"backend", out.backend},
                             {"schema_version", out.schema_version},
                             {"created_at", common::FormatTimestamp(clock.Now())},
                             // Names the audit key without revealing it, so that restore can tell
                             // the right key, kept apart, from a wrong one.
                             {"audit_key_sha256", common::Sha256Hex(audit_key)},
                             {"files", nlohmann::json::object()}};
  if (out.backend == "sqlite") manifest["audit"] = {{"entries", out.audit_entries}, {"head", out.audit_head}};
  for (const auto& f : out.files) {
    ASSIGN_OR_RETURN(std::string sha, FileSha256(dest + "/" + f));
    manifest["files"][f] = sha;
  }
  if (!WriteSecretFile(dest + "/" + kManifest, manifest.dump(2) + "\n")) {
    return Status::Unavailable("cannot write " + dest + "/" + kManifest);
  }
  return out;
}

namespace {

// Puts `key` where the settings look for it, unless it is there already (or in the environment):
// Restore has checked that no different key is in either place.
Status PlaceKey(const std::string& key, const std::string& from_env, const std::string& path) {
  if (!from_env.empty() || FirstLine(path)) return Status::Ok();
  if (!WriteSecretFile(path, key + "\n")) return Status::Unavailable("cannot write " + path);
  return Status::Ok();
}

}  // namespace

Result<BackupSummary> Restore(const Settings& settings, const common::Clock& clock, const std::string& src) {
  auto text = ReadWholeFile(src + "/" + kManifest);
  if (!text) return Status::NotFound("no " + std::string(kManifest) + " in " + src + ": not a finished backup");
  nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object() || manifest.value("format", 0) != kManifestFormat ||
      !manifest.contains("files") || !manifest["files"].is_object()) {
    return Status::InvalidState(src + "/" + kManifest + " is not a manifest this registryctl reads");
  }
  const std::string backend = manifest.value("backend", "");
  if (backend != (IsSqlite(settings) ? "sqlite" : "mysql")) {
    return Status::InvalidState("the backup is of a " + backend + " registry and the storage is not; "
                                "move data between backends with export and import");
  }
  for (const auto& [name, sha] : manifest["files"].items()) {
    if (name.find('/') != std::string::npos) return Status::InvalidState("the manifest names a path: " + name);
    ASSIGN_OR_RETURN(std::string actual, FileSha256(src + "/" + name));
    if (!sha.is_string() || actual != sha.get<std::string>()) {
      return Status::InvalidState(src + "/" + name + " is not the file the backup wrote (SHA-256 differs)");
    }
  }
  // The keys are settled before the database is touched, so a refusal leaves nothing half done.
  // The ID-hash key is always in the backup; the audit key only when asked (--with-audit-key),
  // else it comes from where the settings look for it, kept apart (docs/operations.md).
  auto id_key = FirstLine(src + "/" + kIdHashKey);
  if (!id_key || !manifest["files"].contains(kIdHashKey)) return Status::InvalidState("the backup lacks its ID number hash key");
  std::optional<std::string> audit_in_backup;
  if (manifest["files"].contains(kAuditKey)) audit_in_backup = FirstLine(src + "/" + kAuditKey);
  auto configured = [](const std::string& from_env, const std::string& path) -> std::optional<std::string> {
    if (!from_env.empty()) return from_env;
    return FirstLine(path);
  };
  auto configured_id = configured(settings.id_hash_key, IdHashKeyPath(settings));
  if (configured_id && *configured_id != *id_key) {
    return Status::Conflict((settings.id_hash_key.empty() ? IdHashKeyPath(settings) : std::string("REGISTRY_ID_HASH_KEY")) +
                            " holds a different ID number hash key than the backup's; nothing was overwritten");
  }
  auto configured_audit = configured(settings.audit_key, AuditKeyPath(settings));
  std::string audit_key;
  if (audit_in_backup) {
    if (configured_audit && *configured_audit != *audit_in_backup) {
      return Status::Conflict((settings.audit_key.empty() ? AuditKeyPath(settings) : std::string("REGISTRY_AUDIT_KEY")) +
                              " holds a different audit chain key than the backup's; nothing was overwritten");
    }
    audit_key = *audit_in_backup;
  } else if (configured_audit) {
    audit_key = *configured_audit;
  } else {
    return Status::NotFound("the backup holds no audit chain key (it is kept apart); give it with --audit-key-file=FILE "
                            "or REGISTRY_AUDIT_KEY");
  }
  if (common::Sha256Hex(audit_key) != manifest.value("audit_key_sha256", "")) {
    return Status::Conflict("the audit chain key given is not the one this backup's chain is written under");
  }
  if (backend == "sqlite") {
    RETURN_IF_ERROR(storage::CopySqliteDatabase(src + "/" + kSqliteCopy, settings.storage.substr(7)));
  } else {
    ASSIGN_OR_RETURN(auto config, storage::ParseMysqlUrl(settings.storage));
    {
      storage::Database::Options opts;
      opts.pool_size = 1;
      ASSIGN_OR_RETURN(auto probe, storage::OpenDatabase(settings.storage, opts));
      ASSIGN_OR_RETURN(bool holds, storage::HoldsRegistry(*probe));
      if (holds) {
        return Status::Conflict("storage " + storage::RedactUrl(settings.storage) +
                                " holds a registry already; restore into an empty database");
      }
    }
    ASSIGN_OR_RETURN(auto options, ClientOptions::Make(config));
    std::string errors;
    ASSIGN_OR_RETURN(int code, Run(ClientProgram(), {options->Flag(), "--default-character-set=utf8mb4", config.database},
                                   src + "/" + kMysqlDump, &errors));
    if (code != 0) return Status::Unavailable("loading the dump failed (exit " + std::to_string(code) + "): " + errors);
  }
  RETURN_IF_ERROR(PlaceKey(*id_key, settings.id_hash_key, IdHashKeyPath(settings)));
  RETURN_IF_ERROR(PlaceKey(audit_key, settings.audit_key, AuditKeyPath(settings)));
  if (manifest["files"].contains(kAdminToken)) {
    std::string path = AdminTokenPath(settings.storage);
    if (!Exists(path)) {
      auto token = ReadWholeFile(src + "/" + kAdminToken);
      if (!token || !WriteSecretFile(path, *token)) return Status::Unavailable("cannot write " + path);
    }
  }
  {
    // Migrations the copy lacks (a backup from an older release) are applied here, as registryd would.
    Settings one = settings;
    one.workers = 1;
    one.write_workers = 0;
    ASSIGN_OR_RETURN(auto db, OpenAndMigrate(one, clock));
  }
  ASSIGN_OR_RETURN(BackupSummary out, VerifyDatabase(settings.storage, audit_key));
  out.backend = backend;
  if (manifest.contains("audit")) {
    const auto& a = manifest["audit"];
    if (a.value("head", "") != out.audit_head || a.value("entries", int64_t{-1}) != out.audit_entries) {
      return Status::InvalidState("the restored audit chain is not the backup's (head " + out.audit_head + ")");
    }
  }
  for (const auto& [name, sha] : manifest["files"].items()) out.files.push_back(name);
  return out;
}

}  // namespace app
