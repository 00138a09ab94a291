// The SQLite driver: the sqlite3 C API directly (Poco::Data costs 3-5x, see docs/performance.md),
// one native connection per pooled Connection, prepared statements cached per connection.
#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include <Poco/Logger.h>

#include "storage/pooled_database.h"

namespace storage {
namespace {

using common::Result;
using common::Status;

Poco::Logger& Log() { return Poco::Logger::get("storage.sqlite"); }

// Process-wide SQLite settings, before the library's first use (sqlite3_config refuses them
// after): a statement journal (the pages a statement changed, kept so the statement alone can be
// undone) stays in memory up to 4 MiB instead of SQLite's 64 KiB. A multi-row INSERT into the
// catalog's search index touches ~50 pages: past 64 KiB every page went to a temporary file
// with two write(2) calls each, 130 system calls per imported item (docs/performance.md). The
// journal lives for one statement, so the memory is bounded by the largest statement.
void ConfigureSqliteOnce() {
  static const bool configured = [] {
    int rc = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 << 20);
    if (rc != SQLITE_OK) Log().warning("SQLite was initialised before its settings were made (%d)", rc);
    return rc == SQLITE_OK;
  }();
  (void)configured;
}

Status MapError(sqlite3* db, int rc, std::string_view what) {
  int ext = sqlite3_extended_errcode(db);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Status::Conflict("a record with the same key already exists");
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return Status::Retry("the database is busy");
  }
  // Logged for the operator; the caller gets no SQL text.
  Log().error("sqlite %s failed: %s (%d)", std::string(what), std::string(sqlite3_errmsg(db)), ext);
  if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) {
    return Status::Unavailable("the database file cannot be written");
  }
  return Status::Internal("storage error");
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  bool broken() const override { return false; }

  // BEGIN and COMMIT are prepared once per connection like any statement: sqlite3_exec parsed
  // them for every transaction, a tenth of a cached read's instructions (callgrind).
  Status Begin(Database::Mode mode) override {
    return Run(mode == Database::Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr);
  }
  Status Commit() override { return Run("COMMIT", {}, nullptr); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<Row> rows;
    RETURN_IF_ERROR(Run(sql, params, &rows));
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    RETURN_IF_ERROR(Run(sql, params, nullptr));
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Status ExecOnce(std::string_view sql) override {
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return MapError(db_, rc, "exec");
    return Status::Ok();
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return MapError(db_, rc, "prepare");
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  Status Run(std::string_view sql, const std::vector<Value>& params, std::vector<Row>* rows) {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    // Reset on every exit path, so a cached statement never holds a read lock.
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } resetter{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      int rc;
      if (auto p = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *p);
      } else if (auto s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, idx);
      }
      if (rc != SQLITE_OK) return MapError(db_, rc, "bind");
    }
    const int ncol = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return MapError(db_, rc, "step");
      if (!rows) continue;
      std::vector<Value> values;
      values.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_NULL:
            values.emplace_back(std::monostate{});
            break;
          default: {
            const char* text = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, c));
            int n = sqlite3_column_bytes(stmt, c);
            values.emplace_back(std::string(text ? text : "", static_cast<size_t>(n)));
          }
        }
      }
      rows->emplace_back(std::move(values));
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public PooledDatabase {
 public:
  SqliteDatabase(std::string path, const Options& options, int extra_flags = 0)
      : PooledDatabase(options), path_(std::move(path)), extra_flags_(extra_flags) {}
  ~SqliteDatabase() override {
    CloseAll();
    keeper_.reset();
  }
  // For an in-memory database: a connection held for the database's lifetime, so the data
  // lives until this object goes even when the pool has no connection open.
  Status KeepOpen() {
    auto conn = Connect();
    if (!conn.ok()) return conn.status();
    keeper_ = std::move(conn).value();
    return Status::Ok();
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

 protected:
  bool SerializeWrites() const override { return true; }
  Result<std::unique_ptr<Connection>> Connect() override {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | extra_flags_,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close_v2(db);
      Log().error("cannot open sqlite database %s: %s", path_, msg);
      return Status::Unavailable("cannot open the SQLite database file: " + msg);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options().sqlite_busy_timeout_ms);
    auto conn = std::make_unique<SqliteConnection>(db);
    // WAL: readers never block the writer. synchronous: see Database::Options.
    std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=" +
                          options().sqlite_synchronous + "; PRAGMA foreign_keys=ON; PRAGMA cache_size=-" +
                          std::to_string(int64_t{options().sqlite_cache_mb} * 1024) + ";";
    Status st = conn->ExecOnce(pragmas);
    if (!st.ok()) return Status::Unavailable("cannot configure the SQLite database: " + st.message());
    return std::unique_ptr<Connection>(std::move(conn));
  }

 private:
  std::string path_;
  int extra_flags_;
  std::unique_ptr<Connection> keeper_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Database::Options& options) {
  ConfigureSqliteOnce();
  if (options.sqlite_synchronous != "FULL" && options.sqlite_synchronous != "NORMAL") {
    return Status::FieldInvalid("sqlite.synchronous", "enum", "must be FULL or NORMAL");
  }
  auto db = std::make_unique<SqliteDatabase>(path, options);
  RETURN_IF_ERROR(db->Ping());
  return std::unique_ptr<Database>(std::move(db));
}

Result<std::unique_ptr<Database>> OpenSqliteInMemory(const std::string& name, const Database::Options& options) {
  ConfigureSqliteOnce();
  if (name.empty() || name.size() > 64 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != std::string::npos) {
    return Status::FieldInvalid("name", "format", "letters, digits, '_' and '-', at most 64");
  }
  // SQLite's memdb VFS: a name beginning with '/' is one database shared by every connection of
  // this process that opens it (the pool's and the group writer's), gone with the last of them.
  auto db = std::make_unique<SqliteDatabase>("file:/" + name + "?vfs=memdb", options, SQLITE_OPEN_URI);
  RETURN_IF_ERROR(db->KeepOpen());
  RETURN_IF_ERROR(db->Ping());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace storage
