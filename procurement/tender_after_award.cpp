// After the award (issue 20; CONTRACT.md "Tenders as the law runs them, II"): the bureau's
// working-day calendar, challenges (质疑) and their answers, complaints (投诉) and their
// decisions, the remedies an upheld one applies, the contract, and what is due. The periods are
// pure (after_award.h); this file is who may do what, when, in one transaction each with its
// audit entries.
#include <algorithm>
#include <tuple>

#include "common/crypto.h"
#include "common/text.h"
#include "procurement/after_award.h"
#include "procurement/tender_internal.h"
#include "procurement/tender_service.h"

namespace procurement {

using common::Date;
using common::FieldError;
using common::Fields;
using common::Result;
using common::Status;
using common::Timestamp;
using registry::Actor;
using registry::Role;

namespace detail {

Result<common::WorkingCalendar> CalendarFrom(ProcurementUnitOfWork& uow, Date from) {
  const int y = common::YearOf(from);
  ASSIGN_OR_RETURN(auto stored, uow.tenders().GetCalendars(y, y + 1));
  std::vector<common::YearCalendar> years;
  for (auto& c : stored) years.push_back(std::move(c.days));
  return common::WorkingCalendar(years);
}

}  // namespace detail

namespace {

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2099;
constexpr size_t kProseMax = 5000;

Status CheckYear(int year) {
  if (year < kMinYear || year > kMaxYear) {
    return Status::FieldInvalid("year", "range", "a year from " + std::to_string(kMinYear) + " to " + std::to_string(kMaxYear));
  }
  return Status::Ok();
}

// A decision and its remedy, as an answer or a complaint's decision gives them.
Status CheckRuling(Ruling decision, const std::optional<Remedy>& remedy, const std::string& text, const char* text_field,
                   std::vector<FieldError>* errors) {
  if (decision == Ruling::kSubmitted) errors->push_back({"decision", "enum", "upheld or dismissed"});
  if (remedy && decision != Ruling::kUpheld) {
    errors->push_back({"remedy", "not_upheld", "a remedy follows only an upheld challenge or complaint"});
  }
  common::MergeFieldErrors(common::CheckProse(text, text_field, kProseMax), errors);
  return errors->empty() ? Status::Ok() : Status::Validation("the decision has invalid fields", *errors);
}

// What an upheld challenge or complaint (`by`, its id) does to the tender. re_evaluate: a tender
// evaluated, failed or awarded returns to opened with its report set aside (kept), its award and
// notice cleared; one already opened again stays as it is. cancel: any tender not contracted or
// cancelled is cancelled. A contracted tender takes neither: the contract stands and the finding
// is for liability (MOF Order 94 Art. 32).
Status ApplyRemedy(ProcurementUnitOfWork& uow, Tender& t, Remedy remedy, const std::string& by, const std::string& why,
                   Timestamp now, const Actor& actor) {
  if (t.status == TenderStatus::kContracted || t.status == TenderStatus::kCancelled) {
    return Status::InvalidState(std::string("the tender is ") + TenderStatusName(t.status) +
                                "; an upheld finding no longer changes it");
  }
  if (remedy == Remedy::kCancel) {
    t.status_reason = why;
    return detail::Transition(uow, t, TenderStatus::kCancelled, now, actor, "tender.cancel",
                              Fields().Add("reason", why).Add("remedy_of", by));
  }
  if (t.status == TenderStatus::kOpened) return Status::Ok();
  if (t.status != TenderStatus::kEvaluated && t.status != TenderStatus::kFailed && t.status != TenderStatus::kAwarded) {
    return Status::InvalidState(std::string("a tender that is ") + TenderStatusName(t.status) + " has no evaluation to redo");
  }
  RETURN_IF_ERROR(uow.tenders().SetAsideEvaluation(t.id, now, by));
  t.awarded_bid_id.clear();
  t.status_reason.clear();
  t.award_published_at.reset();
  t.challenge_period_ends_on.reset();
  t.contract_due_on.reset();
  return detail::Transition(uow, t, TenderStatus::kOpened, now, actor, "tender.reopen", Fields().Add("remedy_of", by));
}

// What follows an answer (`type` "challenge") or a decision ("complaint") once stored: its audit
// entry, late when given after its due day, and the remedy it orders.
Status AfterRuling(ProcurementUnitOfWork& uow, Tender& t, const char* type, const std::string& id, Date due_on,
                   Ruling decision, const std::optional<Remedy>& remedy, const std::string& text, Timestamp now,
                   const Actor& actor) {
  Fields f;
  f.Add("tender_id", t.id).Add("decision", RulingName(decision));
  if (remedy) f.Add("remedy", RemedyName(*remedy));
  f.Add("late", Within(now, due_on) ? "false" : "true");
  const std::string action = std::string(type) + (std::string(type) == "challenge" ? ".answer" : ".decide");
  RETURN_IF_ERROR(registry::AppendAudit(uow.registry(), now, actor.account_id, action, type, id, f.ToJson()));
  if (!remedy) return Status::Ok();
  return ApplyRemedy(uow, t, *remedy, id, std::string(type) + " " + id + " upheld: " + text, now, actor);
}

}  // namespace

// ---- The calendar ----

Result<CalendarRecord> TenderService::GetCalendar(const Actor& actor, int year) {
  (void)actor;  // any account
  RETURN_IF_ERROR(CheckYear(year));
  return store_.ReadProcurementValue<CalendarRecord>([&](ProcurementUnitOfWork& uow) -> Result<CalendarRecord> {
    ASSIGN_OR_RETURN(auto stored, uow.tenders().GetCalendars(year, year));
    if (!stored.empty()) return stored[0];
    CalendarRecord none;
    none.days.year = year;
    return none;
  });
}

Result<CalendarRecord> TenderService::PutCalendar(const Actor& actor, const common::YearCalendar& in,
                                                  std::optional<int64_t> if_match) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("the working-day calendar is kept by the bureau");
  RETURN_IF_ERROR(CheckYear(in.year));
  RETURN_IF_ERROR(common::CheckYearCalendar(in));
  CalendarRecord out;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto stored, uow.tenders().GetCalendars(in.year, in.year));
    const int64_t current = stored.empty() ? 0 : stored[0].version;
    if (if_match && *if_match != current) {
      return Status::VersionMismatch("the calendar was changed since version " + std::to_string(*if_match));
    }
    Timestamp now = clock_.Now();
    out = CalendarRecord{in, actor.account_id, now, current + 1};
    auto by_day = [](Date a, Date b) { return a.days < b.days; };
    std::sort(out.days.holidays.begin(), out.days.holidays.end(), by_day);
    std::sort(out.days.workdays.begin(), out.days.workdays.end(), by_day);
    RETURN_IF_ERROR(uow.tenders().PutCalendar(out, current));
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "calendar.put", "calendar", std::to_string(in.year),
                                 Fields()
                                     .Add("holidays", std::to_string(out.days.holidays.size()))
                                     .Add("workdays", std::to_string(out.days.workdays.size()))
                                     .ToJson());
  }));
  return out;
}

// ---- Challenges ----

Result<Challenge> TenderService::SubmitChallenge(const Actor& actor, const std::string& tender_id,
                                                 const std::string& grounds, const std::string& evidence) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("an award is challenged by a vendor that bid on the tender");
  std::vector<FieldError> errors;
  common::MergeFieldErrors(common::CheckProse(grounds, "grounds", kProseMax), &errors);
  if (!evidence.empty()) common::MergeFieldErrors(common::CheckProse(evidence, "evidence", kProseMax), &errors);
  if (!errors.empty()) return Status::Validation("the challenge has invalid fields", errors);
  std::string id;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.tenders().LockTender(tender_id));  // the contract's signing waits for this
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    ASSIGN_OR_RETURN(auto bid, uow.tenders().GetBid(t.id, actor.vendor_id));
    if (!bid || bid->status != BidStatus::kSubmitted) {
      return Status::Forbidden("only a vendor that bid on the tender challenges its award");
    }
    if (!t.award_published_at || !t.challenge_period_ends_on) {
      return Status::InvalidState("the tender has no award notice to challenge");
    }
    Timestamp now = clock_.Now();
    if (t.status != TenderStatus::kAwarded || !Within(now, *t.challenge_period_ends_on)) {
      return Status::InvalidState("the challenge period ended on " + common::FormatDate(*t.challenge_period_ends_on));
    }
    ASSIGN_OR_RETURN(auto mine, uow.tenders().ListChallenges(t.id, actor.vendor_id));
    for (const Challenge& c : mine) {
      if (c.notice_published_at == *t.award_published_at) {
        return Status::Conflict("the vendor has challenged this award notice already: one challenge gives every ground");
      }
    }
    ASSIGN_OR_RETURN(common::WorkingCalendar cal, detail::CalendarFrom(uow, common::BeijingDate(now)));
    Challenge c;
    c.id = common::NewId("chl");
    c.tender_id = t.id;
    c.vendor_id = actor.vendor_id;
    c.challenger = actor.account_id;
    c.grounds = common::NormalizeNfc(grounds);
    c.evidence = common::NormalizeNfc(evidence);
    c.notice_published_at = *t.award_published_at;
    c.answer_due_on = AnswerDueOn(now, cal);
    c.created_at = now;
    RETURN_IF_ERROR(uow.tenders().InsertChallenge(c));
    id = c.id;
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "challenge.submit", "challenge", c.id,
                                 Fields()
                                     .Add("tender_id", t.id)
                                     .Add("vendor_id", actor.vendor_id)
                                     .Add("answer_due_on", common::FormatDate(c.answer_due_on))
                                     .ToJson());
  }));
  return store_.ReadProcurementValue<Challenge>([&](ProcurementUnitOfWork& uow) -> Result<Challenge> {
    ASSIGN_OR_RETURN(auto c, uow.tenders().GetChallenge(id));
    if (!c) return Status::Internal("a challenge just made is missing");
    return *c;
  });
}

Result<Challenge> TenderService::AnswerChallenge(const Actor& actor, const std::string& challenge_id, Ruling decision,
                                                 const std::string& answer, std::optional<Remedy> remedy) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("a challenge is answered by an officer of the tender");
  std::vector<FieldError> errors;
  RETURN_IF_ERROR(CheckRuling(decision, remedy, answer, "answer", &errors));
  Challenge c;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.tenders().GetChallenge(challenge_id));
    if (!found) return Status::NotFound("no such challenge");
    c = *found;
    RETURN_IF_ERROR(uow.tenders().LockTender(c.tender_id));
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, c.tender_id, actor));
    RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    if (c.status != Ruling::kSubmitted) return Status::Conflict("the challenge has been answered already");
    Timestamp now = clock_.Now();
    const int64_t was = c.version;
    c.status = decision;
    c.answer = common::NormalizeNfc(answer);
    c.remedy = remedy;
    c.answered_by = actor.account_id;
    c.answered_at = now;
    c.version = was + 1;
    RETURN_IF_ERROR(uow.tenders().AnswerChallenge(c, was));
    return AfterRuling(uow, t, "challenge", c.id, c.answer_due_on, decision, remedy, c.answer, now, actor);
  }));
  return c;
}

Result<std::vector<Challenge>> TenderService::ListChallenges(const Actor& actor, const std::string& tender_id) {
  return store_.ReadProcurementValue<std::vector<Challenge>>([&](ProcurementUnitOfWork& uow) -> Result<std::vector<Challenge>> {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    if (actor.Is(Role::kVendor)) return uow.tenders().ListChallenges(t.id, actor.vendor_id);
    if (actor.Is(Role::kOfficer)) {
      RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    } else if (!actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
      return Status::Forbidden("challenges are read by the tender's officers, the bureau, auditors and the challengers");
    }
    return uow.tenders().ListChallenges(t.id, "");
  });
}

// ---- Complaints ----

Result<Complaint> TenderService::SubmitComplaint(const Actor& actor, const std::string& challenge_id,
                                                 const std::string& grounds) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("a complaint is made by the vendor that challenged");
  RETURN_IF_ERROR(common::CheckProse(grounds, "grounds", kProseMax));
  std::string id;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto c, uow.tenders().GetChallenge(challenge_id));
    if (!c || c->vendor_id != actor.vendor_id) return Status::NotFound("no such challenge of this vendor");
    RETURN_IF_ERROR(uow.tenders().LockTender(c->tender_id));
    if (!c->complaint_id.empty()) return Status::Conflict("the challenge has its complaint already");
    Timestamp now = clock_.Now();
    const Date from = c->answered_at ? common::BeijingDate(*c->answered_at) : c->answer_due_on;
    ASSIGN_OR_RETURN(common::WorkingCalendar window_cal, detail::CalendarFrom(uow, from));
    RETURN_IF_ERROR(CheckComplaintTime(now, ComplaintWindowOf(c->answered_at, c->answer_due_on, window_cal)));
    ASSIGN_OR_RETURN(common::WorkingCalendar cal, detail::CalendarFrom(uow, common::BeijingDate(now)));
    Complaint p;
    p.id = common::NewId("cmp");
    p.challenge_id = c->id;
    p.tender_id = c->tender_id;
    p.vendor_id = c->vendor_id;
    p.complainant = actor.account_id;
    p.grounds = common::NormalizeNfc(grounds);
    p.decision_due_on = DecisionDueOn(now, cal);
    p.created_at = now;
    RETURN_IF_ERROR(uow.tenders().InsertComplaint(p));
    id = p.id;
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "complaint.submit", "complaint", p.id,
                                 Fields()
                                     .Add("tender_id", p.tender_id)
                                     .Add("challenge_id", p.challenge_id)
                                     .Add("vendor_id", p.vendor_id)
                                     .Add("decision_due_on", common::FormatDate(p.decision_due_on))
                                     .ToJson());
  }));
  return GetComplaint(actor, id);
}

Result<Complaint> TenderService::DecideComplaint(const Actor& actor, const std::string& complaint_id, Ruling decision,
                                                 const std::string& reason, std::optional<Remedy> remedy) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("complaints are decided by the bureau");
  std::vector<FieldError> errors;
  RETURN_IF_ERROR(CheckRuling(decision, remedy, reason, "reason", &errors));
  Complaint p;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.tenders().GetComplaint(complaint_id));
    if (!found) return Status::NotFound("no such complaint");
    p = *found;
    RETURN_IF_ERROR(uow.tenders().LockTender(p.tender_id));
    if (p.status != Ruling::kSubmitted) return Status::Conflict("the complaint has been decided already");
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, p.tender_id, actor));
    Timestamp now = clock_.Now();
    const int64_t was = p.version;
    p.status = decision;
    p.reason = common::NormalizeNfc(reason);
    p.remedy = remedy;
    p.decided_by = actor.account_id;
    p.decided_at = now;
    p.version = was + 1;
    RETURN_IF_ERROR(uow.tenders().DecideComplaint(p, was));
    return AfterRuling(uow, t, "complaint", p.id, p.decision_due_on, decision, remedy, p.reason, now, actor);
  }));
  return p;
}

Result<registry::Page<Complaint>> TenderService::ListComplaints(const Actor& actor, std::optional<Ruling> status,
                                                                const registry::PageRequest& page) {
  std::string vendor;
  if (actor.Is(Role::kVendor)) {
    vendor = actor.vendor_id;
  } else if (!actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("complaints are read by the bureau, auditors and the vendors that made them");
  }
  return store_.ReadProcurementValue<registry::Page<Complaint>>(
      [&](ProcurementUnitOfWork& uow) { return uow.tenders().ListComplaints(status, vendor, page); });
}

Result<Complaint> TenderService::GetComplaint(const Actor& actor, const std::string& complaint_id) {
  // Named, not excluded: a role added later reads no complaint until it is named here.
  if (!actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor) && !actor.Is(Role::kOfficer) && !actor.Is(Role::kVendor)) {
    return Status::Forbidden("complaints are read by the bureau, auditors, the tender's officers and the complaining vendor");
  }
  return store_.ReadProcurementValue<Complaint>([&](ProcurementUnitOfWork& uow) -> Result<Complaint> {
    ASSIGN_OR_RETURN(auto p, uow.tenders().GetComplaint(complaint_id));
    if (!p) return Status::NotFound("no such complaint");
    if (actor.Is(Role::kVendor)) {
      if (p->vendor_id != actor.vendor_id) return Status::NotFound("no such complaint");
    } else if (actor.Is(Role::kOfficer)) {
      ASSIGN_OR_RETURN(Tender t, detail::Require(uow, p->tender_id, actor));
      RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    }
    return *p;
  });
}

// ---- The contract ----

Result<Tender> TenderService::SignContract(const Actor& actor, const std::string& tender_id, Date signed_on,
                                           common::Money amount) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("the contract is recorded by an officer of the tender");
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.tenders().LockTender(tender_id));
    ASSIGN_OR_RETURN(t, detail::Require(uow, tender_id, actor));
    RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    if (t.status != TenderStatus::kAwarded) {
      return Status::InvalidState(std::string("a contract follows the award; the tender is ") + TenderStatusName(t.status));
    }
    Timestamp now = clock_.Now();
    ASSIGN_OR_RETURN(auto open, uow.tenders().CountOpen(t.id));
    // Awarded before schema 016, a tender has no notice here (it was published outside the
    // registry, and nobody could challenge here): its period is taken as over by now.
    const bool legacy = !t.challenge_period_ends_on;
    const Date period_end = legacy ? common::BeijingDate(now).AddDays(-1) : *t.challenge_period_ends_on;
    RETURN_IF_ERROR(CheckContractTime(now, period_end, open.first, open.second));
    ASSIGN_OR_RETURN(auto bid, uow.tenders().GetBidById(t.awarded_bid_id));
    if (!bid) return Status::Internal("the awarded bid is missing");
    std::vector<FieldError> errors;
    if (!legacy && signed_on.days <= period_end.days) {
      errors.push_back({"signed_on", "in_challenge_period",
                        "a contract is signed after the challenge period, which ended on " + common::FormatDate(period_end)});
    } else if (signed_on.days > common::BeijingDate(now).days) {
      errors.push_back({"signed_on", "future", "the day the contract was signed, not a day to come"});
    }
    if (amount.fen != bid->price.fen) {
      errors.push_back({"amount", "not_awarded_price", "the contract is for the awarded price, " + common::FormatMoney(bid->price)});
    }
    if (!errors.empty()) return Status::Validation("the contract has invalid fields", errors);
    t.contract = ContractRecord{signed_on, amount, actor.account_id, now};
    const bool late = ContractLate(t);
    return detail::Transition(uow, t, TenderStatus::kContracted, now, actor, "tender.contract",
                              Fields()
                                  .Add("signed_on", common::FormatDate(signed_on))
                                  .Add("amount", common::FormatMoney(amount))
                                  .Add("vendor_id", bid->vendor_id)
                                  .Add("late", late ? "true" : "false")
                                  .Add("notice", legacy ? "before_schema_016" : "published"));
  }));
  return t;
}

// ---- Reports and what is due ----

Result<std::vector<EvaluationRound>> TenderService::ListEvaluations(const Actor& actor, const std::string& tender_id) {
  return store_.ReadProcurementValue<std::vector<EvaluationRound>>(
      [&](ProcurementUnitOfWork& uow) -> Result<std::vector<EvaluationRound>> {
        ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
        RETURN_IF_ERROR(detail::MayReadEvaluation(uow, t, actor));
        return uow.tenders().ListEvaluations(t.id);
      });
}

Result<std::vector<Deadline>> TenderService::ListDue(const Actor& actor, std::optional<Date> before) {
  DeadlineScope scope;
  if (actor.Is(Role::kOfficer)) {
    scope.officer = actor.account_id;
  } else if (actor.Is(Role::kBureau) || actor.Is(Role::kAuditor)) {
    scope.complaints = true;
  } else if (actor.Is(Role::kVendor)) {
    scope.vendor_id = actor.vendor_id;
    scope.complaints = true;
  } else {
    return Status::Forbidden("deadlines are the officers', the bureau's, auditors' and vendors'");
  }
  ASSIGN_OR_RETURN(auto rows, store_.ReadProcurementValue<std::vector<Deadline>>([&](ProcurementUnitOfWork& uow) {
    return uow.tenders().ListDeadlines(scope, before);
  }));
  const Timestamp now = clock_.Now();
  std::vector<Deadline> out;
  for (Deadline& d : rows) {
    if (d.kind == DeadlineKind::kRevealWindow) {
      d.due_at = RevealWindowEnd(d.due_at, d.reveal_hours, std::nullopt);
      d.due_on = common::BeijingDate(d.due_at);
      if (d.due_at <= now || (before && d.due_on.days > before->days)) continue;  // over, or beyond `before`
    } else {
      d.due_at = EndOf(d.due_on);
      d.overdue = d.due_at <= now;
    }
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
    return std::tie(a.due_at.micros, a.tender_id, a.kind, a.ref_id) < std::tie(b.due_at.micros, b.tender_id, b.kind, b.ref_id);
  });
  return out;
}

}  // namespace procurement
