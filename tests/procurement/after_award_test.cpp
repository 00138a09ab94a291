// The periods after the award (procurement/after_award.h) at their edges: the last instant of the
// challenge period and one second after it, a holiday inside the period, a 调休 Saturday as its
// last day, the answer's and the decision's due days, a complaint before the answer, after an
// unanswered due day and too late, and a contract during the period or an open remedy.
#include "procurement/after_award.h"

#include <gtest/gtest.h>

namespace {

using common::Date;
using common::Timestamp;
using common::WorkingCalendar;
using procurement::AwardNotice;

Date D(const char* ymd) { return *common::ParseDate(ymd); }
Timestamp T(const char* rfc3339) { return *common::ParseTimestamp(rfc3339); }
Timestamp Plus(Timestamp t, int64_t seconds) { return Timestamp{t.micros + seconds * 1000000}; }

// The 2025 National Day schedule: 1–8 October off (weekdays 1–3 and 6–8), 28 September (Sunday)
// and 11 October (Saturday) worked.
WorkingCalendar NationalDay2025() {
  common::YearCalendar c;
  c.year = 2025;
  c.holidays = {D("2025-10-01"), D("2025-10-02"), D("2025-10-03"), D("2025-10-06"), D("2025-10-07"), D("2025-10-08")};
  c.workdays = {D("2025-09-28"), D("2025-10-11")};
  EXPECT_TRUE(common::CheckYearCalendar(c).ok());
  return WorkingCalendar({c});
}

TEST(AfterAwardTest, TheNoticesPeriodsFollowTheCalendarAndTheBeijingDay) {
  const WorkingCalendar cal = NationalDay2025();
  // Published Friday 26 September, 10:00 Beijing: 28 Sep, 29, 30, 9 Oct, 10, 11 (Sat, worked), 13.
  AwardNotice n = procurement::NoticeOf(T("2025-09-26T02:00:00Z"), cal);
  EXPECT_EQ(n.challenge_period_ends_on, D("2025-10-13"));
  EXPECT_EQ(n.contract_due_on, D("2025-10-26"));
  // 23:30 UTC on the 25th is already the 26th in Beijing: the same period.
  EXPECT_EQ(procurement::NoticeOf(T("2025-09-25T23:30:00Z"), cal).challenge_period_ends_on, D("2025-10-13"));
  // Published on Monday 29 September: 30 Sep, 9 Oct, 10, 11 (Sat, worked), 13, 14, 15.
  EXPECT_EQ(procurement::NoticeOf(T("2025-09-29T02:00:00Z"), cal).challenge_period_ends_on, D("2025-10-15"));
  EXPECT_EQ(cal.AddWorkingDays(D("2025-09-30"), 3), D("2025-10-11"));  // a period may end on the 调休 Saturday
  // Without the calendar the period would have ended inside the holiday.
  EXPECT_EQ(procurement::NoticeOf(T("2025-09-26T02:00:00Z"), WorkingCalendar()).challenge_period_ends_on, D("2025-10-07"));
}

TEST(AfterAwardTest, TheLastInstantIsInAndOneSecondLaterIsLate) {
  const Date last = D("2025-10-13");
  const Timestamp end = procurement::EndOf(last);
  EXPECT_EQ(common::FormatTimestamp(end), "2025-10-13T16:00:00Z");  // midnight in Beijing
  EXPECT_TRUE(procurement::Within(Timestamp{end.micros - 1}, last));
  EXPECT_FALSE(procurement::Within(end, last));
  EXPECT_FALSE(procurement::Within(Plus(end, 1), last));  // a challenge one second late
  EXPECT_TRUE(procurement::Within(T("2025-10-13T15:59:59Z"), last));
}

TEST(AfterAwardTest, AnswersAndDecisionsAreDueInWorkingDays) {
  const WorkingCalendar cal = NationalDay2025();
  // Challenged on Tuesday 30 September: 9 Oct, 10, 11 (Sat, worked), 13, 14, 15, 16.
  EXPECT_EQ(procurement::AnswerDueOn(T("2025-09-30T08:00:00Z"), cal), D("2025-10-16"));
  // Complained on Monday 13 October: the 30th working day after it.
  EXPECT_EQ(procurement::DecisionDueOn(T("2025-10-13T02:00:00Z"), cal), D("2025-11-24"));
}

TEST(AfterAwardTest, AComplaintFollowsTheAnswerOrItsDueDayAndNotLater) {
  const WorkingCalendar cal = NationalDay2025();
  const Date due = D("2025-10-16");
  // Not answered, not yet overdue: no complaint (a complaint before the answer).
  procurement::ComplaintWindow unanswered = procurement::ComplaintWindowOf(std::nullopt, due, cal);
  ASSERT_TRUE(unanswered.opens.has_value());
  EXPECT_EQ(procurement::CheckComplaintTime(T("2025-10-16T15:59:59Z"), unanswered).code(), common::Code::kInvalidState);
  // Once the due day has ended unanswered, the window is open for 15 working days after it.
  EXPECT_TRUE(procurement::CheckComplaintTime(T("2025-10-16T16:00:00Z"), unanswered).ok());
  EXPECT_EQ(unanswered.last_day, D("2025-11-06"));
  EXPECT_TRUE(procurement::CheckComplaintTime(T("2025-11-06T15:59:59Z"), unanswered).ok());
  EXPECT_EQ(procurement::CheckComplaintTime(T("2025-11-06T16:00:00Z"), unanswered).code(), common::Code::kInvalidState);
  // Answered on 10 October: open from the answer, 15 working days after its day.
  const Timestamp answered = T("2025-10-10T03:00:00Z");
  procurement::ComplaintWindow w = procurement::ComplaintWindowOf(answered, due, cal);
  EXPECT_EQ(w.last_day, D("2025-10-30"));
  EXPECT_EQ(procurement::CheckComplaintTime(Plus(answered, -1), w).code(), common::Code::kInvalidState);
  EXPECT_TRUE(procurement::CheckComplaintTime(answered, w).ok());
  EXPECT_EQ(procurement::CheckComplaintTime(Plus(procurement::EndOf(w.last_day), 1), w).code(), common::Code::kInvalidState);
}

TEST(AfterAwardTest, NoContractDuringThePeriodOrWhileARemedyIsOpen) {
  const Date last = D("2025-10-13");
  const Timestamp after = procurement::EndOf(last);
  EXPECT_EQ(procurement::CheckContractTime(Timestamp{after.micros - 1}, last, 0, 0).code(), common::Code::kInvalidState);
  EXPECT_TRUE(procurement::CheckContractTime(after, last, 0, 0).ok());
  common::Status challenged = procurement::CheckContractTime(after, last, 1, 0);
  EXPECT_EQ(challenged.code(), common::Code::kInvalidState);
  EXPECT_NE(challenged.message().find("challenge"), std::string::npos) << challenged.ToString();
  common::Status complained = procurement::CheckContractTime(after, last, 0, 2);
  EXPECT_EQ(complained.code(), common::Code::kInvalidState);
  EXPECT_NE(complained.message().find("complaint"), std::string::npos) << complained.ToString();
}

}  // namespace
