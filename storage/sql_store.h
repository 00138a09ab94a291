// SqlStore: registry::Store over a Database, the same SQL on SQLite and MySQL. Thread-safe:
// each Write/Read takes its own pooled connection and transaction.
#pragma once

#include "procurement/tender.h"
#include "registry/store.h"
#include "storage/coalesced_read.h"
#include "storage/database.h"

namespace storage {

// The two generation rows (access_generation, auth_generation), read together in one statement.
struct Generations {
  int64_t access = 0;
  int64_t auth = 0;
};

// While a RequestScope is alive on a thread, MySQL read units of work on that thread reuse the
// generations the first of them read, instead of sending the query again: one round trip per
// request for the token check and the cached read after it. That is as fresh as the contract
// needs: the values were read after the request arrived, so every write committed before it
// is reflected. Any SqlStore write on the thread ends the reuse (a read after the request's own
// write must see it). api::Api::Handle opens one per request; nothing else needs to.
class RequestScope {
 public:
  RequestScope();
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;
};

class SqlStore final : public registry::Store, public procurement::ProcurementStore {
 public:
  // `audit_key` keys the audit chain and the row digests (registry/audit.h); every instance
  // over one database needs the same key (app/runtime.h ResolveAuditKey).
  SqlStore(Database& db, std::string audit_key) : db_(db), audit_key_(std::move(audit_key)) {}
  common::Status Write(const std::function<common::Status(registry::UnitOfWork&)>& fn) override;
  common::Status Read(const std::function<common::Status(registry::UnitOfWork&)>& fn) override;
  common::Status ReadSnapshot(const std::function<common::Status(registry::UnitOfWork&)>& fn) override;
  common::Status WriteProcurement(
      const std::function<common::Status(procurement::ProcurementUnitOfWork&)>& fn) override;
  common::Status ReadProcurement(
      const std::function<common::Status(procurement::ProcurementUnitOfWork&)>& fn) override;
  Database& database() { return db_; }
  // Generation round trips actually sent by coalesced readers (MySQL only; 0 on SQLite).
  uint64_t shared_generation_reads() const { return generation_reads_.reads(); }

 private:
  // Read-only units of work on MySQL share the generation read (storage/coalesced_read.h, and
  // RequestScope above): each one is a round trip that costs the server more than a cached
  // request costs us. On SQLite the read is a local statement inside the reader's own snapshot,
  // so each reads it.
  CoalescedRead<Generations>* SharedGenerationReads() {
    return db_.dialect() == Dialect::kMysql ? &generation_reads_ : nullptr;
  }
  Database& db_;
  std::string audit_key_;
  CoalescedRead<Generations> generation_reads_;
};

}  // namespace storage
