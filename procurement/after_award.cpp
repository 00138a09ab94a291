#include "procurement/after_award.h"

#include <string>

namespace procurement {

using common::Date;
using common::Status;
using common::Timestamp;

Timestamp EndOf(Date last_day) { return common::BeijingDayStart(last_day.AddDays(1)); }

AwardNotice NoticeOf(Timestamp published_at, const common::WorkingCalendar& cal) {
  const Date day = common::BeijingDate(published_at);
  return AwardNotice{published_at, cal.AddWorkingDays(day, kChallengeWorkingDays), day.AddDays(kContractDays)};
}

Date AnswerDueOn(Timestamp challenged_at, const common::WorkingCalendar& cal) {
  return cal.AddWorkingDays(common::BeijingDate(challenged_at), kAnswerWorkingDays);
}

ComplaintWindow ComplaintWindowOf(std::optional<Timestamp> answered_at, Date answer_due_on,
                                  const common::WorkingCalendar& cal) {
  if (answered_at) {
    return ComplaintWindow{answered_at, cal.AddWorkingDays(common::BeijingDate(*answered_at), kComplaintWorkingDays)};
  }
  return ComplaintWindow{EndOf(answer_due_on), cal.AddWorkingDays(answer_due_on, kComplaintWorkingDays)};
}

Status CheckComplaintTime(Timestamp at, const ComplaintWindow& w) {
  if (!w.opens || at < *w.opens) {
    return Status::InvalidState("a complaint follows the answer to the challenge, or its due day unanswered");
  }
  if (!Within(at, w.last_day)) {
    return Status::InvalidState("the complaint period ended on " + common::FormatDate(w.last_day));
  }
  return Status::Ok();
}

Date DecisionDueOn(Timestamp complained_at, const common::WorkingCalendar& cal) {
  return cal.AddWorkingDays(common::BeijingDate(complained_at), kDecisionWorkingDays);
}

Status CheckContractTime(Timestamp at, Date challenge_period_ends_on, int open_challenges, int open_complaints) {
  if (Within(at, challenge_period_ends_on)) {
    return Status::InvalidState("the challenge period runs until the end of " + common::FormatDate(challenge_period_ends_on));
  }
  if (open_challenges > 0) {
    return Status::InvalidState(std::to_string(open_challenges) + " challenge(s) not answered yet");
  }
  if (open_complaints > 0) {
    return Status::InvalidState(std::to_string(open_complaints) + " complaint(s) not decided yet");
  }
  return Status::Ok();
}

}  // namespace procurement
