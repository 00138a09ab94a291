// Connection: one native database connection as the pool and the group commit drive it. A
// driver (sqlite_database.cpp, mysql_database.cpp) implements it; nothing above storage/ sees it.
#pragma once

#include "storage/database.h"

namespace storage {

class Connection : public Tx {
 public:
  virtual common::Status Begin(Database::Mode mode) = 0;
  virtual common::Status Commit() = 0;
  virtual void Rollback() = 0;
  // True once the native connection failed in a way that makes it unusable.
  virtual bool broken() const = 0;
};

}  // namespace storage
