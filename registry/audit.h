// The audit log's keyed hash chain: pure functions, no storage.
//
// Entry k (seq = k, starting at 1) carries
//   digest_k = SHA-256(details_k)
//   hash_k   = HMAC-SHA-256(key, prev_hash_k "\n" seq "\n" at "\n" actor "\n" action "\n"
//                           entity_type "\n" entity_id "\n" digest_k "\n" row_digest_k)
// with prev_hash_k = hash_(k-1) and prev_hash_1 = 64 zeros (kGenesisHash). The key is kept
// outside the database (REGISTRY_AUDIT_KEY or a 0600 key file, app/runtime.h), so someone who
// can write the database but not read the key cannot recompute a hash after an edit, a deletion
// or a reordering, and ChainVerifier finds the first entry that no longer fits.
//
// row_digest_k, for entries about a reconciled business record (vendor, qualification,
// practitioner, sanction, catalog_item, tender, bid), is the keyed digest of that record's row
// as the entry's transaction left it (storage computes it, registry::AuditStore::RowDigest); a
// row edited in SQL no longer matches the digest in the entry that last changed it.
//
// Chains written before the key (schema < 010) used plain SHA-256 (LegacyAuditHash) and no
// row digests; storage seals them once under the key (storage::SealAuditChain).
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
  std::string row_digest;   // empty unless entity_type is reconciled
  std::string prev_hash;
  std::string hash;
  // Set by AuditService::List for a bid entry of a tender not yet opened: actor, entity_id,
  // details, digest and row_digest are blanked (a digest of guessable details would name the
  // bidder too). Never stored.
  bool redacted = false;
  // The actor's account name, read with the entry by lists (empty for "system" and the like).
  std::string actor_name;
};

// Whether rows of this entity type are reconciled against their last audit entry.
bool IsReconciledType(const std::string& entity_type);

std::string AuditDigest(const std::string& details);
// The keyed hash of `e` from its other fields (e.hash itself is ignored).
std::string AuditHash(const AuditEntry& e, const std::string& key);
// The hash as chains before the key computed it: plain SHA-256, no row digest.
std::string LegacyAuditHash(const AuditEntry& e);

// Checks a chain fed entry by entry in ascending seq order, then against the stored head and,
// when given, a checkpoint kept outside the database. Not thread-safe.
class ChainVerifier {
 public:
  // `legacy`: check plain SHA-256 hashes (only when sealing an old chain).
  explicit ChainVerifier(std::string key, bool legacy = false) : key_(std::move(key)), legacy_(legacy) {}
  // The entry `seq` must still be there with exactly `hash`.
  void ExpectCheckpoint(int64_t seq, std::string hash) {
    checkpoint_seq_ = seq;
    checkpoint_hash_ = std::move(hash);
  }
  // Returns false (and remembers the seq) at the first entry that does not fit: a seq that is
  // not the next one, a digest that does not match the details, a prev_hash that is not the
  // previous hash, a hash that does not match the content, or the checkpoint's entry changed.
  bool Add(const AuditEntry& e);
  // After the last entry: the head must name the last entry seen (a deleted tail shows here),
  // and the checkpoint's entry must have been seen (a truncation with the head moved back).
  bool Finish(int64_t head_seq, const std::string& head_hash);

  bool ok() const { return first_bad_seq_ == 0; }
  int64_t entries() const { return count_; }
  int64_t first_bad_seq() const { return first_bad_seq_; }
  // "missing" or "changed" when the checkpoint failed; empty otherwise.
  const std::string& checkpoint_problem() const { return checkpoint_problem_; }

 private:
  std::string key_;
  bool legacy_ = false;
  int64_t checkpoint_seq_ = 0;
  std::string checkpoint_hash_;
  std::string checkpoint_problem_;
  int64_t count_ = 0;
  int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
  int64_t first_bad_seq_ = 0;
};

}  // namespace registry
