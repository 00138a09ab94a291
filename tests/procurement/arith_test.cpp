#include "procurement/arith.h"

#include <gtest/gtest.h>

namespace procurement {
namespace {

TEST(ArithTest, RoundsHalfUp) {
  EXPECT_EQ(DivRoundHalfUp(5, 2), 3);     // 2.5 -> 3
  EXPECT_EQ(DivRoundHalfUp(7, 3), 2);     // 2.33 -> 2
  EXPECT_EQ(DivRoundHalfUp(8, 3), 3);     // 2.67 -> 3
  EXPECT_EQ(DivRoundHalfUp(0, 7), 0);
  EXPECT_EQ(DivRoundHalfUp(-5, 2), -2);   // -2.5 -> -2 (up on the number line)
  EXPECT_EQ(DivRoundHalfUp(-7, 3), -2);
  EXPECT_EQ(DivRoundHalfUp(-8, 3), -3);
}

TEST(ArithTest, WorkedExamplePriceScore) {
  // EVALUATION.md: 800000/900000 x 30 points = 26.666... -> 26.67, in hundredths of a point.
  EXPECT_EQ(DivRoundHalfUp(Int128(80000000) * 3000, 90000000), 2667);
  EXPECT_EQ(DivRoundHalfUp(Int128(80000000) * 3000, 100000000), 2400);
}

TEST(ArithTest, NoOverflowOnLargeProducts) {
  Int128 big = Int128(99999999999999) * 10000;  // max fen x 100.00 points in hundredths
  EXPECT_EQ(DivRoundHalfUp(big, 99999999999999), 10000);
}

TEST(ArithTest, ComparesFractionsExactly) {
  EXPECT_EQ(CompareFractions(1, 3, 2, 6), 0);
  EXPECT_LT(CompareFractions(1, 3, 1, 2), 0);
  // 63.33 points at 900000.00 against 60.00 at 800000.00: 6333*8e7 = 5.07e11 < 6000*9e7 = 5.4e11.
  EXPECT_LT(CompareFractions(6333, 90000000, 6000, 80000000), 0);
  // 1/3 vs 333333333/1000000000: a double would round; the exact answer is "greater".
  EXPECT_GT(CompareFractions(1, 3, 333333333, 1000000000), 0);
}

}  // namespace
}  // namespace procurement
