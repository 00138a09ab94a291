// Two rules of the procedure before the opening (issue 19; CONTRACT.md "Tenders as the law runs
// them, I"), pure: no store, no clock, times and data are arguments.
//
// 1. An amendment's notice (MOF Order 87 Art. 27): a clarification that changes the terms when
//    fewer than `notice_days` days are left before the bid deadline moves the deadline to that
//    many days after the clarification.
// 3. Bids sealed by the bidder (commit-reveal): before the deadline the server holds only a
//    commitment; after the opening the bidder reveals the price and the nonce, which must match.
// 2. The evaluation committee's draw (Order 87 Art. 47-48): members drawn at random among the
//    expert accounts that may sit on the tender (active, the category among their specialties,
//    no affiliation with any bidder: 回避), reproducibly from a seed the bids fix, so nobody can
//    draw again until the result suits them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/money.h"
#include "common/status.h"

namespace procurement {

// ---- 1. Amendments -------------------------------------------------------------------------

// The deadlines after a clarification made at `at` on a tender whose deadline is `deadline` and
// opening `opening` (none: at the deadline). `new_deadline`/`new_opening` are what the
// clarification asks for, if anything. When it changes the terms (`changes_terms`: the deadline,
// the opening, the budget or the requirements) and the deadline it leaves is less than
// `notice_days` whole days after `at`, the deadline becomes `at` + `notice_days` days; an
// opening before the deadline moves with it. A clarification that only explains (no change)
// moves nothing.
struct Deadlines {
  common::Timestamp bid_deadline;
  std::optional<common::Timestamp> opening_at;
  bool extended = false;  // the notice period moved the deadline
};
Deadlines AfterClarification(common::Timestamp at, common::Timestamp deadline, std::optional<common::Timestamp> opening,
                             std::optional<common::Timestamp> new_deadline, std::optional<common::Timestamp> new_opening,
                             bool changes_terms, int notice_days);

// ---- 2. The committee's draw ---------------------------------------------------------------

struct ExpertProfile {
  std::string account_id;
  bool active = true;
  std::vector<std::string> specialties;   // category codes
  std::vector<std::string> affiliations;  // credit codes of the units the expert is tied to
};

// The committee's size: `policy_size` when the bureau set one (> 0), else 5, or 7 for a budget
// of at least 10,000,000.00; `requested` (> 0) overrides it. Odd and at least 5 (Order 87 Art. 47:
// an odd number, five or more), else a kValidation error on "size".
common::Result<int> CommitteeSize(common::Money budget, int policy_size, int requested);

// The seed: lowercase hex SHA-256 of "<tender id>:<bid deadline, RFC 3339>:<the bids' digests,
// sorted, joined by ','>". Fixed once the bids are in, so the draw cannot be repeated for a
// better result.
std::string CommitteeSeed(const std::string& tender_id, common::Timestamp bid_deadline,
                          std::vector<std::string> bid_digests);

struct Draw {
  std::vector<std::string> members;  // account ids, in the order drawn
  int candidates = 0;                // how many could have been drawn
};

// Draws `size` members among `experts` that are active, have `category` among their
// specialties and no affiliation among `bidder_credit_codes`. The candidates are put in account
// id order, then shuffled (Fisher-Yates) with numbers taken from SHA-256("<seed>:<i>"), each
// reduced without modulo bias; the first `size` are the committee. The same inputs always give
// the same committee, whatever order `experts` come in. Fewer candidates than `size` → kConflict.
common::Result<Draw> DrawCommittee(const std::vector<ExpertProfile>& experts, const std::string& category,
                                   const std::vector<std::string>& bidder_credit_codes, int size,
                                   const std::string& seed);

// ---- 3. Bids sealed by the bidder ------------------------------------------------------------

// The commitment to a price: lowercase hex SHA-256 of the UTF-8 text
// "<tender id>|<vendor id>|<price>|<nonce>", `price` being the decimal string the bidder will
// reveal (as sent) and `nonce` 32 to 64 lowercase hex characters (CONTRACT.md).
std::string Commitment(const std::string& tender_id, const std::string& vendor_id, const std::string& price_text,
                       const std::string& nonce);

// A commitment as a bidder sends it: 64 lowercase hex characters; else a kValidation error on
// "commitment".
common::Status CheckCommitment(const std::string& commitment);

// A reveal: the nonce's form (a "nonce" error), then whether price and nonce give the stored
// commitment: a kValidation error on "price" with code "commitment_mismatch" when they do not.
// The price text is compared as sent, so "100" and "100.00" are different reveals.
common::Status CheckReveal(const std::string& commitment, const std::string& tender_id, const std::string& vendor_id,
                           const std::string& price_text, const std::string& nonce);

// The reveal window: from the opening for `reveal_hours` hours. Open at `now` unless it has
// ended or the tender's officer closed it early (allowed only once every other bid is revealed).
bool RevealWindowOpen(common::Timestamp opened_at, int reveal_hours, common::Timestamp now, bool closed_early);

// When the window ends: `reveal_hours` after the opening, or when the owner closed it, if earlier.
common::Timestamp RevealWindowEnd(common::Timestamp opened_at, int reveal_hours,
                                  std::optional<common::Timestamp> closed_early_at);

}  // namespace procurement
