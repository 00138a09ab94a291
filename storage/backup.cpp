#include "storage/backup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

namespace storage {

using common::Status;

namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Closes a connection however the copy ends.
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

Status Fail(sqlite3* db, const std::string& what) {
  return Status::Unavailable(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Status CopySqliteDatabase(const std::string& source_path, const std::string& dest_path) {
  if (!Exists(source_path)) return Status::NotFound("no database at " + source_path);
  if (Exists(dest_path)) return Status::Conflict(dest_path + " exists already; nothing was overwritten");
  Handle src, dst;
  if (sqlite3_open_v2(source_path.c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return Fail(src.db, "cannot open " + source_path);
  }
  // Writers hold the database for a few milliseconds at a time; the copy's read waits for them.
  sqlite3_busy_timeout(src.db, 10000);
  if (sqlite3_open_v2(dest_path.c_str(), &dst.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    return Fail(dst.db, "cannot create " + dest_path);
  }
  sqlite3_backup* backup = sqlite3_backup_init(dst.db, "main", src.db, "main");
  if (!backup) return Fail(dst.db, "cannot start the copy");
  // -1: every page in one step, under one read lock of the source: one consistent snapshot.
  int rc = sqlite3_backup_step(backup, -1);
  for (int tries = 0; (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 100; ++tries) {
    sqlite3_sleep(100);
    rc = sqlite3_backup_step(backup, -1);
  }
  int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE || finish != SQLITE_OK) {
    Status st = Fail(dst.db, "the copy failed");
    sqlite3_close_v2(dst.db);
    dst.db = nullptr;
    ::unlink(dest_path.c_str());
    return st;
  }
  // One self-contained file, checked page by page.
  char* err = nullptr;
  if (sqlite3_exec(dst.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "";
    sqlite3_free(err);
    return Status::Unavailable("cannot finish the copy: " + m);
  }
  std::string verdict;
  rc = sqlite3_exec(
      dst.db, "PRAGMA integrity_check",
      [](void* out, int n, char** values, char**) {
        if (n > 0 && values[0]) *static_cast<std::string*>(out) += values[0];
        return 0;
      },
      &verdict, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK || verdict != "ok") {
    return Status::Internal("the copy fails SQLite's integrity check: " + verdict);
  }
  return Status::Ok();
}

}  // namespace storage
