// Test databases for the backend-parameterised suites.
//
// Every storage and end-to-end suite runs once per backend in Backends(): "sqlite" always, and
// "mysql" always too. The MySQL backend needs REGISTRY_TEST_MYSQL (a mysql:// URL whose user may
// create databases; scripts/test starts a private MariaDB and sets it). When it is not set the
// MySQL cases FAIL rather than skip, so CI can never go green without MySQL.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"

namespace testing_support {

std::vector<std::string> Backends();

// A fresh, empty database for one test: a new SQLite file in a new temp directory, or a new
// MySQL database "rt_<random>" created on the server of REGISTRY_TEST_MYSQL ("mysql") or on the
// cluster of REGISTRY_TEST_GALERA ("galera", a URL naming its three nodes). Removed on
// destruction. ok() is false (and error() says why) when it could not be made.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_; }  // a temp directory for this test's files
  const std::string& backend() const { return backend_; }
  // Opens the database (no migrations).
  std::unique_ptr<storage::Database> Open(int pool_size = 4) const;

 private:
  std::string backend_;
  std::string url_;
  std::string dir_;
  std::string mysql_admin_url_;
  std::string mysql_db_;
  std::string error_;
};

// Every row of every table as text, tables by name and rows sorted, each table headed
// "== <table> (<rows>)": what a dump of the database holds, for tests that compare contents or
// search them for what must never be stored. accounts.last_seen_at is left out: it records that
// an account made a request, refused or not (bookkeeping, not state a request changes).
// Expectation failures when the database cannot be read.
std::string DumpTables(storage::Database& db);

// Valid made-up identifiers for person / company n (check characters computed).
std::string ValidCreditCode(int n);
std::string ValidIdNumber(int n);

// The audit chain key tests give their stores (and registryd, through REGISTRY_AUDIT_KEY, where
// a test reads the chain itself).
inline constexpr const char* kAuditKey = "test-audit-chain-key-0123456789abcdef";

// A new empty temp directory (removed by the caller, or by RemoveTree).
std::string MakeTempDir();
void RemoveTree(const std::string& dir);

}  // namespace testing_support
