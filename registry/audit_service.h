// Reading and verifying the audit log. Bureau and auditors only. Thread-safe.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "registry/store.h"

namespace registry {

struct Mismatch {
  std::string entity_type;
  std::string entity_id;
};

struct ChainReport {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // the chain's first bad entry; 0 when the chain itself holds
  std::string head_hash;      // the stored head, for anchoring outside the database
  std::string checkpoint;     // "missing" or "changed" when the given checkpoint failed
  // Business records whose row no longer matches the audit entry that last changed it (edited
  // in SQL), that no entry describes (inserted in SQL, or their entries truncated), or that an
  // entry describes but that are gone (deleted in SQL). At most kMaxMismatches are listed.
  std::vector<Mismatch> mismatched;
  int64_t mismatched_total = 0;
};

struct Checkpoint {
  int64_t seq = 0;
  std::string hash;
  std::optional<common::Timestamp> at;  // none for an empty log
};

class AuditService {
 public:
  static constexpr size_t kMaxMismatches = 1000;
  explicit AuditService(Store& store) : store_(store) {}
  common::Result<Page<AuditEntry>> List(const Actor& actor, const AuditFilter& filter,
                                        const PageRequest& page);
  // Recomputes every digest and keyed hash from the stored content and compares with the
  // chain, the head and (when given) a checkpoint {seq, hash} kept elsewhere; then reconciles
  // every business record with its last entry. ok: all of it holds.
  common::Result<ChainReport> Verify(const Actor& actor,
                                     std::optional<std::pair<int64_t, std::string>> checkpoint = std::nullopt);
  // The head, to keep outside the database and give back to Verify later.
  common::Result<Checkpoint> CurrentCheckpoint(const Actor& actor);

 private:
  Store& store_;
};

}  // namespace registry
