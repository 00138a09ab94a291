// Online copies of a SQLite database for `registryctl backup` and `restore` (app/backup.h).
// MySQL databases are copied by mariadb-dump and mariadb, which app/backup.cpp runs.
#pragma once

#include <string>

#include "common/status.h"

namespace storage {

// Copies the SQLite database at `source_path` into `dest_path`, which must not exist, while
// other connections go on writing: sqlite3_backup copies every page in one step, inside one read
// transaction, so the copy is the database as of one instant (WAL lets writers continue
// meanwhile). The copy is then checked with PRAGMA integrity_check and left as one file
// (journal_mode DELETE: no -wal or -shm beside it). kNotFound when the source does not exist,
// kConflict when the destination does, kUnavailable on an I/O failure.
common::Status CopySqliteDatabase(const std::string& source_path, const std::string& dest_path);

}  // namespace storage
