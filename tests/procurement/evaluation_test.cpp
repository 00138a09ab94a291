#include "procurement/evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "common/crypto.h"
#include "procurement/arith.h"

namespace procurement {
namespace {

using common::Money;

Money Y(int64_t yuan) { return Money{yuan * 100}; }

BidInput Bid(const std::string& id, int64_t yuan, int64_t t_hundredths, bool domestic = false, bool sme = false) {
  BidInput b;
  b.id = id;
  b.price = Y(yuan);
  b.technical_score = t_hundredths;
  b.domestic = domestic;
  b.sme = sme;
  return b;
}

Terms Comprehensive(int64_t weight = 3000, int64_t budget_yuan = 1000000) {
  Terms t;
  t.method = Method::kComprehensive;
  t.price_weight = weight;
  t.budget = Y(budget_yuan);
  return t;
}

Report Eval(const Terms& t, const std::vector<BidInput>& bids) {
  auto r = Evaluate(t, bids);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Report{};
}

const RankedBid& Find(const Report& r, const std::string& id) {
  for (const auto& b : r.ranking) {
    if (b.bid_id == id) return b;
  }
  static RankedBid none;
  ADD_FAILURE() << id << " is not ranked";
  return none;
}

std::vector<std::string> Order(const Report& r) {
  std::vector<std::string> out;
  for (const auto& b : r.ranking) out.push_back(b.bid_id);
  return out;
}
using V = std::vector<std::string>;

// EVALUATION.md's worked example, figure by figure.
TEST(EvaluationTest, WorkedExample) {
  std::vector<BidInput> bids = {Bid("A", 800000, 6000), Bid("B", 900000, 6333, true), Bid("C", 1000000, 5500, true)};
  Report r = Eval(Comprehensive(), bids);
  ASSERT_TRUE(r.recommended);
  EXPECT_EQ(r.base_price->fen, 80000000);
  EXPECT_EQ(Order(r), (V{"B", "A", "C"}));
  EXPECT_EQ(*r.winner, "B");
  const RankedBid& b = Find(r, "B");
  EXPECT_EQ(b.evaluated_price.fen, 90000000);
  EXPECT_EQ(*b.price_score, 2667);  // 800000/900000 x 30 = 26.666... -> 26.67
  EXPECT_EQ(*b.total, 9000);
  EXPECT_EQ(b.tie_break, "domestic_preference");
  EXPECT_EQ(*Find(r, "A").price_score, 3000);
  EXPECT_EQ(*Find(r, "A").total, 9000);
  EXPECT_EQ(Find(r, "A").tie_break, "");  // C is not in its tie group
  EXPECT_EQ(*Find(r, "C").price_score, 2400);
  EXPECT_EQ(*Find(r, "C").total, 7900);
  EXPECT_EQ(Find(r, "C").rank, 3);
  EXPECT_TRUE(r.excluded.empty());

  Terms off = Comprehensive();
  off.policies.domestic_tie_preference = false;
  Report r2 = Eval(off, bids);
  EXPECT_EQ(Order(r2), (V{"A", "B", "C"}));
  EXPECT_EQ(Find(r2, "A").tie_break, "lower_price");
}

TEST(EvaluationTest, LowestPriceWithDeductions) {
  Terms t;
  t.method = Method::kLowestPrice;
  t.budget = Y(600000);
  t.policies.domestic_price_deduction = 2000;  // 20%
  t.policies.sme_price_deduction = 1000;       // 10%
  BidInput a = Bid("A", 500000, 0);
  BidInput b = Bid("B", 520000, 0, /*domestic=*/true);
  BidInput c = Bid("C", 480000, 0, false, /*sme=*/true);
  BidInput d = Bid("D", 590000, 0, true, true);  // both: 30% off -> 413000.00
  Report r = Eval(t, {a, b, c, d});
  EXPECT_EQ(Order(r), (V{"D", "B", "C", "A"}));
  EXPECT_EQ(Find(r, "D").evaluated_price.fen, 41300000);
  EXPECT_EQ(Find(r, "B").evaluated_price.fen, 41600000);
  EXPECT_EQ(Find(r, "C").evaluated_price.fen, 43200000);
  EXPECT_FALSE(Find(r, "A").price_score.has_value());
  EXPECT_FALSE(Find(r, "A").total.has_value());
  EXPECT_FALSE(r.base_price.has_value());
}

TEST(EvaluationTest, EvaluatedPriceRoundsHalfUpToTheFen) {
  Terms t;
  t.method = Method::kLowestPrice;
  t.budget = Y(1000);
  t.min_valid_bids = 1;
  t.policies.sme_price_deduction = 1250;  // 12.5%
  BidInput b;
  b.id = "A";
  b.price = Money{1003};  // 10.03 x 0.875 = 8.77625 -> 8.78
  b.sme = true;
  EXPECT_EQ(Eval(t, {b}).ranking[0].evaluated_price.fen, 878);
  b.price = Money{1004};  // 10.04 x 0.875 = 8.785 -> 8.79 (half up)
  EXPECT_EQ(Eval(t, {b}).ranking[0].evaluated_price.fen, 879);
}

TEST(EvaluationTest, LowestPriceTiesGoToDomesticThenTheDraw) {
  Terms t;
  t.method = Method::kLowestPrice;
  t.budget = Y(600000);
  Report r = Eval(t, {Bid("A", 500000, 0), Bid("B", 500000, 0, true), Bid("C", 510000, 0)});
  EXPECT_EQ(Order(r), (V{"B", "A", "C"}));
  EXPECT_EQ(Find(r, "B").tie_break, "domestic_preference");
  // Without the preference, equal evaluated prices are drawn: lower_price does not apply here.
  t.policies.domestic_tie_preference = false;
  Report d = Eval(t, {Bid("A", 500000, 0), Bid("B", 500000, 0, true), Bid("C", 510000, 0)});
  bool a_first = common::Sha256Hex("simulation:A") < common::Sha256Hex("simulation:B");
  EXPECT_EQ(Order(d)[0], a_first ? "A" : "B");
  EXPECT_EQ(d.ranking[0].tie_break, "draw");
}

TEST(EvaluationTest, PricePerformanceComparesExactly) {
  Terms t;
  t.method = Method::kPricePerformance;
  t.budget = Y(1000000);
  // 80 points / 800,000 and 60 points / 600,000: exactly the same ratio, 1.0000 per 10,000 yuan.
  Report r = Eval(t, {Bid("A", 800000, 8000), Bid("B", 600000, 6000), Bid("C", 900000, 8000)});
  EXPECT_EQ(Order(r), (V{"B", "A", "C"}));
  EXPECT_EQ(*Find(r, "A").ratio, 10000);
  EXPECT_EQ(*Find(r, "B").ratio, 10000);
  EXPECT_EQ(Find(r, "B").tie_break, "lower_price");
  EXPECT_EQ(*Find(r, "C").ratio, 8889);  // 80 / 90 = 0.88888... -> 0.8889
  // The domestic bid wins the tie before price is looked at.
  Report dom = Eval(t, {Bid("A", 800000, 8000, true), Bid("B", 600000, 6000), Bid("C", 900000, 8000)});
  EXPECT_EQ(Order(dom)[0], "A");
  EXPECT_EQ(dom.ranking[0].tie_break, "domestic_preference");
}

TEST(EvaluationTest, RoundedRatiosAreNotUsedToCompare) {
  Terms t;
  t.method = Method::kPricePerformance;
  t.budget = Y(10000000);
  t.min_valid_bids = 2;
  // 33.33 / 3,333,300.01 and 33.33 / 3,333,300.02 round to the same ratio, but are not equal.
  BidInput a = Bid("A", 0, 3333);
  a.price = Money{333330001};
  BidInput b = Bid("B", 0, 3333);
  b.price = Money{333330002};
  Report r = Eval(t, {b, a});
  EXPECT_EQ(*r.ranking[0].ratio, *r.ranking[1].ratio);
  EXPECT_EQ(Order(r), (V{"A", "B"}));
  EXPECT_EQ(r.ranking[0].tie_break, "");  // not tied: A's ratio is really higher
}

TEST(EvaluationTest, HigherTechnicalScoreBreaksPricePerformanceTies) {
  Terms t;
  t.method = Method::kPricePerformance;
  t.budget = Y(2000000);
  t.policies.domestic_tie_preference = false;
  t.policies.domestic_price_deduction = 2000;
  // A: 1,000,000 domestic -> E 800,000, T 80. B: 1,000,000 -> E 1,000,000, T 100. Same ratio,
  // same quoted price: the higher technical score goes first.
  Report r = Eval(t, {Bid("A", 1000000, 8000, true), Bid("B", 1000000, 10000), Bid("C", 1500000, 5000)});
  EXPECT_EQ(Order(r), (V{"B", "A", "C"}));
  EXPECT_EQ(Find(r, "B").tie_break, "higher_technical_score");
}

TEST(EvaluationTest, ExactDrawIsReproducibleAndSeededByTheTender) {
  Terms t = Comprehensive();
  std::vector<BidInput> bids = {Bid("A", 700000, 6000), Bid("B", 700000, 6000), Bid("C", 700000, 6000)};
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& b : bids) keys.emplace_back(common::Sha256Hex("T-1:" + b.id), b.id);
  std::sort(keys.begin(), keys.end());
  t.tender_id = "T-1";
  Report r = Eval(t, bids);
  EXPECT_EQ(Order(r), (V{keys[0].second, keys[1].second, keys[2].second}));
  EXPECT_EQ(r.ranking[0].tie_break, "draw");
  EXPECT_EQ(r.ranking[1].tie_break, "draw");
  EXPECT_EQ(r.ranking[2].tie_break, "");
}

TEST(EvaluationTest, ToleranceGroupsFollowTheFirstBid) {
  Terms t = Comprehensive(3000, 2000000);
  t.policies.tie_tolerance = 50;  // 0.50 points
  // Totals 90.00, 89.50, 89.00: the first two tie (0.50 apart); 89.00 is 1.00 from 90.00.
  std::vector<BidInput> bids = {Bid("A", 800000, 6000), Bid("B", 800000, 5950, true), Bid("C", 800000, 5900, true)};
  Report r = Eval(t, bids);
  EXPECT_EQ(Order(r), (V{"B", "A", "C"}));
  EXPECT_EQ(Find(r, "B").tie_break, "domestic_preference");
  EXPECT_EQ(Find(r, "A").tie_break, "");
  EXPECT_EQ(*Find(r, "C").total, 8900);
}

// Exactly one tolerance apart is within it (EVALUATION.md: "within tolerance"), for each method;
// one fen or one unit more is not. Mutation testing found `<` for `<=` survived here.
TEST(EvaluationTest, LowestPriceToleranceIncludesItsExactBoundary) {
  Terms t;
  t.method = Method::kLowestPrice;
  t.budget = Y(600000);
  t.policies.tie_tolerance = 100;  // 1.00 yuan of evaluated price
  BidInput a = Bid("A", 500000, 0);
  BidInput b = Bid("B", 0, 0, /*domestic=*/true);
  b.price = Money{50000000 + 100};  // exactly 1.00 yuan more
  Report r = Eval(t, {a, b, Bid("C", 510000, 0)});
  EXPECT_EQ(Order(r), (V{"B", "A", "C"}));
  EXPECT_EQ(Find(r, "B").tie_break, "domestic_preference");
  b.price = Money{50000000 + 101};  // one fen beyond: no tie, the cheaper goes first
  Report beyond = Eval(t, {a, b, Bid("C", 510000, 0)});
  EXPECT_EQ(Order(beyond), (V{"A", "B", "C"}));
  EXPECT_EQ(Find(beyond, "A").tie_break, "");
}

TEST(EvaluationTest, PricePerformanceToleranceIncludesItsExactBoundary) {
  Terms t;
  t.method = Method::kPricePerformance;
  t.budget = Y(1000000);
  t.policies.tie_tolerance = 100;  // 1.00 % of the larger cross product
  // A: 99.00 / 100,000 yuan (domestic); B: 100.00 / 100,000 yuan. The cross products are
  // 99.00 × E and 100.00 × E: exactly 1 % apart.
  Report r = Eval(t, {Bid("A", 100000, 9900, true), Bid("B", 100000, 10000), Bid("C", 100000, 5000)});
  EXPECT_EQ(Order(r), (V{"A", "B", "C"}));
  EXPECT_EQ(Find(r, "A").tie_break, "domestic_preference");
  // 98.99 points: just over 1 % apart, no tie; B's better ratio goes first.
  Report beyond = Eval(t, {Bid("A", 100000, 9899, true), Bid("B", 100000, 10000), Bid("C", 100000, 5000)});
  EXPECT_EQ(Order(beyond), (V{"B", "A", "C"}));
  EXPECT_EQ(Find(beyond, "B").tie_break, "");
}

TEST(EvaluationTest, ExclusionsListEveryReason) {
  Terms t = Comprehensive();
  BidInput late = Bid("D", 1200000, 6000);
  late.eligible = false;
  BidInput zero = Bid("E", 0, 6000);
  Report r = Eval(t, {Bid("A", 800000, 6000), Bid("B", 900000, 6000), Bid("C", 950000, 6000), late, zero});
  ASSERT_EQ(r.excluded.size(), 2u);
  EXPECT_EQ(r.excluded[0].bid_id, "D");
  ASSERT_EQ(r.excluded[0].reasons.size(), 2u);
  EXPECT_EQ(r.excluded[0].reasons[0].code, "not_eligible");
  EXPECT_EQ(r.excluded[0].reasons[1].code, "over_budget");
  EXPECT_EQ(r.excluded[1].reasons[0].code, "invalid_price");
  EXPECT_EQ(r.ranking.size(), 3u);
  // The budget test uses the real price, never the evaluated one.
  Terms d = Comprehensive();
  d.policies.domestic_price_deduction = 5000;
  Report r2 = Eval(d, {Bid("A", 800000, 6000), Bid("B", 900000, 6000), Bid("C", 950000, 6000), Bid("X", 1000001, 6000, true)});
  ASSERT_EQ(r2.excluded.size(), 1u);
  EXPECT_EQ(r2.excluded[0].reasons[0].code, "over_budget");
}

TEST(EvaluationTest, TooFewValidBidsFailsTheTender) {
  Terms t = Comprehensive();
  BidInput bad = Bid("C", 2000000, 6000);
  Report r = Eval(t, {Bid("A", 800000, 6000), Bid("B", 900000, 6000), bad});
  EXPECT_FALSE(r.recommended);
  EXPECT_EQ(r.failure_reason, "too_few_valid_bids");
  EXPECT_FALSE(r.winner.has_value());
  EXPECT_TRUE(r.ranking.empty());
  ASSERT_EQ(r.excluded.size(), 1u);
  t.min_valid_bids = 2;
  EXPECT_TRUE(Eval(t, {Bid("A", 800000, 6000), Bid("B", 900000, 6000), bad}).recommended);
  EXPECT_FALSE(Eval(t, {}).recommended);
}

TEST(EvaluationTest, AbnormallyLowIsFlaggedNotExcluded) {
  Terms t = Comprehensive();
  Report r = Eval(t, {Bid("A", 1000, 6000), Bid("B", 1000, 6000), Bid("C", 400, 6000), Bid("D", 500, 6000)});
  // C: others' mean (1000 + 1000 + 500) / 3 = 833.33; 400 < 416.67 -> flagged.
  // D: others' mean (1000 + 1000 + 400) / 3 = 800;    500 < 400 is false.
  EXPECT_TRUE(Find(r, "C").abnormally_low);
  EXPECT_FALSE(Find(r, "D").abnormally_low);
  EXPECT_FALSE(Find(r, "A").abnormally_low);
  EXPECT_EQ(*r.winner, "C");
  // Exactly at the threshold is not below it: 500 vs 50% of 1000.
  Report edge = Eval(t, {Bid("A", 1000, 6000), Bid("B", 1000, 6000), Bid("C", 500, 6000)});
  EXPECT_FALSE(Find(edge, "C").abnormally_low);
}

TEST(EvaluationTest, ExpertScoresAggregate) {
  EXPECT_EQ(AggregateExpertScores({6000, 6100, 6200}, Aggregation::kMean), 6100);
  EXPECT_EQ(AggregateExpertScores({6000, 6000, 6001}, Aggregation::kMean), 6000);  // 60.0033 -> 60.00
  EXPECT_EQ(AggregateExpertScores({6000, 6001}, Aggregation::kMean), 6001);        // 60.005 -> 60.01
  EXPECT_EQ(AggregateExpertScores({1000, 6000, 6100, 6200, 10000}, Aggregation::kTrimmedMean), 6100);
  EXPECT_EQ(AggregateExpertScores({1000, 6000, 6100, 6200}, Aggregation::kTrimmedMean), 4825);  // < 5 experts: mean
  Terms t = Comprehensive();
  t.policies.expert_aggregation = Aggregation::kTrimmedMean;
  BidInput a = Bid("A", 800000, 0);
  a.technical_score.reset();
  a.expert_scores = {1000, 6000, 6100, 6200, 7000};
  Report r = Eval(t, {a, Bid("B", 900000, 6000), Bid("C", 950000, 6000)});
  EXPECT_EQ(Find(r, "A").technical_score, 6100);
}

TEST(EvaluationTest, InvalidTermsAndBidsAreRefusedWithFields) {
  auto fields = [](const Terms& t, const std::vector<BidInput>& b) {
    std::vector<std::string> out;
    auto r = Evaluate(t, b);
    EXPECT_FALSE(r.ok());
    for (const auto& e : r.status().errors()) out.push_back(e.field);
    return out;
  };
  Terms t = Comprehensive();
  EXPECT_EQ(fields(t, {Bid("A", 1, 7001)}), V{"bids[0].technical_score"});  // > 100 - 30
  Terms goods = Comprehensive(2999);
  goods.kind = CategoryKindHint::kGoods;
  EXPECT_EQ(fields(goods, {}), V{"price_weight"});
  Terms services = Comprehensive(999);
  services.kind = CategoryKindHint::kServices;
  EXPECT_EQ(fields(services, {}), V{"price_weight"});
  services.price_weight = 1000;
  EXPECT_TRUE(Evaluate(services, {}).ok());
  Terms ded = Comprehensive();
  ded.policies.domestic_price_deduction = 6000;
  ded.policies.sme_price_deduction = 4000;
  EXPECT_EQ(fields(ded, {}), V{"policies"});
  EXPECT_EQ(fields(t, {Bid("A", 1, 100), Bid("A", 2, 100)}), V{"bids[1].id"});
  BidInput none = Bid("A", 1, 0);
  none.technical_score.reset();
  EXPECT_EQ(fields(t, {none}), V{"bids[0].technical_score"});
  BidInput both = Bid("A", 1, 100);
  both.expert_scores = {100};
  EXPECT_EQ(fields(t, {both}), V{"bids[0].expert_scores"});
  Terms budget = Comprehensive(3000, 0);
  EXPECT_EQ(fields(budget, {}), V{"budget"});
}

// Tenders of thousands of bids: the duplicate check's hash table probes and the by-value sort
// are exercised well past the sizes above, against the rules recomputed here by hand.
TEST(EvaluationTest, EveryRepeatedIdAmongManyBidsIsNamed) {
  std::vector<BidInput> bids;
  for (int i = 0; i < 30000; ++i) bids.push_back(Bid("v" + std::to_string(i), 1000, 5000));
  // 1,000 repeats spread over the table, so some must be found past a collision, plus a third
  // bid with an id already repeated. Only the later bids of each id are named, in bid order.
  V want;
  for (int i = 20000; i < 30000; i += 10) {
    bids[i].id = bids[i - 20000 + 3].id;
    want.push_back("bids[" + std::to_string(i) + "].id");
  }
  bids[29999].id = bids[3].id;
  want.push_back("bids[29999].id");
  auto r = Evaluate(Comprehensive(), bids);
  ASSERT_FALSE(r.ok());
  V fields;
  for (const auto& e : r.status().errors()) {
    fields.push_back(e.field);
    EXPECT_EQ(e.code, "duplicate") << e.field;
  }
  EXPECT_EQ(fields, want);
}

TEST(EvaluationTest, ThousandsOfTiedBidsRankByTheRulesInOrder) {
  std::mt19937_64 rng(5);
  std::vector<BidInput> bids;
  for (int i = 0; i < 3000; ++i) {
    // 50 prices x 8 scores: about 7 bids per total, many with equal prices, so every rule decides.
    bids.push_back(Bid("b" + std::to_string(i), 100000 + static_cast<int64_t>(rng() % 50) * 10000,
                       static_cast<int64_t>(rng() % 8) * 1000, rng() % 2 == 0));
  }
  Terms t = Comprehensive(3000, 1000000);
  t.tender_id = "T-big";
  Report r = Eval(t, bids);
  ASSERT_EQ(r.ranking.size(), bids.size());
  std::map<std::string, const BidInput*> by_id;
  for (const auto& b : bids) by_id[b.id] = &b;
  std::vector<std::string> expected = Order(r);
  std::map<std::string, int64_t> total;
  for (const auto& x : r.ranking) total[x.bid_id] = *x.total;
  // EVALUATION.md 5-7 with the preference on and no tolerance: total, then domestic, then the
  // quoted price, then the lowercase hex draw key.
  std::sort(expected.begin(), expected.end(), [&](const std::string& a, const std::string& b) {
    const BidInput &x = *by_id[a], &y = *by_id[b];
    if (total[a] != total[b]) return total[a] > total[b];
    if (x.domestic != y.domestic) return x.domestic;
    if (x.price != y.price) return x.price < y.price;
    return common::Sha256Hex("T-big:" + a) < common::Sha256Hex("T-big:" + b);
  });
  ASSERT_EQ(Order(r), expected);
  std::map<std::string, int> rules;
  for (size_t i = 0; i < r.ranking.size(); ++i) {
    const RankedBid& x = r.ranking[i];
    std::string want;
    if (i + 1 < r.ranking.size() && total[x.bid_id] == total[r.ranking[i + 1].bid_id]) {
      const BidInput &a = *by_id[x.bid_id], &b = *by_id[r.ranking[i + 1].bid_id];
      want = a.domestic != b.domestic ? "domestic_preference" : a.price != b.price ? "lower_price" : "draw";
    }
    ASSERT_EQ(x.tie_break, want) << "rank " << x.rank;
    ++rules[want];
  }
  EXPECT_GT(rules["domestic_preference"], 100);
  EXPECT_GT(rules["lower_price"], 30);  // equal totals at different prices are the rarer case
  EXPECT_GT(rules["draw"], 100);
}

// ---- properties over generated tenders

struct Generated {
  Terms terms;
  std::vector<BidInput> bids;
};

Generated Generate(std::mt19937_64& rng, bool with_tolerance) {
  Generated g;
  std::uniform_int_distribution<int> method(0, 2), nbids(0, 12), coin(0, 3);
  g.terms.method = static_cast<Method>(method(rng));
  g.terms.tender_id = "T" + std::to_string(rng() % 1000);
  g.terms.price_weight = 1000 + static_cast<int64_t>(rng() % 6001);
  g.terms.budget = Money{static_cast<int64_t>(50000000 + rng() % 50000000)};
  g.terms.min_valid_bids = 1 + static_cast<int>(rng() % 3);
  g.terms.policies.domestic_price_deduction = coin(rng) == 0 ? static_cast<int64_t>(rng() % 2001) : 0;
  g.terms.policies.sme_price_deduction = coin(rng) == 0 ? static_cast<int64_t>(rng() % 2001) : 0;
  g.terms.policies.domestic_tie_preference = coin(rng) != 0;
  if (with_tolerance && coin(rng) == 0) g.terms.policies.tie_tolerance = static_cast<int64_t>(rng() % 300);
  int64_t max_t = g.terms.method == Method::kComprehensive ? 10000 - g.terms.price_weight : 10000;
  int n = nbids(rng);
  for (int i = 0; i < n; ++i) {
    BidInput b;
    b.id = "bid" + std::to_string(i);
    // Coarse prices and scores make ties common.
    b.price = Money{static_cast<int64_t>(40000000 + (rng() % 80) * 1000000)};
    b.technical_score = static_cast<int64_t>((rng() % 11) * (max_t / 10));
    b.domestic = coin(rng) < 2;
    b.sme = coin(rng) == 0;
    b.eligible = coin(rng) != 0;
    g.bids.push_back(b);
  }
  return g;
}

int RankOf(const Report& r, const std::string& id) {
  for (const auto& b : r.ranking) {
    if (b.bid_id == id) return b.rank;
  }
  return 1 << 20;  // excluded or failed: worse than any rank
}

bool SameReport(const Report& a, const Report& b) {
  if (a.recommended != b.recommended || a.winner != b.winner || a.ranking.size() != b.ranking.size() ||
      a.excluded.size() != b.excluded.size() || a.base_price != b.base_price) {
    return false;
  }
  for (size_t i = 0; i < a.ranking.size(); ++i) {
    const RankedBid &x = a.ranking[i], &y = b.ranking[i];
    if (x.bid_id != y.bid_id || x.rank != y.rank || x.total != y.total || x.price_score != y.price_score ||
        x.ratio != y.ratio || x.tie_break != y.tie_break || x.abnormally_low != y.abnormally_low ||
        x.evaluated_price != y.evaluated_price) {
      return false;
    }
  }
  return true;
}

TEST(EvaluationPropertyTest, OrderOfBidsNeverMatters) {
  std::mt19937_64 rng(20261201);
  for (int round = 0; round < 3000; ++round) {
    Generated g = Generate(rng, true);
    auto first = Evaluate(g.terms, g.bids);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    std::shuffle(g.bids.begin(), g.bids.end(), rng);
    auto second = Evaluate(g.terms, g.bids);
    ASSERT_TRUE(SameReport(*first, *second)) << "round " << round;
  }
}

TEST(EvaluationPropertyTest, RaisingAPriceNeverImprovesItsRank) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 3000; ++round) {
    Generated g = Generate(rng, false);
    if (g.bids.empty()) continue;
    Report before = *Evaluate(g.terms, g.bids);
    size_t k = rng() % g.bids.size();
    g.bids[k].price.fen += static_cast<int64_t>(1 + rng() % 5000000);
    Report after = *Evaluate(g.terms, g.bids);
    ASSERT_GE(RankOf(after, g.bids[k].id), RankOf(before, g.bids[k].id)) << "round " << round;
  }
}

TEST(EvaluationPropertyTest, TurningABidDomesticNeverWorsensItsRank) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 3000; ++round) {
    Generated g = Generate(rng, false);
    g.terms.policies.domestic_tie_preference = true;
    std::vector<size_t> foreign;
    for (size_t i = 0; i < g.bids.size(); ++i) {
      if (!g.bids[i].domestic) foreign.push_back(i);
    }
    if (foreign.empty()) continue;
    size_t k = foreign[rng() % foreign.size()];
    Report before = *Evaluate(g.terms, g.bids);
    g.bids[k].domestic = true;
    Report after = *Evaluate(g.terms, g.bids);
    ASSERT_LE(RankOf(after, g.bids[k].id), RankOf(before, g.bids[k].id)) << "round " << round;
  }
}

TEST(EvaluationPropertyTest, ReportsAreConsistentAndRecompute) {
  std::mt19937_64 rng(99);
  int recommended = 0, ties = 0;
  for (int round = 0; round < 5000; ++round) {
    Generated g = Generate(rng, true);
    Report r = *Evaluate(g.terms, g.bids);
    std::map<std::string, const BidInput*> by_id;
    for (const auto& b : g.bids) by_id[b.id] = &b;
    // Every bid is either ranked or excluded (a failed tender ranks none, lists its exclusions).
    if (r.recommended) {
      ASSERT_EQ(r.ranking.size() + r.excluded.size(), g.bids.size());
    }
    ASSERT_LE(r.excluded.size(), g.bids.size());
    for (const auto& ex : r.excluded) {
      ASSERT_FALSE(ex.reasons.empty());
      ASSERT_NE(r.winner, std::optional<std::string>(ex.bid_id));  // never an excluded winner
    }
    if (!r.recommended) {
      ASSERT_TRUE(r.ranking.empty());
      continue;
    }
    ++recommended;
    ASSERT_EQ(*r.winner, r.ranking[0].bid_id);
    for (size_t i = 0; i < r.ranking.size(); ++i) {
      const RankedBid& x = r.ranking[i];
      const BidInput& in = *by_id[x.bid_id];
      ASSERT_EQ(x.rank, static_cast<int>(i + 1));
      ASSERT_TRUE(in.eligible && in.price <= g.terms.budget && in.price.fen > 0);
      // E is within half a fen of price x (100 - deductions) / 100, rounding half up.
      int64_t d = (in.domestic ? g.terms.policies.domestic_price_deduction : 0) +
                  (in.sme ? g.terms.policies.sme_price_deduction : 0);
      Int128 exact = static_cast<Int128>(in.price.fen) * (10000 - d);  // = E x 10000, exactly
      ASSERT_TRUE(2 * exact - 10000 < 2 * static_cast<Int128>(x.evaluated_price.fen) * 10000 &&
                  2 * static_cast<Int128>(x.evaluated_price.fen) * 10000 <= 2 * exact + 10000);
      if (g.terms.method == Method::kComprehensive) {
        Int128 bw = static_cast<Int128>(r.base_price->fen) * g.terms.price_weight;
        Int128 se = static_cast<Int128>(*x.price_score) * x.evaluated_price.fen;
        ASSERT_TRUE(2 * bw - x.evaluated_price.fen < 2 * se && 2 * se <= 2 * bw + x.evaluated_price.fen);
        ASSERT_EQ(*x.total, *x.price_score + x.technical_score);
        ASSERT_LE(r.base_price->fen, x.evaluated_price.fen);
      }
      if (i + 1 < r.ranking.size() && g.terms.policies.tie_tolerance == 0) {
        const RankedBid& y = r.ranking[i + 1];
        // Without tolerance the primary measure never increases down the ranking.
        switch (g.terms.method) {
          case Method::kComprehensive: ASSERT_GE(*x.total, *y.total); break;
          case Method::kLowestPrice: ASSERT_LE(x.evaluated_price.fen, y.evaluated_price.fen); break;
          case Method::kPricePerformance:
            ASSERT_GE(static_cast<Int128>(x.technical_score) * y.evaluated_price.fen,
                      static_cast<Int128>(y.technical_score) * x.evaluated_price.fen);
            break;
        }
        ties += !x.tie_break.empty();
      }
    }
  }
  EXPECT_GT(recommended, 1000);
  EXPECT_GT(ties, 100);  // the generator really exercises the tie-breaks
}

}  // namespace
}  // namespace procurement
