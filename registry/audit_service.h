// Reading and verifying the audit log. Bureau and auditors only. Thread-safe.
#pragma once

#include "registry/store.h"

namespace registry {

struct ChainReport {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // set when !ok
  std::string head_hash;      // the stored head, for anchoring outside the database
};

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}
  common::Result<Page<AuditEntry>> List(const Actor& actor, const AuditFilter& filter,
                                        const PageRequest& page);
  // Recomputes every digest and hash from the stored content and compares with the chain.
  common::Result<ChainReport> Verify(const Actor& actor);

 private:
  Store& store_;
};

}  // namespace registry
