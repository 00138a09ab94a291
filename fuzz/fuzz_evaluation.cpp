// The evaluation engine (procurement/evaluation.h) on generated tenders.
//
// FuzzedDataProvider turns the input into terms (method, price weight, budget, minimum valid
// bids, policies) and up to 64 bids (price, domestic, SME, eligibility, a technical score or
// expert scores), some of them out of range on purpose. Invariants (docs/evaluation.md):
// - the engine answers with a report or a Validation status naming fields, nothing else;
// - no bid is listed twice; when recommended every bid is ranked or excluded; ranks are 1..n;
// - a ranked bid is eligible, priced above zero and within the budget; its evaluated price is
//   at most its price; an excluded bid has at least one reason, and not_eligible / over_budget
//   appear exactly when they apply;
// - "recommended" exactly when at least min_valid_bids bids are ranked, and then the winner is
//   rank 1; otherwise no winner, no ranking, failure_reason too_few_valid_bids, and fewer than
//   min_valid_bids bids escaped exclusion;
// - with no tie tolerance the primary measure is monotone down the ranking;
// - the report does not depend on the order of the bids (reversed and rotated inputs give the
//   same report, field for field).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "procurement/evaluation.h"

using procurement::BidInput;
using procurement::Method;

namespace {

// Field-by-field equality of two reports (cheaper than comparing their JSON, which dominated
// the target's time under ASan).
bool SameReport(const procurement::Report& a, const procurement::Report& b) {
  auto same_ranked = [](const procurement::RankedBid& x, const procurement::RankedBid& y) {
    return x.bid_id == y.bid_id && x.rank == y.rank && x.price == y.price && x.evaluated_price == y.evaluated_price &&
           x.price_score == y.price_score && x.technical_score == y.technical_score && x.total == y.total &&
           x.ratio == y.ratio && x.tie_break == y.tie_break && x.abnormally_low == y.abnormally_low &&
           x.domestic == y.domestic && x.sme == y.sme;
  };
  auto same_excluded = [](const procurement::ExcludedBid& x, const procurement::ExcludedBid& y) {
    if (x.bid_id != y.bid_id || x.reasons.size() != y.reasons.size()) return false;
    for (size_t i = 0; i < x.reasons.size(); ++i) {
      if (x.reasons[i].code != y.reasons[i].code || x.reasons[i].message != y.reasons[i].message) return false;
    }
    return true;
  };
  return a.recommended == b.recommended && a.method == b.method && a.base_price == b.base_price &&
         a.winner == b.winner && a.failure_reason == b.failure_reason &&
         std::equal(a.ranking.begin(), a.ranking.end(), b.ranking.begin(), b.ranking.end(), same_ranked) &&
         std::equal(a.excluded.begin(), a.excluded.end(), b.excluded.begin(), b.excluded.end(), same_excluded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  procurement::Terms terms;
  terms.tender_id = "ten_" + std::to_string(in.ConsumeIntegral<uint16_t>());
  terms.method = static_cast<Method>(in.ConsumeIntegralInRange<int>(0, 2));
  terms.price_weight = in.ConsumeIntegralInRange<int64_t>(-100, 10100);
  terms.budget = common::Money::FromFen(in.ConsumeIntegralInRange<int64_t>(-10, common::kMaxMoneyFen + 10));
  terms.min_valid_bids = in.ConsumeIntegralInRange<int>(0, 8);
  terms.kind = static_cast<procurement::CategoryKindHint>(in.ConsumeIntegralInRange<int>(0, 3));
  auto& pol = terms.policies;
  pol.domestic_tie_preference = in.ConsumeBool();
  pol.domestic_price_deduction = in.ConsumeIntegralInRange<int64_t>(0, 10500);
  pol.sme_price_deduction = in.ConsumeIntegralInRange<int64_t>(0, 10500);
  pol.tie_tolerance = in.ConsumeBool() ? 0 : in.ConsumeIntegralInRange<int64_t>(-5, 100000000);
  pol.expert_aggregation = in.ConsumeBool() ? procurement::Aggregation::kTrimmedMean : procurement::Aggregation::kMean;
  pol.abnormally_low_pct = in.ConsumeIntegralInRange<int64_t>(-5, 10005);

  std::vector<BidInput> bids(in.ConsumeIntegralInRange<size_t>(0, 64));
  for (size_t i = 0; i < bids.size(); ++i) {
    BidInput& b = bids[i];
    b.id = "b" + std::to_string(i);
    // Small prices make ties and rounding likely; large ones test the arithmetic's range.
    b.price = common::Money::FromFen(in.ConsumeBool() ? in.ConsumeIntegralInRange<int64_t>(-2, 2000)
                                                      : in.ConsumeIntegralInRange<int64_t>(-2, common::kMaxMoneyFen + 2));
    b.domestic = in.ConsumeBool();
    b.sme = in.ConsumeBool();
    b.eligible = in.ConsumeIntegralInRange<int>(0, 7) != 0;
    if (in.ConsumeBool()) {
      b.technical_score = in.ConsumeIntegralInRange<int64_t>(-1, 10001);
    } else {
      size_t experts = in.ConsumeIntegralInRange<size_t>(0, 9);
      for (size_t e = 0; e < experts; ++e) b.expert_scores.push_back(in.ConsumeIntegralInRange<int64_t>(-1, 10001));
    }
  }

  auto result = procurement::Evaluate(terms, bids);
  if (!result.ok()) {
    FUZZ_CHECK(result.status().code() == common::Code::kValidation);
    FUZZ_CHECK(!result.status().errors().empty());
    for (const auto& e : result.status().errors()) FUZZ_CHECK(!e.field.empty());
    return 0;
  }
  const procurement::Report& r = *result;
  FUZZ_CHECK(r.method == terms.method);
  std::set<std::string> seen;
  for (const auto& x : r.ranking) FUZZ_CHECK(seen.insert(x.bid_id).second);
  for (const auto& x : r.excluded) FUZZ_CHECK(seen.insert(x.bid_id).second);
  // A failed evaluation ranks nobody: the valid bids are then the ones not excluded.
  if (r.recommended) FUZZ_CHECK(seen.size() == bids.size());

  auto input_of = [&](const std::string& id) -> const BidInput& {
    return bids[std::stoul(id.substr(1))];
  };
  for (size_t i = 0; i < r.ranking.size(); ++i) {
    const auto& x = r.ranking[i];
    const BidInput& b = input_of(x.bid_id);
    FUZZ_CHECK(x.rank == static_cast<int>(i) + 1);
    FUZZ_CHECK(b.eligible);
    FUZZ_CHECK(b.price.fen > 0 && b.price <= terms.budget);
    FUZZ_CHECK(x.price == b.price);
    FUZZ_CHECK(x.evaluated_price.fen > 0 && x.evaluated_price <= x.price);
    FUZZ_CHECK(x.domestic == b.domestic && x.sme == b.sme);
    FUZZ_CHECK(x.total.has_value() == (terms.method == Method::kComprehensive));
    FUZZ_CHECK(x.ratio.has_value() == (terms.method == Method::kPricePerformance));
    if (i + 1 < r.ranking.size() && pol.tie_tolerance == 0) {
      const auto& next = r.ranking[i + 1];
      switch (terms.method) {
        case Method::kLowestPrice: FUZZ_CHECK(x.evaluated_price <= next.evaluated_price); break;
        case Method::kComprehensive: FUZZ_CHECK(*x.total >= *next.total); break;
        case Method::kPricePerformance: FUZZ_CHECK(*x.ratio >= *next.ratio); break;
      }
    }
  }
  for (const auto& x : r.excluded) {
    const BidInput& b = input_of(x.bid_id);
    FUZZ_CHECK(!x.reasons.empty());
    bool not_eligible = false, over_budget = false;
    for (const auto& reason : x.reasons) {
      not_eligible |= reason.code == "not_eligible";
      over_budget |= reason.code == "over_budget";
    }
    FUZZ_CHECK(not_eligible == !b.eligible);
    FUZZ_CHECK(over_budget == (b.price > terms.budget));
  }
  if (r.recommended) {
    FUZZ_CHECK(static_cast<int>(r.ranking.size()) >= terms.min_valid_bids && !r.ranking.empty());
    FUZZ_CHECK(r.winner && *r.winner == r.ranking[0].bid_id);
    FUZZ_CHECK(r.failure_reason.empty());
  } else {
    FUZZ_CHECK(!r.winner && r.ranking.empty());
    FUZZ_CHECK(r.failure_reason == "too_few_valid_bids");
    FUZZ_CHECK(static_cast<int>(bids.size() - r.excluded.size()) < terms.min_valid_bids);
  }

  // Order independence, field for field.
  std::vector<BidInput> reordered(bids.rbegin(), bids.rend());
  auto again = procurement::Evaluate(terms, reordered);
  FUZZ_CHECK(again.ok() && SameReport(*again, r));
  if (bids.size() > 2) {
    std::rotate(reordered.begin(), reordered.begin() + 1, reordered.end());
    auto third = procurement::Evaluate(terms, reordered);
    FUZZ_CHECK(third.ok() && SameReport(*third, r));
  }
  return 0;
}
