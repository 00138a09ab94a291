// Database: the small SQL abstraction under every repository, with two drivers
// (SQLite through the sqlite3 C API, MySQL/MariaDB through MySQL Connector/C++).
//
// Ownership and threads: a Database owns a pool of connections and is thread-safe. A Tx is
// one pooled connection inside one transaction; it is handed to the callback of Transact and
// must not escape it or be shared between threads.
//
// SQL uses `?` placeholders on both drivers, and every value is bound, never spliced into text.
// Statements run through Query/Exec are prepared once per connection and cached by their text,
// so callers pass constant SQL strings.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"
#include "storage/retry.h"

namespace storage {

enum class Dialect { kSqlite, kMysql };

// A bound parameter or a column value: NULL, an integer, or text (UTF-8 or bytes).
using Value = std::variant<std::monostate, int64_t, std::string>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return values_.at(i).index() == 0; }
  // The integer in column i; text is parsed as a decimal integer, NULL reads as 0.
  int64_t Int(size_t i) const;
  // The text of column i; integers are formatted, NULL reads as "".
  std::string Text(size_t i) const;

 private:
  std::vector<Value> values_;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement returning rows. Errors: kConflict for a unique-key violation, kRetry for
  // a lost race (busy, deadlock), kUnavailable when the connection broke, kInternal otherwise.
  // The message never contains SQL text or parameter values.
  virtual common::Result<std::vector<Row>> Query(std::string_view sql,
                                                 const std::vector<Value>& params = {}) = 0;
  // Runs a statement returning no rows; the value is the number of rows it changed.
  virtual common::Result<int64_t> Exec(std::string_view sql,
                                       const std::vector<Value>& params = {}) = 0;
  // Runs one statement without caching it (DDL in migrations).
  virtual common::Status ExecOnce(std::string_view sql) = 0;
};

class Database {
 public:
  // kRead: statements that each see the latest committed data (on MySQL each statement is its
  // own READ COMMITTED read, in autocommit: the cheap path every request takes).
  // kSnapshot: a read whose statements all see the database as of one instant, for readers that
  // compare tables with each other while writers go on (the audit verification: a record
  // committed between reading the chain and reading the records would look tampered with). On
  // SQLite every read transaction is one; on MySQL a REPEATABLE READ consistent snapshot, READ ONLY.
  // kWrite: a real transaction (SQLite BEGIN IMMEDIATE; MySQL START TRANSACTION).
  enum class Mode { kRead, kWrite, kSnapshot };
  struct Options {
    int pool_size = 4;               // connections; requests beyond wait for a free one
    int acquire_timeout_ms = 5000;   // then kUnavailable
    int sqlite_busy_timeout_ms = 5000;
    // "FULL": a committed transaction survives a process crash and a power loss.
    // "NORMAL": survives a process crash only (WAL), faster. Anything else is refused.
    std::string sqlite_synchronous = "FULL";
    // Each SQLite connection's page cache, in MiB (PRAGMA cache_size): what a large write
    // transaction (an import) keeps in memory before it spills pages to the WAL.
    int sqlite_cache_mb = 64;
    int mysql_connect_timeout_s = 3;
    int mysql_read_timeout_s = 30;
    // How often and after which waits a transaction that lost a race runs again.
    RetryPolicy retry;
  };

  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs `fn` inside one transaction on a pooled connection. Commits when `fn` returns OK and
  // rolls back when it returns any error or throws (the exception is rethrown after rollback).
  // A transaction that fails with kRetry (deadlock, busy, Galera certification) is run again,
  // up to a few times, so `fn` must have no effect outside the transaction. When the
  // connection turns out to be broken before the commit, the transaction is retried once on a
  // fresh connection; a commit whose outcome is unknown returns kUnavailable.
  // kWrite takes the write lock at the start on SQLite (BEGIN IMMEDIATE), which avoids
  // deadlocks between two readers that both upgrade.
  virtual common::Status Transact(Mode mode, const std::function<common::Status(Tx&)>& fn) = 0;

  // OK when a connection can be had and answers `SELECT 1`.
  virtual common::Status Ping() = 0;
};

// Opens a database from a storage URL:
//   sqlite:PATH                               (the file is created when missing)
//   mysql://USER:PASSWORD@HOST[:PORT][,HOST[:PORT]...]/DATABASE
// With several MySQL hosts, connections go to the first that answers (failover).
// Returns kValidation for a malformed URL and kUnavailable when the first connection fails.
common::Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url,
                                                       const Database::Options& options);

// The URL with any password replaced by "***", for logs and error messages.
std::string RedactUrl(const std::string& url);

// Driver constructors, used by OpenDatabase.
common::Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path,
                                                     const Database::Options& options);
// A SQLite database in this process's memory, named `name` (letters, digits, '_', '-'): the same
// driver, SQL and migrations as a file, with no file. Its journal is in memory too (no WAL), so a
// reader holding a transaction makes a writer wait: for tests of the layers above storage
// (tests/service), whose use cases run one at a time. Gone when the Database is destroyed.
common::Result<std::unique_ptr<Database>> OpenSqliteInMemory(const std::string& name,
                                                             const Database::Options& options);
struct MysqlEndpoint {
  std::string host;
  int port = 3306;
};
struct MysqlConfig {
  std::vector<MysqlEndpoint> hosts;
  std::string user;
  std::string password;
  std::string database;
};
common::Result<MysqlConfig> ParseMysqlUrl(const std::string& url);
common::Result<std::unique_ptr<Database>> OpenMysql(const MysqlConfig& config,
                                                    const Database::Options& options);

}  // namespace storage
