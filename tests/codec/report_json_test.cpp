#include "codec/report_json.h"

#include <gtest/gtest.h>

namespace codec {
namespace {

std::string Decimal(int64_t v, int64_t scale, int digits) {
  std::string s = std::to_string(v / scale) + "." + std::to_string(scale + v % scale).substr(1);
  while (s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  (void)digits;
  return s;
}

// Scores travel as JSON numbers; every score the engine can make must print as its exact decimal.
TEST(ReportCodecTest, EveryScorePrintsAsItsExactDecimal) {
  for (int64_t h = 0; h <= 1000000; ++h) {  // 0.00 .. 10000.00
    ASSERT_EQ(HundredthsJson(h).dump(), Decimal(h, 100, 2)) << h;
  }
  EXPECT_EQ(HundredthsJson(2667).dump(), "26.67");
  EXPECT_EQ(HundredthsJson(9000).dump(), "90.0");
}

TEST(ReportCodecTest, RatiosKeepFourDecimals) {
  procurement::Report r;
  r.recommended = true;
  r.method = procurement::Method::kPricePerformance;
  procurement::RankedBid b;
  b.bid_id = "A";
  b.rank = 1;
  b.technical_score = 8000;
  b.ratio = 8889;
  b.evaluated_price = common::Money{90000000};
  r.ranking.push_back(b);
  r.winner = "A";
  auto doc = ReportJson(r);
  EXPECT_EQ(doc["ranking"][0]["ratio"].dump(), "0.8889");
  EXPECT_EQ(doc["ranking"][0]["technical_score"].dump(), "80.0");
  EXPECT_TRUE(doc["ranking"][0]["price_score"].is_null());
  EXPECT_EQ(doc["status"], "recommended");
}

}  // namespace
}  // namespace codec
