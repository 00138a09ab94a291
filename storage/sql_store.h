// SqlStore: registry::Store over a Database, the same SQL on SQLite and MySQL. Thread-safe:
// each Write/Read takes its own pooled connection and transaction.
#pragma once

#include "procurement/tender.h"
#include "registry/store.h"
#include "storage/database.h"

namespace storage {

class SqlStore final : public registry::Store, public procurement::ProcurementStore {
 public:
  explicit SqlStore(Database& db) : db_(db) {}
  common::Status Write(const std::function<common::Status(registry::UnitOfWork&)>& fn) override;
  common::Status Read(const std::function<common::Status(registry::UnitOfWork&)>& fn) override;
  common::Status WriteProcurement(
      const std::function<common::Status(procurement::ProcurementUnitOfWork&)>& fn) override;
  common::Status ReadProcurement(
      const std::function<common::Status(procurement::ProcurementUnitOfWork&)>& fn) override;
  Database& database() { return db_; }

 private:
  Database& db_;
};

}  // namespace storage
