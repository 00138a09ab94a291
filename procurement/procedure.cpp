#include "procurement/procedure.h"

#include <algorithm>
#include <set>

#include "common/crypto.h"

namespace procurement {

using common::Result;
using common::Status;
using common::Timestamp;

namespace {
constexpr int64_t kDayMicros = int64_t{86400} * 1000000;
}  // namespace

Deadlines AfterClarification(Timestamp at, Timestamp deadline, std::optional<Timestamp> opening,
                             std::optional<Timestamp> new_deadline, std::optional<Timestamp> new_opening,
                             bool changes_terms, int notice_days) {
  Deadlines out{new_deadline.value_or(deadline), new_opening ? new_opening : opening, false};
  if (!changes_terms) return Deadlines{deadline, opening, false};
  const Timestamp earliest{at.micros + int64_t{notice_days} * kDayMicros};
  if (out.bid_deadline.micros < earliest.micros) {
    out.bid_deadline = earliest;
    out.extended = true;
  }
  if (out.opening_at && out.opening_at->micros < out.bid_deadline.micros) out.opening_at = out.bid_deadline;
  return out;
}

Result<int> CommitteeSize(common::Money budget, int policy_size, int requested) {
  int size = requested > 0 ? requested : policy_size > 0 ? policy_size : budget.fen >= int64_t{1000000000} ? 7 : 5;
  if (size < 5 || size % 2 == 0) {
    return Status::FieldInvalid("size", "range", "a committee has an odd number of members, five or more (Order 87 Art. 47)");
  }
  return size;
}

std::string CommitteeSeed(const std::string& tender_id, Timestamp bid_deadline, std::vector<std::string> bid_digests) {
  std::sort(bid_digests.begin(), bid_digests.end());
  std::string text = tender_id + ":" + common::FormatTimestamp(bid_deadline) + ":";
  for (size_t i = 0; i < bid_digests.size(); ++i) {
    if (i) text += ',';
    text += bid_digests[i];
  }
  return common::Sha256Hex(text);
}

namespace {

// A number below `bound` taken from SHA-256("<seed>:<i>:<k>"), k = 0, 1, ... until one falls
// below the largest multiple of `bound` (so every value is equally likely).
uint64_t Below(const std::string& seed, size_t i, uint64_t bound) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  for (uint64_t k = 0;; ++k) {
    std::string hex = common::Sha256Hex(seed + ":" + std::to_string(i) + ":" + std::to_string(k));
    uint64_t r = std::stoull(hex.substr(0, 16), nullptr, 16);
    if (r < limit) return r % bound;
  }
}

}  // namespace

Result<Draw> DrawCommittee(const std::vector<ExpertProfile>& experts, const std::string& category,
                           const std::vector<std::string>& bidder_credit_codes, int size, const std::string& seed) {
  const std::set<std::string> bidders(bidder_credit_codes.begin(), bidder_credit_codes.end());
  std::vector<std::string> pool;
  for (const ExpertProfile& e : experts) {
    if (!e.active) continue;
    if (std::find(e.specialties.begin(), e.specialties.end(), category) == e.specialties.end()) continue;
    bool tied = false;
    for (const std::string& a : e.affiliations) tied = tied || bidders.count(a) > 0;
    if (!tied) pool.push_back(e.account_id);
  }
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  Draw out;
  out.candidates = static_cast<int>(pool.size());
  if (size < 1 || out.candidates < size) {
    return Status::Conflict("only " + std::to_string(out.candidates) + " experts may sit on this tender (the category " +
                            "among their specialties, no tie to a bidder); the committee needs " + std::to_string(size));
  }
  for (size_t i = pool.size() - 1; i > 0; --i) {
    std::swap(pool[i], pool[Below(seed, i, i + 1)]);
  }
  out.members.assign(pool.begin(), pool.begin() + size);
  return out;
}

std::string Commitment(const std::string& tender_id, const std::string& vendor_id, const std::string& price_text,
                       const std::string& nonce) {
  return common::Sha256Hex(tender_id + "|" + vendor_id + "|" + price_text + "|" + nonce);
}

namespace {
bool LowerHex(const std::string& s) { return s.find_first_not_of("0123456789abcdef") == std::string::npos; }
}  // namespace

Status CheckCommitment(const std::string& commitment) {
  if (commitment.size() != 64 || !LowerHex(commitment)) {
    return Status::FieldInvalid("commitment", "format", "64 lowercase hexadecimal characters (a SHA-256)");
  }
  return Status::Ok();
}

Status CheckReveal(const std::string& commitment, const std::string& tender_id, const std::string& vendor_id,
                   const std::string& price_text, const std::string& nonce) {
  if (nonce.size() < 32 || nonce.size() > 64 || !LowerHex(nonce)) {
    return Status::FieldInvalid("nonce", "format", "32 to 64 lowercase hexadecimal characters");
  }
  if (Commitment(tender_id, vendor_id, price_text, nonce) != commitment) {
    return Status::FieldInvalid("price", "commitment_mismatch",
                                "this price and nonce do not give the commitment sent before the deadline");
  }
  return Status::Ok();
}

Timestamp RevealWindowEnd(Timestamp opened_at, int reveal_hours, std::optional<Timestamp> closed_early_at) {
  Timestamp end{opened_at.micros + int64_t{reveal_hours} * 3600 * 1000000};
  return closed_early_at && *closed_early_at < end ? *closed_early_at : end;
}

bool RevealWindowOpen(Timestamp opened_at, int reveal_hours, Timestamp now, bool closed_early) {
  if (closed_early) return false;
  return now >= opened_at && now < RevealWindowEnd(opened_at, reveal_hours, std::nullopt);
}

}  // namespace procurement
