// The audit log's hash chain: pure functions, no storage.
//
// Entry k (seq = k, starting at 1) carries
//   digest_k = SHA-256(details_k)
//   hash_k   = SHA-256(prev_hash_k "\n" seq "\n" at "\n" actor "\n" action "\n"
//                      entity_type "\n" entity_id "\n" digest_k)
// with prev_hash_k = hash_(k-1) and prev_hash_1 = 64 zeros (kGenesisHash). Changing any field
// of any entry, deleting one, or swapping two changes a hash that a later entry or the chain
// head covers, so ChainVerifier finds the first entry that no longer fits.
#pragma once

#include <cstdint>
#include <string>

#include "common/date.h"

namespace registry {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  int64_t seq = 0;
  common::Timestamp at;
  std::string actor;        // account id, or "system"
  std::string action;       // e.g. "account.create"
  std::string entity_type;  // e.g. "account"
  std::string entity_id;
  std::string details;      // canonical JSON object (common::Fields), never a secret
  std::string digest;
  std::string prev_hash;
  std::string hash;
};

std::string AuditDigest(const std::string& details);
// The hash of `e` from its other fields (e.hash itself is ignored).
std::string AuditHash(const AuditEntry& e);

// Checks a chain fed entry by entry in ascending seq order, then against the stored head.
// Not thread-safe.
class ChainVerifier {
 public:
  // Returns false (and remembers the seq) at the first entry that does not fit: a seq that is
  // not the next one, a digest that does not match the details, a prev_hash that is not the
  // previous hash, or a hash that does not match the content.
  bool Add(const AuditEntry& e);
  // After the last entry: the head must name the last entry seen. A deleted tail shows here.
  bool Finish(int64_t head_seq, const std::string& head_hash);

  bool ok() const { return first_bad_seq_ == 0; }
  int64_t entries() const { return count_; }
  int64_t first_bad_seq() const { return first_bad_seq_; }

 private:
  int64_t count_ = 0;
  int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
  int64_t first_bad_seq_ = 0;
};

}  // namespace registry
