// The periods after the award (issue 20; CONTRACT.md "Tenders as the law runs them, II"), pure:
// dates, instants and the bureau's working-day calendar are arguments. Each period of working
// days starts the day after its event (a Beijing day) and ends at the end of its last day
// (common/working_days.h); docs/rules.md "After the award" explains them with a worked example.
#pragma once

#include <optional>

#include "common/date.h"
#include "common/status.h"
#include "common/working_days.h"

namespace procurement {

inline constexpr int kChallengeWorkingDays = 7;   // Government Procurement Law Art. 52
inline constexpr int kAnswerWorkingDays = 7;      // Art. 53
inline constexpr int kComplaintWorkingDays = 15;  // Art. 55
inline constexpr int kDecisionWorkingDays = 30;   // Art. 56
inline constexpr int kContractDays = 30;          // Art. 46: calendar days after the notice

// The instant a period whose last day is `last_day` (Beijing) is over: the start of the next
// Beijing day. Anything at or after it is late.
common::Timestamp EndOf(common::Date last_day);
inline bool Within(common::Timestamp at, common::Date last_day) { return at < EndOf(last_day); }

// What the award notice publishes.
struct AwardNotice {
  common::Timestamp published_at;
  common::Date challenge_period_ends_on;  // the 7th working day after the day of publication
  common::Date contract_due_on;           // 30 days after it
};
AwardNotice NoticeOf(common::Timestamp published_at, const common::WorkingCalendar& cal);

// A challenge (质疑) made at `at` is answered by the end of this day.
common::Date AnswerDueOn(common::Timestamp challenged_at, const common::WorkingCalendar& cal);

// The window of a complaint (投诉) about a challenge: it opens with the answer, or — unanswered —
// once the answer's due day has ended, and it ends at the end of the 15th working day after the
// day of the answer (or after the due day). `opens` is nullopt while the challenge is neither
// answered nor overdue.
struct ComplaintWindow {
  std::optional<common::Timestamp> opens;
  common::Date last_day;
};
ComplaintWindow ComplaintWindowOf(std::optional<common::Timestamp> answered_at, common::Date answer_due_on,
                                  const common::WorkingCalendar& cal);
// OK when a complaint at `at` is in its window; else kInvalidState saying why (before the
// answer, or too late).
common::Status CheckComplaintTime(common::Timestamp at, const ComplaintWindow& w);

// The bureau decides a complaint made at `at` by the end of this day.
common::Date DecisionDueOn(common::Timestamp complained_at, const common::WorkingCalendar& cal);

// The contract may be signed once the challenge period is over and no challenge or complaint is
// still open (kInvalidState naming which).
common::Status CheckContractTime(common::Timestamp at, common::Date challenge_period_ends_on, int open_challenges,
                                 int open_complaints);

}  // namespace procurement
