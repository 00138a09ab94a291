#include "common/money.h"

#include <gtest/gtest.h>

namespace common {
namespace {

int64_t Fen(const char* s) {
  auto r = ParseMoney(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.status().ToString();
  return r.ok() ? r->fen : -1;
}

std::string RejectCode(const char* s) {
  auto r = ParseMoney(s, "price");
  if (r.ok()) return "accepted";
  EXPECT_EQ(r.status().errors().size(), 1u);
  EXPECT_EQ(r.status().errors()[0].field, "price");
  return r.status().errors()[0].code;
}

TEST(MoneyTest, ParsesYuanWithUpToTwoDecimals) {
  EXPECT_EQ(Fen("0"), 0);
  EXPECT_EQ(Fen("1"), 100);
  EXPECT_EQ(Fen("88.5"), 8850);
  EXPECT_EQ(Fen("88.05"), 8805);
  EXPECT_EQ(Fen("1250000.00"), 125000000);
  EXPECT_EQ(Fen("0.01"), 1);
  EXPECT_EQ(Fen("999999999999.99"), kMaxMoneyFen);
}

TEST(MoneyTest, RejectsWhatIsNotAnExactAmount) {
  EXPECT_EQ(RejectCode("-1"), "negative");
  EXPECT_EQ(RejectCode("-0.01"), "negative");
  EXPECT_EQ(RejectCode("1.234"), "precision");
  EXPECT_EQ(RejectCode("0.001"), "precision");
  EXPECT_EQ(RejectCode("1e5"), "format");
  EXPECT_EQ(RejectCode("1E5"), "format");
  EXPECT_EQ(RejectCode(""), "format");
  EXPECT_EQ(RejectCode("."), "format");
  EXPECT_EQ(RejectCode("1."), "format");
  EXPECT_EQ(RejectCode(".5"), "format");
  EXPECT_EQ(RejectCode("+1"), "format");
  EXPECT_EQ(RejectCode(" 1"), "format");
  EXPECT_EQ(RejectCode("1 "), "format");
  EXPECT_EQ(RejectCode("01"), "format");
  EXPECT_EQ(RejectCode("1,000"), "format");
  EXPECT_EQ(RejectCode("NaN"), "format");
  EXPECT_EQ(RejectCode("１"), "format");  // full-width digit
  EXPECT_EQ(RejectCode("1000000000000"), "too_large");
  EXPECT_EQ(RejectCode("99999999999999999999999"), "too_large");
}

TEST(MoneyTest, FormatsWithTwoDecimals) {
  EXPECT_EQ(FormatMoney(Money{0}), "0.00");
  EXPECT_EQ(FormatMoney(Money{5}), "0.05");
  EXPECT_EQ(FormatMoney(Money{8850}), "88.50");
  EXPECT_EQ(FormatMoney(Money{125000000}), "1250000.00");
  EXPECT_EQ(FormatMoney(Money{-150}), "-1.50");
  EXPECT_EQ(FormatMoney(Money{INT64_MIN}), "-92233720368547758.08");
}

TEST(MoneyTest, RoundTripsEveryFenInARange) {
  for (int64_t f = 0; f < 20000; f += 7) {
    auto r = ParseMoney(FormatMoney(Money{f}));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->fen, f);
  }
}

}  // namespace
}  // namespace common
