// Versioned schema migrations, embedded in the binary from schema/<dialect>/NNN_name.sql.
//
// Applied versions are recorded in the table schema_version(version, name, applied_at).
// Migrate() applies, in order, every built-in migration not yet recorded; running it again is a
// no-op. Concurrent starts are safe: SQLite serialises them with BEGIN IMMEDIATE, MySQL with
// GET_LOCK('registry_migrate').
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "storage/database.h"

namespace storage {

struct Migration {
  int version = 0;
  std::string name;  // file name, e.g. "001_foundation.sql"
  std::string sql;
};

// The migrations compiled into this binary for `dialect`, in version order.
const std::vector<Migration>& BuiltinMigrations(Dialect dialect);

// Splits a migration script into statements at lines that end in ';'; drops '--' comment lines.
std::vector<std::string> SplitStatements(const std::string& script);

// Applies the pending migrations; returns how many were applied. Refuses (kInvalidState) a
// database whose recorded version is newer than this binary knows: an older binary must not
// run against a newer schema.
common::Result<int> Migrate(Database& db, common::Timestamp now);

// Whether the database holds a registry (its schema_version table), asked of the catalogue so
// that an empty database logs no error and stays untouched.
common::Result<bool> HoldsRegistry(Database& db);

// The highest applied version, 0 for an empty database (creates the version table when missing).
common::Result<int> SchemaVersion(Database& db);

}  // namespace storage
