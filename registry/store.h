// The registry's store interfaces. storage/ implements them once in SQL for both backends.
//
// A use case runs in one transaction: Store::Write (or Read) hands the callback a UnitOfWork
// whose repositories all act inside that transaction; the transaction commits when the callback
// returns OK and rolls back otherwise, so a failed use case leaves nothing behind.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "registry/actor.h"
#include "registry/audit.h"

namespace registry {

struct Account {
  std::string id;
  std::string name;
  Role role = Role::kAuditor;
  std::string vendor_id;  // empty unless role == kVendor
  common::Timestamp created_at;
  int64_t version = 1;
};

// Keyset pagination: items after `after` (an opaque, store-made position), at most `limit`.
struct PageRequest {
  int limit = 50;
  std::string after;
};
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;  // the position after the last item, when more may follow
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // kConflict when the token hash is already taken (practically impossible for random tokens).
  virtual common::Status Insert(const Account& account, const std::string& token_hash) = 0;
  virtual common::Result<std::optional<Account>> FindByTokenHash(const std::string& token_hash) = 0;
  virtual common::Result<std::optional<Account>> Get(const std::string& id) = 0;
  virtual common::Result<int64_t> Count() = 0;
};

struct AuditFilter {
  std::string entity_type;  // empty: any
  std::string entity_id;    // empty: any
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Locks the chain head for the rest of the transaction (SELECT ... FOR UPDATE on MySQL; the
  // SQLite write transaction already holds the database lock) and returns it.
  virtual common::Status LockHead(int64_t* seq, std::string* hash) = 0;
  virtual common::Status Insert(const AuditEntry& entry) = 0;
  virtual common::Status SetHead(int64_t seq, const std::string& hash) = 0;
  // Entries in ascending seq, filtered; `page.after` is a seq in decimal.
  virtual common::Result<Page<AuditEntry>> List(const AuditFilter& filter, const PageRequest& page) = 0;
  // Calls `fn` for every entry in ascending seq, reading in batches; stops early when `fn`
  // returns false. Reads the head first (*head_seq, *head_hash).
  virtual common::Status Scan(int64_t* head_seq, std::string* head_hash,
                              const std::function<bool(const AuditEntry&)>& fn) = 0;
};

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual AccountStore& accounts() = 0;
  virtual AuditStore& audit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual common::Status Write(const std::function<common::Status(UnitOfWork&)>& fn) = 0;
  virtual common::Status Read(const std::function<common::Status(UnitOfWork&)>& fn) = 0;
};

// Appends one audit entry inside the caller's transaction: locks the head, chains the entry to
// it, inserts it and moves the head. `details` must never hold a secret or a sealed value.
common::Status AppendAudit(UnitOfWork& uow, common::Timestamp at, const std::string& actor,
                           const std::string& action, const std::string& entity_type,
                           const std::string& entity_id, const std::string& details);

}  // namespace registry
