#include "common/date.h"

#include <gtest/gtest.h>

namespace common {
namespace {

TEST(DateTest, ParsesAndFormatsRealDates) {
  auto d = ParseDate("2026-12-01");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatDate(*d), "2026-12-01");
  EXPECT_EQ(ParseDate("1970-01-01")->days, 0);
  EXPECT_EQ(ParseDate("1970-01-02")->days, 1);
  EXPECT_EQ(ParseDate("1969-12-31")->days, -1);
  EXPECT_TRUE(ParseDate("2024-02-29").ok());  // leap year
  EXPECT_TRUE(ParseDate("2000-02-29").ok());  // divisible by 400
}

TEST(DateTest, RejectsImpossibleAndMalformedDates) {
  for (const char* bad : {"2026-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-13-01",
                          "2026-00-10", "2026-01-00", "2026-1-01", "2026-01-1", "26-01-01",
                          "2026/01/01", "2026-01-01T00:00:00Z", "", "abcd-ef-gh", "0000-01-01"}) {
    auto r = ParseDate(bad, "issued_on");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().errors().at(0).field, "issued_on");
    }
  }
  EXPECT_EQ(ParseDate("2026-02-30").status().errors().at(0).code, "invalid_date");
  EXPECT_EQ(ParseDate("2026/02/03").status().errors().at(0).code, "format");
}

TEST(DateTest, RoundTripsEveryDayOverFourCenturies) {
  Date start = *ParseDate("1900-01-01");
  Date end = *ParseDate("2300-12-31");
  for (int32_t d = start.days; d <= end.days; ++d) {
    std::string s = FormatDate(Date{d});
    auto back = ParseDate(s);
    ASSERT_TRUE(back.ok()) << s;
    ASSERT_EQ(back->days, d) << s;
  }
}

TEST(DateTest, AddYearsClampsLeapDay) {
  EXPECT_EQ(FormatDate(ParseDate("2024-02-29")->AddYears(1)), "2025-02-28");
  EXPECT_EQ(FormatDate(ParseDate("2024-02-29")->AddYears(4)), "2028-02-29");
  EXPECT_EQ(FormatDate(ParseDate("2026-11-28")->AddYears(3)), "2029-11-28");
}

TEST(TimestampTest, ParsesRfc3339AndNormalisesToUtc) {
  auto t = ParseTimestamp("2026-12-01T09:00:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2026-12-01T09:00:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-12-01T17:00:00+08:00")), "2026-12-01T09:00:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-12-01T01:30:00-08:00")), "2026-12-01T09:30:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-12-01T09:00:00.25Z")), "2026-12-01T09:00:00.250000Z");
  EXPECT_EQ(FormatDate(ParseTimestamp("2026-12-01T07:00:00+08:00")->date()), "2026-11-30");
  EXPECT_EQ(FormatDate(ParseTimestamp("1969-12-31T23:59:59Z")->date()), "1969-12-31");
}

TEST(TimestampTest, FormatsTheEdgesOfTheStoredRange) {
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("1900-01-01T00:00:00Z")), "1900-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("9999-12-31T23:59:59.999999Z")), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-01-02T03:04:05.000007Z")), "2026-01-02T03:04:05.000007Z");
  // Outside 0..9999 the date is still printed in full (never stored: ParseTimestamp refuses it).
  Date y10000 = ParseDate("9999-12-31")->AddDays(1);
  EXPECT_EQ(FormatDate(y10000), "10000-01-01");
  EXPECT_EQ(FormatTimestamp(Timestamp{int64_t{y10000.days} * 86400 * 1000000}), "10000-01-01T00:00:00Z");
}

TEST(TimestampTest, RejectsMalformed) {
  for (const char* bad : {"2026-12-01", "2026-12-01 09:00:00Z", "2026-12-01T09:00:00", "2026-12-01T24:00:00Z",
                          "2026-12-01T09:60:00Z", "2026-12-01T09:00:60Z", "2026-02-30T09:00:00Z",
                          "2026-12-01T09:00:00+8:00", "2026-12-01T09:00:00.Z", "2026-12-01T09:00:00Zjunk"}) {
    EXPECT_FALSE(ParseTimestamp(bad).ok()) << bad;
  }
}

// Found by fuzz/fuzz_money_date: an offset may carry a local date at the edge of the accepted
// years outside them in UTC, where FormatTimestamp could not print it back.
TEST(TimestampTest, TheInstantItselfMustLieInTheAcceptedYears) {
  for (const char* bad : {"9999-12-31T23:59:59-12:00", "1900-01-01T00:00:00+08:00"}) {
    auto t = ParseTimestamp(bad, "bid_deadline");
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().errors().at(0).field, "bid_deadline");
    EXPECT_EQ(t.status().errors().at(0).code, "range");
  }
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("9999-12-31T23:59:59+08:00")), "9999-12-31T15:59:59Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("1900-01-01T08:00:00+08:00")), "1900-01-01T00:00:00Z");
}

}  // namespace
}  // namespace common

namespace common {
namespace {

// The bureau's day turns at 16:00 UTC; a day typed as YYYY-MM-DD starts then.
TEST(BeijingDayTest, TheDayTurnsAtSixteenHundredUtc) {
  EXPECT_EQ(FormatDate(BeijingDate(*ParseTimestamp("2026-12-01T15:59:59.999999Z"))), "2026-12-01");
  EXPECT_EQ(FormatDate(BeijingDate(*ParseTimestamp("2026-12-01T16:00:00Z"))), "2026-12-02");
  EXPECT_EQ(FormatDate(BeijingDate(*ParseTimestamp("2026-12-31T23:00:00+08:00"))), "2026-12-31");
  EXPECT_EQ(FormatTimestamp(BeijingDayStart(*ParseDate("2026-12-02"))), "2026-12-01T16:00:00Z");
  for (const char* day : {"1970-01-01", "2024-02-29", "2026-12-07", "2099-12-31"}) {
    Date d = *ParseDate(day);
    EXPECT_EQ(BeijingDate(BeijingDayStart(d)), d) << day;
    EXPECT_EQ(BeijingDate(Timestamp{BeijingDayStart(d).micros - 1}), d.AddDays(-1)) << day;
  }
}

}  // namespace
}  // namespace common
