#include "registry/audit.h"

#include "common/crypto.h"

namespace registry {

bool IsReconciledType(const std::string& t) {
  return t == "vendor" || t == "qualification" || t == "practitioner" || t == "sanction" || t == "catalog_item" ||
         t == "tender" || t == "bid" || t == "clarification" || t == "question" || t == "expert_profile" ||
         t == "committee" || t == "calendar" || t == "challenge" || t == "complaint" || t == "plan" || t == "project" ||
         t == "budget_opinion";
}

std::string AuditDigest(const std::string& details) { return common::Sha256Hex(details); }

namespace {
std::string HashInput(const AuditEntry& e) {
  std::string s;
  s.reserve(256 + e.actor.size() + e.action.size() + e.entity_id.size());
  s += e.prev_hash; s += '\n';
  s += std::to_string(e.seq); s += '\n';
  s += common::FormatTimestamp(e.at); s += '\n';
  s += e.actor; s += '\n';
  s += e.action; s += '\n';
  s += e.entity_type; s += '\n';
  s += e.entity_id; s += '\n';
  s += e.digest;
  return s;
}
}  // namespace

std::string AuditHash(const AuditEntry& e, const std::string& key) {
  return common::HmacSha256Hex(key, HashInput(e) + '\n' + e.row_digest);
}

std::string LegacyAuditHash(const AuditEntry& e) { return common::Sha256Hex(HashInput(e)); }

bool ChainVerifier::Add(const AuditEntry& e) {
  if (!ok()) return false;
  bool fits = e.seq == last_seq_ + 1 && e.prev_hash == last_hash_ && e.digest == AuditDigest(e.details) &&
              e.hash == (legacy_ ? LegacyAuditHash(e) : AuditHash(e, key_));
  if (fits && checkpoint_seq_ == e.seq && e.hash != checkpoint_hash_) {
    checkpoint_problem_ = "changed";
    first_bad_seq_ = e.seq;
    return false;
  }
  if (!fits) {
    // A gap (deleted entries) is reported at the first missing seq, anything else at e.seq.
    first_bad_seq_ = e.seq > last_seq_ ? last_seq_ + 1 : e.seq;
    return false;
  }
  ++count_;
  last_seq_ = e.seq;
  last_hash_ = e.hash;
  return true;
}

bool ChainVerifier::Finish(int64_t head_seq, const std::string& head_hash) {
  if (!ok()) return false;
  if (head_seq != last_seq_ || head_hash != last_hash_) {
    if (head_seq > last_seq_) {
      first_bad_seq_ = last_seq_ + 1;  // entries after last_seq_ were deleted
    } else if (head_seq < last_seq_) {
      first_bad_seq_ = head_seq + 1;   // entries beyond the head were slipped in
    } else {
      first_bad_seq_ = last_seq_ == 0 ? 1 : last_seq_;  // the last entry was rewritten
    }
    return false;
  }
  if (checkpoint_seq_ > last_seq_) {
    checkpoint_problem_ = "missing";  // truncated, and the head moved back to match
    first_bad_seq_ = last_seq_ + 1;
    return false;
  }
  return true;
}

}  // namespace registry
