// Working days by the bureau's calendar (common/working_days.h): every day of a decade without a
// calendar, the State Council's 2025 schedule (holidays and 调休 Saturdays and Sundays), periods
// across a holiday, into a 调休 day and across a year's end, the minimality of every period
// from every day of two years, and each refusal of a year's calendar.
#include "common/working_days.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using common::Date;
using common::WorkingCalendar;
using common::YearCalendar;

Date D(const char* ymd) { return *common::ParseDate(ymd); }

std::vector<Date> Range(const char* first, const char* last) {
  std::vector<Date> out;
  for (Date d = D(first); d <= D(last); d = d.AddDays(1)) out.push_back(d);
  return out;
}

// 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号): the weekdays off and the
// weekend days worked. Weekend days inside a holiday are off anyway and not listed.
YearCalendar Year2025() {
  YearCalendar c;
  c.year = 2025;
  auto weekdays_of = [&](const char* a, const char* b) {
    for (Date d : Range(a, b)) {
      if (common::Weekday(d) <= 5) c.holidays.push_back(d);
    }
  };
  weekdays_of("2025-01-01", "2025-01-01");  // 元旦
  weekdays_of("2025-01-28", "2025-02-04");  // 春节
  weekdays_of("2025-04-04", "2025-04-06");  // 清明节
  weekdays_of("2025-05-01", "2025-05-05");  // 劳动节
  weekdays_of("2025-05-31", "2025-06-02");  // 端午节
  weekdays_of("2025-10-01", "2025-10-08");  // 国庆节、中秋节
  c.workdays = {D("2025-01-26"), D("2025-02-08"), D("2025-04-27"), D("2025-09-28"), D("2025-10-11")};
  return c;
}

TEST(WorkingDaysTest, WeekdaysOfKnownDates) {
  EXPECT_EQ(common::Weekday(D("1970-01-01")), 4);
  EXPECT_EQ(common::Weekday(D("2026-12-07")), 1);  // a Monday
  EXPECT_EQ(common::Weekday(D("2025-09-28")), 7);  // a Sunday (调休)
  EXPECT_EQ(common::Weekday(D("2025-10-11")), 6);  // a Saturday (调休)
  EXPECT_EQ(common::Weekday(D("1969-12-31")), 3);  // before the epoch
  EXPECT_EQ(common::YearOf(D("2025-12-31")), 2025);
  EXPECT_EQ(common::YearOf(D("2026-01-01")), 2026);
}

TEST(WorkingDaysTest, WithoutACalendarEveryMondayToFridayAndNothingElse) {
  WorkingCalendar none;
  int working = 0, days = 0;
  for (Date d = D("2020-01-01"); d <= D("2029-12-31"); d = d.AddDays(1), ++days) {
    ASSERT_EQ(none.IsWorkingDay(d), common::Weekday(d) <= 5) << common::FormatDate(d);
    working += none.IsWorkingDay(d);
  }
  EXPECT_EQ(days, 3653);
  EXPECT_EQ(working, 2609);  // 521 full weeks from a Wednesday, and Wednesday 26 to Monday 31 December 2029
}

TEST(WorkingDaysTest, TheStateCouncilSchedule2025) {
  ASSERT_TRUE(common::CheckYearCalendar(Year2025()).ok()) << common::CheckYearCalendar(Year2025()).ToString();
  WorkingCalendar cal({Year2025()});
  EXPECT_FALSE(cal.IsWorkingDay(D("2025-10-01")));  // a Wednesday, National Day
  EXPECT_FALSE(cal.IsWorkingDay(D("2025-10-08")));  // the last day off
  EXPECT_TRUE(cal.IsWorkingDay(D("2025-10-09")));
  EXPECT_TRUE(cal.IsWorkingDay(D("2025-09-28")));   // a Sunday worked
  EXPECT_TRUE(cal.IsWorkingDay(D("2025-10-11")));   // a Saturday worked
  EXPECT_FALSE(cal.IsWorkingDay(D("2025-10-12")));  // the Sunday after it
  EXPECT_FALSE(cal.IsWorkingDay(D("2025-10-04")));  // a Saturday inside the holiday
  // 2025 has 248 working days (365 − 104 weekend days − 18 weekdays off + 5 weekend days worked).
  int working = 0;
  for (Date d = D("2025-01-01"); d <= D("2025-12-31"); d = d.AddDays(1)) working += cal.IsWorkingDay(d);
  EXPECT_EQ(Year2025().holidays.size(), 18u);
  EXPECT_EQ(working, 248);
}

// docs/rules.md's worked example: an award notice published on Friday 26 September 2025.
TEST(WorkingDaysTest, APeriodAcrossNationalDayCountsTheSundayWorkedAndSkipsTheHoliday) {
  WorkingCalendar cal({Year2025()});
  const Date published = D("2025-09-26");
  // 28 Sep (Sun, worked) 1, 29 Sep 2, 30 Sep 3, [1–8 Oct off], 9 Oct 4, 10 Oct 5, 11 Oct (Sat, worked) 6, 13 Oct 7.
  EXPECT_EQ(cal.AddWorkingDays(published, 7), D("2025-10-13"));
  EXPECT_EQ(cal.AddWorkingDays(published, 6), D("2025-10-11"));  // the period may end on a 调休 Saturday
  EXPECT_EQ(cal.AddWorkingDays(published, 1), D("2025-09-28"));
  EXPECT_EQ(cal.WorkingDaysAfter(published, D("2025-10-13")), 7);
  EXPECT_EQ(cal.WorkingDaysAfter(published, D("2025-10-12")), 6);
  // Without the calendar the same period would end on 7 October, inside the holiday.
  EXPECT_EQ(WorkingCalendar().AddWorkingDays(published, 7), D("2025-10-07"));
  // Fifteen (a complaint) and thirty (its decision) working days from the 13th.
  EXPECT_EQ(cal.AddWorkingDays(D("2025-10-13"), 15), D("2025-11-03"));
  EXPECT_EQ(cal.AddWorkingDays(D("2025-10-13"), 30), D("2025-11-24"));
}

TEST(WorkingDaysTest, APeriodAcrossTheYearsEndUsesEachYearsOwnCalendar) {
  YearCalendar y2026;
  y2026.year = 2026;
  y2026.holidays = {D("2026-01-01"), D("2026-01-02")};  // 元旦 (Thursday, Friday)
  y2026.workdays = {D("2026-01-04")};                   // a Sunday worked
  ASSERT_TRUE(common::CheckYearCalendar(y2026).ok());
  WorkingCalendar cal({Year2025(), y2026});
  // From Tuesday 30 Dec 2025: 31 Dec 1, [1, 2 Jan off, 3 Jan Sat], 4 Jan (Sun, worked) 2, 5 Jan 3 …
  EXPECT_EQ(cal.AddWorkingDays(D("2025-12-30"), 2), D("2026-01-04"));
  EXPECT_EQ(cal.AddWorkingDays(D("2025-12-30"), 7), D("2026-01-09"));
  // A year with no calendar after it counts Monday to Friday.
  EXPECT_EQ(cal.AddWorkingDays(D("2026-12-31"), 1), D("2027-01-01"));  // a Friday
}

// Every day of two years as the start, every period from 1 to 40 days: the end is a working
// day, exactly n working days lie after the start up to it, and one fewer up to the day before.
TEST(WorkingDaysTest, EveryPeriodEndsOnItsNthWorkingDayAndNoLater) {
  YearCalendar y2026;
  y2026.year = 2026;
  y2026.holidays = {D("2026-02-16"), D("2026-02-17"), D("2026-02-18"), D("2026-02-19"), D("2026-02-20")};
  y2026.workdays = {D("2026-02-14"), D("2026-02-28")};
  WorkingCalendar cal({Year2025(), y2026});
  for (Date from = D("2025-01-01"); from <= D("2026-12-31"); from = from.AddDays(1)) {
    for (int n = 1; n <= 40; ++n) {
      Date end = cal.AddWorkingDays(from, n);
      ASSERT_TRUE(cal.IsWorkingDay(end)) << common::FormatDate(from) << " + " << n;
      ASSERT_EQ(cal.WorkingDaysAfter(from, end), n) << common::FormatDate(from) << " + " << n;
      ASSERT_EQ(cal.WorkingDaysAfter(from, end.AddDays(-1)), n - 1) << common::FormatDate(from) << " + " << n;
    }
  }
  EXPECT_EQ(cal.WorkingDaysAfter(D("2025-10-13"), D("2025-10-13")), 0);
  EXPECT_EQ(cal.WorkingDaysAfter(D("2025-10-13"), D("2025-10-01")), 0);
}

TEST(WorkingDaysTest, ACalendarIsRefusedWithEveryProblemNamed) {
  YearCalendar c;
  c.year = 2025;
  c.holidays = {D("2025-10-01"), D("2026-01-01"), D("2025-10-01"), D("2025-10-04")};
  c.workdays = {D("2025-10-11"), D("2025-10-10"), D("2025-10-01")};
  common::Status st = common::CheckYearCalendar(c);
  ASSERT_FALSE(st.ok());
  std::set<std::string> got;
  for (const auto& e : st.errors()) got.insert(e.field + ":" + e.code);
  EXPECT_EQ(got, (std::set<std::string>{"holidays[1]:other_year", "holidays[2]:duplicate", "holidays[3]:weekend",
                                        "workdays[1]:weekday", "workdays[2]:weekday", "workdays[2]:both"}))
      << st.ToString();
  YearCalendar big;
  big.year = 2025;
  big.holidays = Range("2025-01-01", "2025-12-31");
  big.holidays.push_back(D("2025-01-01"));
  big.holidays.push_back(D("2025-01-02"));  // 367 days
  st = common::CheckYearCalendar(big);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.errors()[0].field, "holidays");
  EXPECT_EQ(st.errors()[0].code, "too_many");
}

}  // namespace
