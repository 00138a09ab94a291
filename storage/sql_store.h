// SqlStore: registry::Store over a Database, the same SQL on SQLite and MySQL. Thread-safe:
// each Write/Read takes its own pooled connection and transaction.
#pragma once

#include "procurement/tender.h"
#include "registry/store.h"
#include "storage/coalesced_read.h"
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
  // Access-generation round trips actually sent by coalesced readers (MySQL only; 0 on SQLite).
  uint64_t shared_generation_reads() const { return generation_reads_.reads(); }

 private:
  // Read-only units of work on MySQL share the access-generation read (storage/coalesced_read.h):
  // each one is a round trip that costs the server more than a cached request costs us. On
  // SQLite the read is a local statement inside the reader's own snapshot, so each reads it.
  CoalescedRead<int64_t>* SharedGenerationReads() {
    return db_.dialect() == Dialect::kMysql ? &generation_reads_ : nullptr;
  }
  CoalescedRead<int64_t>* SharedAuthReads() {
    return db_.dialect() == Dialect::kMysql ? &auth_reads_ : nullptr;
  }
  Database& db_;
  CoalescedRead<int64_t> generation_reads_;
  CoalescedRead<int64_t> auth_reads_;
};

}  // namespace storage
