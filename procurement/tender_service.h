// The procurement officers' use cases: tenders, sealed bids, opening with the qualification
// review, scores, evaluation and award. One transaction per use case with its audit entry;
// roles and sealing are decided here. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "procurement/tender.h"
#include "registry/access_cache.h"
#include "registry/market_access.h"

namespace procurement {

struct NewTender {
  std::string title;
  // The approved project it buys for (CheckTenderBudget); empty: none.
  std::string project_id;
  std::string category;
  common::Money budget;
  Method method = Method::kComprehensive;
  int64_t price_weight = 0;
  std::optional<std::vector<registry::Requirement>> requirements;  // default: the category's
  Policies policies;
  int min_valid_bids = 3;
  common::Timestamp bid_deadline;
  std::optional<common::Timestamp> opening_at;
  // The procedure's policies (tender.h ProcedurePolicies); the amendment notice is the bureau's
  // default (PolicyLimits) unless given.
  Sealing sealing = Sealing::kServer;
  std::optional<int> amendment_notice_days;
  int reveal_hours = 24;
  int committee_size = 0;  // 0: by budget
};

// A bid: the price (server sealing), or the bidder's commitment to it (commit_reveal; price
// then zero and not given).
struct NewBid {
  std::optional<std::string> commitment;
  common::Money price;
  bool domestic = false;
  std::vector<std::string> items;
  std::string note;
};

// What a submission did: the bid as stored, and whether it replaced the vendor's live bid (a bid
// after a withdrawal is a new submission, not a replacement).
struct BidReceipt {
  Bid bid;
  bool replaced = false;
};

// A clarification or amendment as an officer writes it.
struct NewClarification {
  std::string text;
  std::string question_id;  // "" when it answers no question
  TermChanges changes;
};

// What a clarification did: the clarification as published and the tender after it.
struct ClarificationReceipt {
  Clarification clarification;
  Tender tender;
};

// An expert account with what the bureau recorded of it (`record` empty when nothing yet) and
// the tenders whose committee it sits on.
struct ExpertView {
  std::string account_id;
  std::string name;
  std::optional<ExpertRecord> record;
  std::vector<Tender> committees;
};

struct ScoreInput {
  std::string bid_id;
  std::string expert;
  int64_t technical_score = 0;
};

class TenderService {
 public:
  // `access_cache` is the process's one cache (registryd's), shared with the other services.
  TenderService(ProcurementStore& store, const common::Clock& clock, registry::AccessCache& access_cache)
      : store_(store), clock_(clock), access_cache_(access_cache) {}

  common::Result<Tender> Create(const registry::Actor& actor, const NewTender& in);       // officer
  // Create's checks alone, on a tender some of whose fields could not be read (`unread`): its
  // rule errors on the rest (api ReadBody's rules). OK when it finds none.
  common::Status CheckNew(const registry::Actor& actor, const NewTender& in, const common::Unread& unread);
  common::Result<Tender> Get(const registry::Actor& actor, const std::string& id);        // any account
  common::Result<registry::Page<Tender>> List(const registry::Actor& actor, std::optional<TenderStatus> status,
                                              const registry::PageRequest& page);       // any account
  common::Result<Tender> Publish(const registry::Actor& actor, const std::string& id);    // officer: draft -> open
  // A vendor account, for its own vendor; replaces its live bid until the deadline
  // (kBiddingClosed after it, by this service's clock).
  common::Result<BidReceipt> SubmitBid(const registry::Actor& actor, const std::string& tender_id, const NewBid& in);
  // SubmitBid's field checks alone (its items against the catalog included), on a bid some of
  // whose fields could not be read (api ReadBody). The tender's state is SubmitBid's to judge.
  common::Status CheckBid(const registry::Actor& actor, const NewBid& in, const common::Unread& unread);
  // The vendor's own live bid becomes withdrawn until the deadline (kBiddingClosed after it or
  // once opened; kNotFound when it has no live bid); it may bid again before the deadline.
  common::Result<Bid> WithdrawBid(const registry::Actor& actor, const std::string& tender_id);
  // Officer, expert, auditor once opened (before: kSealed); a vendor sees only its own bid.
  common::Result<std::vector<Bid>> ListBids(const registry::Actor& actor, const std::string& tender_id);
  // Officer, after the deadline: open -> opened, reviewing each bidder's market access for the
  // tender's requirements as of the deadline's date, and recording the result per bid.
  common::Result<Tender> Open(const registry::Actor& actor, const std::string& id);
  // Expert or officer, on an opened tender.
  common::Status SubmitScores(const registry::Actor& actor, const std::string& id, const std::vector<ScoreInput>& scores);
  // Officer: opened -> evaluated | failed; stores and returns the report.
  common::Result<Report> Evaluate(const registry::Actor& actor, const std::string& id);
  // Officer, expert, auditor; the bidders once awarded. The stored report, as served.
  common::Result<std::string> GetEvaluation(const registry::Actor& actor, const std::string& id);
  // Officer: evaluated -> awarded. Rank 1 unless `bid_id` names another bid, which needs a
  // justification. The chosen vendor's market access is checked again on the award date:
  // kConflict with the reasons when it no longer has it.
  common::Result<Tender> Award(const registry::Actor& actor, const std::string& id,
                               const std::optional<std::string>& bid_id, const std::string& justification);
  // Officer: any state before awarded -> cancelled.
  common::Result<Tender> Cancel(const registry::Actor& actor, const std::string& id, const std::string& reason);
  // Adds an officer to the tender (its owner or the bureau; else kForbidden): from then on that
  // officer may change the tender too. `account_id` must be an active officer's account (else a
  // FieldError on "account_id"); one already of the tender is kConflict. Returns the added
  // officers (the owner is the tender's created_by).
  // Any account reads the limits; the bureau sets them (else kForbidden). min_valid_bids_min 3 to
  // 100 (the law's floor is 3), deductions 0 to 100 %; `if_match` a version (else 412).
  common::Result<PolicyLimits> GetPolicyLimits(const registry::Actor& actor);
  common::Result<PolicyLimits> PutPolicyLimits(const registry::Actor& actor, const PolicyLimits& limits,
                                               std::optional<int64_t> if_match);
  common::Result<std::vector<std::string>> AddOfficer(const registry::Actor& actor, const std::string& id,
                                                      const std::string& account_id);
  // ---- The procedure before the opening (issue 19; tender_procedure.cpp) ----

  // An officer of the tender, on an open tender before its deadline: publishes a clarification,
  // applying its changes; a change of terms with fewer than the tender's amendment_notice_days
  // left moves the deadline (procedure.h AfterClarification). kForbidden for another officer,
  // kInvalidState when not open or past the deadline, field errors under "changes." and
  // "question_id" (a question of this tender).
  common::Result<ClarificationReceipt> Clarify(const registry::Actor& actor, const std::string& tender_id,
                                               const NewClarification& in);
  // Any account that may see the tender, in the order published.
  common::Result<std::vector<Clarification>> ListClarifications(const registry::Actor& actor, const std::string& tender_id);
  // A vendor, on an open tender before its deadline (else kInvalidState).
  common::Result<Question> Ask(const registry::Actor& actor, const std::string& tender_id, const std::string& text);
  // The tender's officers, the bureau and auditors read every question with its asker; a vendor
  // its own; others kForbidden.
  common::Result<std::vector<Question>> ListQuestions(const registry::Actor& actor, const std::string& tender_id);
  // A vendor reveals its bid on an opened commit_reveal tender while the reveal window is open:
  // `price_text` and `nonce` must give its commitment (kValidation "commitment_mismatch").
  // kInvalidState when the tender is not sealed by its bidders, not opened or the window is
  // closed; kNotFound without a live bid; kConflict when revealed already.
  common::Result<Bid> Reveal(const registry::Actor& actor, const std::string& tender_id, const std::string& price_text,
                             const std::string& nonce);
  // The tender's owner ends its reveal window early: the bids still unrevealed are excluded
  // (not_revealed) at the evaluation. kInvalidState when there is no open window.
  common::Result<Tender> CloseReveal(const registry::Actor& actor, const std::string& tender_id);
  // The bureau describes an expert account: category codes it evaluates, credit codes of the
  // units it is tied to. `if_match` a version (412 when stale). kNotFound: no expert account.
  common::Result<ExpertRecord> PutExpert(const registry::Actor& actor, const std::string& account_id,
                                         const std::vector<std::string>& specialties,
                                         const std::vector<std::string>& affiliations, std::optional<int64_t> if_match);
  // The bureau, or the expert itself.
  common::Result<ExpertView> GetExpert(const registry::Actor& actor, const std::string& account_id);
  // An officer of the tender, on an opened tender, draws its committee once (procedure.h
  // DrawCommittee): `size` 0 for the tender's policy. kConflict when drawn already or too few
  // candidates.
  common::Result<Committee> DrawCommittee(const registry::Actor& actor, const std::string& tender_id, int size);
  // Officers (as they read the bids), the bureau, auditors and the members; kNotFound before the draw.
  common::Result<Committee> GetCommittee(const registry::Actor& actor, const std::string& tender_id);

  // ---- After the award (issue 20; tender_after_award.cpp) ----

  // Any account reads a year's calendar (version 0 and no days when the bureau keeps none); the
  // bureau sets it (common CheckYearCalendar's errors; `if_match` a version, 412 when stale).
  // Periods already running keep the days they were given.
  common::Result<CalendarRecord> GetCalendar(const registry::Actor& actor, int year);
  common::Result<CalendarRecord> PutCalendar(const registry::Actor& actor, const common::YearCalendar& days,
                                             std::optional<int64_t> if_match);
  // A vendor whose live bid is on the tender challenges its award notice within the challenge
  // period (kInvalidState before the notice or after the period; kForbidden for a vendor that did
  // not bid; kConflict when it challenged this notice already). The answer is due in 7 working days.
  common::Result<Challenge> SubmitChallenge(const registry::Actor& actor, const std::string& tender_id,
                                            const std::string& grounds, const std::string& evidence);
  // An officer of the tender answers a submitted challenge (kConflict once answered). `remedy`
  // only with upheld: re_evaluate returns the tender to opened (its report set aside and kept),
  // cancel cancels it; neither once contracted (kInvalidState).
  common::Result<Challenge> AnswerChallenge(const registry::Actor& actor, const std::string& challenge_id,
                                            Ruling decision, const std::string& answer, std::optional<Remedy> remedy);
  // The tender's officers, the bureau and auditors read every challenge; a vendor its own.
  common::Result<std::vector<Challenge>> ListChallenges(const registry::Actor& actor, const std::string& tender_id);
  // The challenger's vendor complains to the bureau about a challenge in the complaint window
  // (after_award.h ComplaintWindowOf: kInvalidState before the answer or its due day, or too
  // late); one complaint per challenge (kConflict). The decision is due in 30 working days.
  common::Result<Complaint> SubmitComplaint(const registry::Actor& actor, const std::string& challenge_id,
                                            const std::string& grounds);
  // The bureau decides a submitted complaint (kConflict once decided); `remedy` as for a challenge.
  common::Result<Complaint> DecideComplaint(const registry::Actor& actor, const std::string& complaint_id,
                                            Ruling decision, const std::string& reason, std::optional<Remedy> remedy);
  // The bureau and auditors read every complaint, a vendor its own; ordered by id.
  common::Result<registry::Page<Complaint>> ListComplaints(const registry::Actor& actor, std::optional<Ruling> status,
                                                           const registry::PageRequest& page);
  common::Result<Complaint> GetComplaint(const registry::Actor& actor, const std::string& complaint_id);
  // An officer of the tender records the contract signed on `signed_on` for the awarded price:
  // awarded -> contracted, once the challenge period is over with no challenge or complaint open
  // (kInvalidState); field errors on signed_on (inside the period, or in the future) and amount.
  common::Result<Tender> SignContract(const registry::Actor& actor, const std::string& tender_id, common::Date signed_on,
                                      common::Money amount);
  // Every report of the tender, the earlier ones (set aside) first; read as GetEvaluation is.
  common::Result<std::vector<EvaluationRound>> ListEvaluations(const registry::Actor& actor, const std::string& tender_id);
  // What is due up to the end of `before` (all when nullopt), soonest first, overdue included:
  // an officer's tenders' challenge answers, contracts and reveal windows; the bureau and
  // auditors every tender's and the complaints' decisions; a vendor its own challenges and
  // complaints awaiting an answer. Experts: kForbidden.
  common::Result<std::vector<Deadline>> ListDue(const registry::Actor& actor, std::optional<common::Date> before);

  // Anyone, no account (public information; CONTRACT.md "Data exchange"): a tender once
  // published (a draft is kNotFound), with its bids once opened (tender_publication.cpp).
  common::Result<PublishedTender> GetPublished(const std::string& id);
  // Anyone: published tenders in id order.
  common::Result<registry::Page<PublishedTender>> ListPublished(const registry::PageRequest& page);
  // Anyone: the published steps of every tender after the audit entry `after_seq`, oldest first,
  // at most `limit`, each with its tender as it is now; *next is where to go on from (the last
  // audit entry looked at, published step or not).
  common::Result<std::vector<std::pair<TenderEvent, std::shared_ptr<const PublishedTender>>>> PublishedSteps(
      int64_t after_seq, int limit, int64_t* next);

  // Any account: the vendor's market access for the tender's own requirements.
  common::Result<registry::AccessDecision> TenderAccess(const registry::Actor& actor, const std::string& vendor_id,
                                                        const std::string& tender_id, std::optional<common::Date> on);

 private:
  // PublishedSteps: the step of audit entry `e` (with its tender, loaded once into `loaded`).
  common::Status Step(ProcurementUnitOfWork& uow, const registry::AuditEntry& e,
                      std::map<std::string, std::shared_ptr<const PublishedTender>>* loaded,
                      std::vector<std::pair<TenderEvent, std::shared_ptr<const PublishedTender>>>* out);
  ProcurementStore& store_;
  const common::Clock& clock_;
  registry::AccessCache& access_cache_;  // TenderAccess reads (registry/access_cache.h)
};

}  // namespace procurement
