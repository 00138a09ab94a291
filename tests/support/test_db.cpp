#include "support/test_db.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "common/credit_code.h"
#include "common/crypto.h"

namespace testing_support {

std::vector<std::string> Backends() { return {"sqlite", "mysql"}; }

std::string ValidCreditCode(int n) {
  char body[32];
  std::snprintf(body, sizeof body, "91440507MA%07d", n % 10000000);
  return std::string(body) + common::CreditCodeCheckChar(body);
}

std::string ValidIdNumber(int n) {
  char body[32];
  std::snprintf(body, sizeof body, "44050719%02d0101%03d", 70 + n % 30, 100 + n % 900);
  static const int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kW[i];
  return std::string(body) + "10X98765432"[sum % 11];
}

std::string MakeTempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "registry-test-XXXXXX").string();
  char* made = ::mkdtemp(templ.data());
  return made ? std::string(made) : std::string();
}

void RemoveTree(const std::string& dir) {
  std::error_code ec;
  if (!dir.empty()) std::filesystem::remove_all(dir, ec);
}

TestDatabase::TestDatabase(const std::string& backend) : backend_(backend) {
  dir_ = MakeTempDir();
  if (backend == "sqlite") {
    url_ = "sqlite:" + dir_ + "/registry.db";
    return;
  }
  const bool galera = backend == "galera";
  const char* var = galera ? "REGISTRY_TEST_GALERA" : "REGISTRY_TEST_MYSQL";
  const char* base = std::getenv(var);
  if (!base || !*base) {
    error_ = std::string(var) + " is not set: this suite needs a server (run scripts/test, which starts " +
             (galera ? "a three-node Galera cluster, scripts/galera.sh)" : "a private MariaDB)");
    return;
  }
  mysql_admin_url_ = base;
  auto cfg = storage::ParseMysqlUrl(mysql_admin_url_);
  if (!cfg.ok()) {
    error_ = std::string(var) + ": " + cfg.status().message();
    return;
  }
  storage::Database::Options opts;
  opts.pool_size = 1;
  auto admin = storage::OpenDatabase(mysql_admin_url_, opts);
  if (!admin.ok()) {
    error_ = "cannot reach the MySQL test server " + storage::RedactUrl(mysql_admin_url_) + ": " +
             admin.status().message();
    return;
  }
  std::string id = common::NewId("rt");
  mysql_db_ = id;
  common::Status st = (*admin)->Transact(storage::Database::Mode::kWrite, [&](storage::Tx& tx) {
    return tx.ExecOnce("CREATE DATABASE `" + mysql_db_ + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  });
  if (!st.ok()) {
    error_ = "cannot create a test database: " + st.ToString();
    return;
  }
  size_t slash = mysql_admin_url_.rfind('/');
  url_ = mysql_admin_url_.substr(0, slash + 1) + mysql_db_;
}

TestDatabase::~TestDatabase() {
  if (!mysql_db_.empty()) {
    storage::Database::Options opts;
    opts.pool_size = 1;
    auto admin = storage::OpenDatabase(mysql_admin_url_, opts);
    if (admin.ok()) {
      (void)(*admin)->Transact(storage::Database::Mode::kWrite, [&](storage::Tx& tx) {
        return tx.ExecOnce("DROP DATABASE IF EXISTS `" + mysql_db_ + "`");
      });
    }
  }
  RemoveTree(dir_);
}

std::unique_ptr<storage::Database> TestDatabase::Open(int pool_size) const {
  storage::Database::Options opts;
  opts.pool_size = pool_size;
  auto db = storage::OpenDatabase(url_, opts);
  if (!db.ok()) return nullptr;
  return std::move(db).value();
}

std::string DumpTables(storage::Database& db) {
  std::string out;
  common::Status st = db.Transact(storage::Database::Mode::kRead, [&](storage::Tx& tx) -> common::Status {
    const char* list = tx.dialect() == storage::Dialect::kSqlite
                           ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                           : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                             "ORDER BY table_name";
    ASSIGN_OR_RETURN(auto tables, tx.Query(list));
    for (const auto& t : tables) {
      std::string name = t.Text(0);
      // accounts.last_seen_at records that an account made a request, refused or not: it is
      // bookkeeping, not state a request changes, so the dump leaves it out.
      std::string sql = name == "accounts" ? "SELECT id, name, role, vendor_id, token_hash, created_at, version, login, "
                                             "password_hash, must_change_password, status, department FROM accounts"
                                           : "SELECT * FROM " + name;
      ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
      std::vector<std::string> lines;
      for (const auto& r : rows) {
        std::string line;
        for (size_t c = 0; c < r.size(); ++c) line += (r.IsNull(c) ? std::string("\\N") : r.Text(c)) + "\x1f";
        lines.push_back(line);
      }
      std::sort(lines.begin(), lines.end());
      out += "== " + name + " (" + std::to_string(lines.size()) + ")\n";
      for (const auto& l : lines) out += l + "\n";
    }
    return common::Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}


}  // namespace testing_support
