// The tender evaluation engine: a pure function from (terms, bids) to the report, following
// docs/evaluation.md (the project's copy of the contract's EVALUATION.md) to the letter.
//
// Units, all integers: money in fen; scores, weights and percentages in hundredths (60.5 points
// = 6050, 30% = 3000); the price-performance ratio in ten-thousandths. Every division is exact
// rational arithmetic rounded half up (arith.h). Nothing here reads a clock, a database or JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.h"
#include "common/money.h"
#include "common/status.h"

namespace procurement {

enum class Method { kLowestPrice, kComprehensive, kPricePerformance };
inline constexpr common::EnumName<Method> kMethodNames[] = {
    {Method::kLowestPrice, "lowest_price"},
    {Method::kComprehensive, "comprehensive"},
    {Method::kPricePerformance, "price_performance"},
};
static_assert(common::CoversExactly(kMethodNames, 3));
inline const char* MethodName(Method v) { return common::NameIn(kMethodNames, v); }
inline std::optional<Method> ParseMethod(std::string_view s) { return common::ParseIn(kMethodNames, s); }

enum class Aggregation { kMean, kTrimmedMean };
inline constexpr common::EnumName<Aggregation> kAggregationNames[] = {
    {Aggregation::kMean, "mean"},
    {Aggregation::kTrimmedMean, "trimmed_mean"},
};
static_assert(common::CoversExactly(kAggregationNames, 2));
inline const char* AggregationName(Aggregation v) { return common::NameIn(kAggregationNames, v); }
inline std::optional<Aggregation> ParseAggregation(std::string_view s) { return common::ParseIn(kAggregationNames, s); }
enum class CategoryKindHint { kUnknown, kGoods, kServices, kWorks };

struct Policies {
  bool domestic_tie_preference = true;
  int64_t domestic_price_deduction = 0;  // hundredths of a percent
  int64_t sme_price_deduction = 0;       // hundredths of a percent
  int64_t tie_tolerance = 0;             // hundredths: points (comprehensive), yuan (lowest_price),
                                         // percent of the cross products (price_performance)
  Aggregation expert_aggregation = Aggregation::kMean;
  int64_t abnormally_low_pct = 5000;     // hundredths of a percent
};

struct Terms {
  std::string tender_id = "simulation";  // seeds the reproducible draw
  Method method = Method::kComprehensive;
  int64_t price_weight = 0;              // hundredths of a point; comprehensive only
  common::Money budget;
  int min_valid_bids = 3;
  Policies policies;
  // When known, the price weight must be at least 30 (goods) or 10 (services) points.
  CategoryKindHint kind = CategoryKindHint::kUnknown;
};

struct BidInput {
  std::string id;
  common::Money price;
  bool domestic = false;
  bool sme = false;
  bool eligible = true;
  std::optional<int64_t> technical_score;  // hundredths
  std::vector<int64_t> expert_scores;      // hundredths; used when technical_score is absent
  // False for a bid sealed by its bidder and never revealed: excluded (not_revealed), its price
  // unknown and not judged.
  bool revealed = true;
};

struct ExclusionReason {
  std::string code;  // not_eligible, not_revealed, over_budget, invalid_price
  std::string message;
};

// One expert's score of a ranked bid, for the report (the engine neither reads nor fills it:
// the tender service adds it after ranking). expert_id empty: a legacy score (tender.h Score).
struct ExpertScore {
  std::string expert_id;
  std::string expert_name;
  int64_t technical_score = 0;  // hundredths
};

struct RankedBid {
  std::string bid_id;
  int rank = 0;
  common::Money price;
  common::Money evaluated_price;
  std::optional<int64_t> price_score;  // hundredths; comprehensive only
  int64_t technical_score = 0;         // hundredths
  std::optional<int64_t> total;        // hundredths; comprehensive only
  std::optional<int64_t> ratio;        // ten-thousandths of a point per 10,000 yuan; price_performance only
  std::string tie_break;               // "", domestic_preference, lower_price, higher_technical_score, draw
  bool abnormally_low = false;
  bool domestic = false;
  bool sme = false;
  std::vector<ExpertScore> expert_scores;  // when experts scored; see ExpertScore
  // What the bidder claimed, beside `domestic` (what counted: verified through catalog items).
  // Set by the tender service; unset in simulations, where the input is taken as given.
  std::optional<bool> domestic_claimed;
};

struct ExcludedBid {
  std::string bid_id;
  std::vector<ExclusionReason> reasons;
};

struct Report {
  bool recommended = false;              // status "recommended" or "failed"
  Method method = Method::kComprehensive;
  std::optional<common::Money> base_price;  // comprehensive, when recommended
  std::optional<std::string> winner;
  std::vector<RankedBid> ranking;
  std::vector<ExcludedBid> excluded;
  std::string failure_reason;            // "" or too_few_valid_bids
};

// Validates the terms and bids (kValidation with FieldErrors named like the JSON:
// "price_weight", "policies.tie_tolerance", "bids[3].technical_score") and evaluates.
// The result does not depend on the order of `bids`.
common::Result<Report> Evaluate(const Terms& terms, const std::vector<BidInput>& bids);

// The technical score from expert scores: the mean rounded half up to 0.01; with trimmed_mean
// and five or more experts the single highest and single lowest are dropped first.
int64_t AggregateExpertScores(const std::vector<int64_t>& scores, Aggregation how);

}  // namespace procurement
