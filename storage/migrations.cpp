#include "storage/migrations.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace storage {

// Generated from schema/*/ *.sql by cmake/Embed.cmake.
const std::vector<std::pair<std::string, std::string>>& SqliteMigrationFiles();
const std::vector<std::pair<std::string, std::string>>& MysqlMigrationFiles();

using common::Result;
using common::Status;

namespace {

std::vector<Migration> Load(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<Migration> out;
  for (const auto& [name, sql] : files) {
    out.push_back(Migration{std::atoi(name.c_str()), name, sql});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

Status EnsureVersionTable(Tx& tx) {
  return tx.ExecOnce(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
      "name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
}

Result<int> CurrentVersion(Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  return static_cast<int>(rows.at(0).Int(0));
}

}  // namespace

const std::vector<Migration>& BuiltinMigrations(Dialect dialect) {
  static const std::vector<Migration> kSqlite = Load(SqliteMigrationFiles());
  static const std::vector<Migration> kMysql = Load(MysqlMigrationFiles());
  return dialect == Dialect::kSqlite ? kSqlite : kMysql;
}

std::vector<std::string> SplitStatements(const std::string& script) {
  std::vector<std::string> out;
  std::istringstream in(script);
  std::string line, current;
  while (std::getline(in, line)) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    current += line;
    current += '\n';
    size_t last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

Result<int> Migrate(Database& db, common::Timestamp now) {
  const auto& migrations = BuiltinMigrations(db.dialect());
  int applied = 0;
  Status st = db.Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
    applied = 0;
    bool mysql = tx.dialect() == Dialect::kMysql;
    if (mysql) {
      ASSIGN_OR_RETURN(auto got, tx.Query("SELECT GET_LOCK('registry_migrate', 60)"));
      if (got.at(0).Int(0) != 1) return Status::Unavailable("another instance is migrating");
    }
    Status inner = [&]() -> Status {
      RETURN_IF_ERROR(EnsureVersionTable(tx));
      ASSIGN_OR_RETURN(int current, CurrentVersion(tx));
      int known = migrations.empty() ? 0 : migrations.back().version;
      if (current > known) {
        return Status::InvalidState("the database schema is version " + std::to_string(current) +
                                    ", newer than this binary knows (" + std::to_string(known) + ")");
      }
      for (const Migration& m : migrations) {
        if (m.version <= current) continue;
        for (const std::string& stmt : SplitStatements(m.sql)) RETURN_IF_ERROR(tx.ExecOnce(stmt));
        RETURN_IF_ERROR(tx.Exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                                {static_cast<int64_t>(m.version), m.name, common::FormatTimestamp(now)})
                            .status());
        ++applied;
      }
      return Status::Ok();
    }();
    if (mysql) (void)tx.Query("SELECT RELEASE_LOCK('registry_migrate')");
    return inner;
  });
  if (!st.ok()) return st;
  return applied;
}

Result<bool> HoldsRegistry(Database& db) {
  const char* sql = db.dialect() == Dialect::kSqlite
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
                        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                          "AND table_name = 'schema_version'";
  bool holds = false;
  RETURN_IF_ERROR(db.Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
    holds = !rows.empty() && rows[0].Int(0) > 0;
    return Status::Ok();
  }));
  return holds;
}

Result<int> SchemaVersion(Database& db) {
  int version = 0;
  Status st = db.Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
    RETURN_IF_ERROR(EnsureVersionTable(tx));
    ASSIGN_OR_RETURN(version, CurrentVersion(tx));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return version;
}

}  // namespace storage
