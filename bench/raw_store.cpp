// The raw write rate of a store, the baseline of the bid-submission path: transactions that
// insert two rows (the bid and its audit entry, in spirit) through the bare driver, with the
// same durability settings as registryd (SQLite: WAL, synchronous=FULL; MySQL: InnoDB defaults
// of the server). Prints "raw_tx_per_s N".
//   raw_store sqlite:PATH SECONDS
//   raw_store mysql://USER:PASSWORD@HOST:PORT/DATABASE SECONDS
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <mysql_driver.h>
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>

#include "storage/database.h"

namespace {

using Clock = std::chrono::steady_clock;

int RunSqlite(const std::string& path, double seconds) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                   "CREATE TABLE IF NOT EXISTS raw_a (id INTEGER PRIMARY KEY, v TEXT);"
                   "CREATE TABLE IF NOT EXISTS raw_b (id INTEGER PRIMARY KEY, v TEXT);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt *a = nullptr, *b = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO raw_a (v) VALUES (?)", -1, &a, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO raw_b (v) VALUES (?)", -1, &b, nullptr);
  const std::string payload(200, 'x');
  long n = 0;
  auto end = Clock::now() + std::chrono::duration<double>(seconds);
  auto start = Clock::now();
  while (Clock::now() < end) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (sqlite3_stmt* s : {a, b}) {
      sqlite3_bind_text(s, 1, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
      sqlite3_step(s);
      sqlite3_reset(s);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    ++n;
  }
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(a);
  sqlite3_finalize(b);
  sqlite3_close(db);
  std::cout << "raw_tx_per_s " << static_cast<long>(n / secs) << "\n";
  return 0;
}

int RunMysql(const std::string& url, double seconds) {
  auto cfg = storage::ParseMysqlUrl(url);
  if (!cfg.ok()) {
    std::cerr << cfg.status().message() << "\n";
    return 1;
  }
  try {
    sql::Driver* driver = sql::mysql::get_mysql_driver_instance();
    std::unique_ptr<sql::Connection> conn(driver->connect(
        "tcp://" + cfg->hosts[0].host + ":" + std::to_string(cfg->hosts[0].port), cfg->user, cfg->password));
    conn->setSchema(cfg->database);
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    st->execute("CREATE TABLE IF NOT EXISTS raw_a (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(255)) ENGINE=InnoDB");
    st->execute("CREATE TABLE IF NOT EXISTS raw_b (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(255)) ENGINE=InnoDB");
    conn->setAutoCommit(false);
    std::unique_ptr<sql::PreparedStatement> a(conn->prepareStatement("INSERT INTO raw_a (v) VALUES (?)"));
    std::unique_ptr<sql::PreparedStatement> b(conn->prepareStatement("INSERT INTO raw_b (v) VALUES (?)"));
    const std::string payload(200, 'x');
    long n = 0;
    auto end = Clock::now() + std::chrono::duration<double>(seconds);
    auto start = Clock::now();
    while (Clock::now() < end) {
      a->setString(1, payload);
      a->executeUpdate();
      b->setString(1, payload);
      b->executeUpdate();
      conn->commit();
      ++n;
    }
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    st->execute("DROP TABLE raw_a");
    st->execute("DROP TABLE raw_b");
    std::cout << "raw_tx_per_s " << static_cast<long>(n / secs) << "\n";
    return 0;
  } catch (const sql::SQLException& e) {
    std::cerr << "mysql: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: raw_store sqlite:PATH|mysql://... SECONDS\n";
    return 2;
  }
  std::string url = argv[1];
  double seconds = std::atof(argv[2]);
  if (url.rfind("sqlite:", 0) == 0) return RunSqlite(url.substr(7), seconds);
  return RunMysql(url, seconds);
}
