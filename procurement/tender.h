// Tenders and bids, and the store interfaces the procurement services run against.
//
// Lifecycle: draft -> open (published) -> opened (after the bid deadline; qualification review
// done) -> evaluated | failed -> awarded (the award notice published) -> contracted; cancelled
// from any state before awarded, and from awarded by an upheld challenge or complaint, which may
// also return it to opened for a new evaluation (issue 20).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/enum_names.h"
#include "common/date.h"
#include "common/money.h"
#include "common/working_days.h"
#include "procurement/evaluation.h"
#include "procurement/procedure.h"
#include "procurement/project.h"
#include "registry/model.h"
#include "registry/store.h"

namespace procurement {

enum class TenderStatus { kDraft, kOpen, kOpened, kEvaluated, kFailed, kAwarded, kContracted, kCancelled };
inline constexpr common::EnumName<TenderStatus> kTenderStatusNames[] = {
    {TenderStatus::kDraft, "draft"},
    {TenderStatus::kOpen, "open"},
    {TenderStatus::kOpened, "opened"},
    {TenderStatus::kEvaluated, "evaluated"},
    {TenderStatus::kFailed, "failed"},
    {TenderStatus::kAwarded, "awarded"},
    {TenderStatus::kContracted, "contracted"},
    {TenderStatus::kCancelled, "cancelled"},
};
static_assert(common::CoversExactly(kTenderStatusNames, 8));
inline const char* TenderStatusName(TenderStatus v) { return common::NameIn(kTenderStatusNames, v); }
inline std::optional<TenderStatus> ParseTenderStatus(std::string_view s) { return common::ParseIn(kTenderStatusNames, s); }

// What the evaluation engine knows of a category's kind (the legal price weights differ).
inline CategoryKindHint KindHint(registry::CategoryKind k) {
  switch (k) {
    case registry::CategoryKind::kGoods: return CategoryKindHint::kGoods;
    case registry::CategoryKind::kServices: return CategoryKindHint::kServices;
    case registry::CategoryKind::kWorks: return CategoryKindHint::kWorks;
  }
  return CategoryKindHint::kUnknown;
}

// How a tender's bids are sealed until the opening (CONTRACT.md "Tenders as the law runs them,
// I"): by the server (it holds the price and shows it to nobody before the opening), or by the
// bidder (it holds only a commitment to the price, which the bidder reveals after the opening).
enum class Sealing { kServer, kCommitReveal };
inline constexpr common::EnumName<Sealing> kSealingNames[] = {
    {Sealing::kServer, "server"},
    {Sealing::kCommitReveal, "commit_reveal"},
};
static_assert(common::CoversExactly(kSealingNames, 2));
inline const char* SealingName(Sealing v) { return common::NameIn(kSealingNames, v); }

// The procedure's policies of a tender, beside the engine's (evaluation.h Policies); in JSON both
// are under "policies".
struct ProcedurePolicies {
  Sealing sealing = Sealing::kServer;
  int amendment_notice_days = 15;  // Order 87 Art. 27; a new tender takes the bureau's default
  int reveal_hours = 24;           // commit_reveal: how long bidders have to reveal after the opening
  int committee_size = 0;          // 0: by budget (CommitteeSize in procedure.h)
};

// The contract signed after the award (Government Procurement Law Art. 46), as the officer
// recorded it.
struct ContractRecord {
  common::Date signed_on;
  common::Money amount;  // the awarded bid's price
  std::string recorded_by;
  common::Timestamp recorded_at;
};

struct Tender {
  std::string id;
  std::string title;
  std::string category;
  common::Money budget;
  Method method = Method::kComprehensive;
  int64_t price_weight = 0;  // hundredths
  int min_valid_bids = 3;
  Policies policies;
  std::vector<registry::Requirement> requirements;
  common::Timestamp bid_deadline;
  std::optional<common::Timestamp> opening_at;
  TenderStatus status = TenderStatus::kDraft;
  std::string created_by;  // the owner: the officer who made it (JSON "owner_id")
  common::Timestamp created_at;
  std::string status_reason;   // why cancelled, or the award justification
  std::string awarded_bid_id;
  std::string project_id;  // the e-government project it buys for (procurement/project.h); empty: none
  int64_t version = 1;
  std::string owner_name;  // the owner account's name, read with it (names next to ids)
  ProcedurePolicies procedure;
  std::optional<common::Timestamp> opened_at;         // when it was opened (the reveal window starts)
  std::optional<common::Timestamp> reveal_closed_at;  // the owner closed the reveal window early
  bool committee_drawn = false;                        // read with it
  // The award notice (issue 20; after_award.h NoticeOf), fixed when published: a later change of
  // the calendar does not move it. Cleared when an upheld challenge returns the tender to opened.
  std::optional<common::Timestamp> award_published_at;
  std::optional<common::Date> challenge_period_ends_on;
  std::optional<common::Date> contract_due_on;
  std::optional<ContractRecord> contract;  // once contracted
};

// A contract signed after contract_due_on (Art. 46: within 30 days of the notice) is recorded
// and marked late.
inline bool ContractLate(const Tender& t) {
  return t.contract && t.contract_due_on && t.contract->signed_on.days > t.contract_due_on->days;
}

// A bid is live (`submitted`) until its vendor withdraws it before the deadline (Order 87
// Art. 34); a withdrawn bid counts for nothing: it is not reviewed, scored or evaluated, and
// only its vendor reads it. Submitting again before the deadline makes the same row live again.
enum class BidStatus { kSubmitted, kWithdrawn };
inline constexpr common::EnumName<BidStatus> kBidStatusNames[] = {
    {BidStatus::kSubmitted, "submitted"},
    {BidStatus::kWithdrawn, "withdrawn"},
};
static_assert(common::CoversExactly(kBidStatusNames, 2));
inline const char* BidStatusName(BidStatus v) { return common::NameIn(kBidStatusNames, v); }
inline std::optional<BidStatus> ParseBidStatus(std::string_view s) { return common::ParseIn(kBidStatusNames, s); }

struct Bid {
  std::string id;
  std::string tender_id;
  std::string vendor_id;
  common::Money price;
  bool domestic_claimed = false;
  bool domestic = false;           // effective: from verified catalog items when items are given
  std::vector<std::string> items;  // catalog item ids
  std::string note;
  std::string salt;                // random; keeps the audit digest from revealing the price
  std::string digest;              // SHA-256 of salt and content, what the audit log records
  common::Timestamp submitted_at;
  bool reviewed = false;           // the qualification review ran (at opening)
  bool eligible = false;
  bool sme = false;
  std::string review_reasons;      // canonical JSON object: reason code -> message
  BidStatus status = BidStatus::kSubmitted;
  std::optional<common::Timestamp> withdrawn_at;
  int64_t version = 1;
  std::string vendor_name;   // read with it (names next to ids); not stored on the bid
  std::string tender_title;  // likewise
  // Sealed by the bidder (commit_reveal): the commitment (procedure.h Commitment); `price` is
  // zero and meaningless until revealed, when price_text and nonce are what the bidder revealed.
  std::string commitment;
  std::string price_text;
  std::string nonce;
  std::optional<common::Timestamp> revealed_at;
  bool SealedByBidder() const { return !commitment.empty(); }
  bool PriceKnown() const { return commitment.empty() || revealed_at.has_value(); }
};

// What the public may know of a tender (the exchange issue: OCDS releases, /public/v1/tenders):
// the tender, the steps it was published at (from the audit log) and, once it is opened, its
// live bids with their bidders. Never a bid before the opening.
struct TenderEvent {
  int64_t seq = 0;            // the audit entry's
  common::Timestamp at;
  std::string action;         // tender.publish, tender.award, tender.contract or tender.cancel
};
struct PublishedTender {
  Tender tender;
  std::vector<TenderEvent> events;  // oldest first
  std::vector<Bid> bids;             // once opened: the live bids; before, none
  std::map<std::string, registry::Vendor> bidders;  // by vendor id
  // The events published: the four actions, a cancellation only after a publication.
  static bool Published(const std::string& action) {
    return action == "tender.publish" || action == "tender.award" || action == "tender.contract" || action == "tender.cancel";
  }
};

// A clarification or amendment of an open tender (Order 87 Art. 27), published to every account
// that may see the tender. `changes` are the terms it changed, as asked (none: it only explains);
// bid_deadline/opening_at are the tender's after it.
struct TermChanges {
  std::optional<common::Timestamp> bid_deadline;
  std::optional<common::Timestamp> opening_at;
  std::optional<common::Money> budget;
  std::optional<std::vector<registry::Requirement>> requirements;
  bool Any() const { return bid_deadline || opening_at || budget || requirements; }
};

struct Clarification {
  std::string id;
  std::string tender_id;
  std::string text;
  TermChanges changes;  // stored as a JSON object (storage/sql_tender_store.cpp)
  std::string question_id;    // the vendor question it answers, if any
  std::string question_text;  // read with it; the asker is never named
  common::Timestamp bid_deadline;
  std::optional<common::Timestamp> opening_at;
  bool deadline_extended = false;  // the notice period moved the deadline
  std::string created_by;
  std::string created_by_name;  // read with it
  common::Timestamp created_at;
};

// A vendor's question on an open tender; answered by clarifications citing it.
struct Question {
  std::string id;
  std::string tender_id;
  std::string vendor_id;
  std::string asked_by;
  std::string text;
  common::Timestamp asked_at;
  std::string vendor_name;               // read with it
  std::vector<std::string> answered_by;  // clarification ids, read with it
};

// An expert account as the bureau describes it (procedure.h ExpertProfile: its account's status
// is read with it), with who last changed it.
struct ExpertRecord {
  ExpertProfile profile;
  std::string name;  // the account's
  std::string updated_by;
  common::Timestamp updated_at;
  int64_t version = 1;
};

// A tender's evaluation committee, drawn once (Order 87 Art. 47-48).
struct Committee {
  std::string tender_id;
  int size = 0;
  std::string seed;
  int candidates = 0;
  std::string drawn_by;
  common::Timestamp drawn_at;
  std::vector<std::string> members;       // account ids, in the order drawn
  std::vector<std::string> member_names;  // read with them
};

// ---- After the award (issue 20; CONTRACT.md "Tenders as the law runs them, II") ----

// Where a challenge or a complaint stands: submitted until answered (challenge) or decided
// (complaint), then upheld or dismissed.
enum class Ruling { kSubmitted, kUpheld, kDismissed };
inline constexpr common::EnumName<Ruling> kRulingNames[] = {
    {Ruling::kSubmitted, "submitted"},
    {Ruling::kUpheld, "upheld"},
    {Ruling::kDismissed, "dismissed"},
};
static_assert(common::CoversExactly(kRulingNames, 3));
inline const char* RulingName(Ruling v) { return common::NameIn(kRulingNames, v); }
inline std::optional<Ruling> ParseRuling(std::string_view s) { return common::ParseIn(kRulingNames, s); }

// What an upheld challenge or complaint does to the tender: a new evaluation (back to opened,
// the report set aside and kept) or its cancellation.
enum class Remedy { kReEvaluate, kCancel };
inline constexpr common::EnumName<Remedy> kRemedyNames[] = {
    {Remedy::kReEvaluate, "re_evaluate"},
    {Remedy::kCancel, "cancel"},
};
static_assert(common::CoversExactly(kRemedyNames, 2));
inline const char* RemedyName(Remedy v) { return common::NameIn(kRemedyNames, v); }
inline std::optional<Remedy> ParseRemedy(std::string_view s) { return common::ParseIn(kRemedyNames, s); }

// A year's working-day calendar as the bureau keeps it (version 0: none kept; Monday to Friday).
struct CalendarRecord {
  common::YearCalendar days;
  std::string updated_by;
  std::optional<common::Timestamp> updated_at;
  int64_t version = 0;
};

// A bidder's challenge (质疑) of the award notice published at notice_published_at.
struct Challenge {
  std::string id;
  std::string tender_id;
  std::string vendor_id;
  std::string challenger;  // the vendor's account that made it
  std::string grounds;
  std::string evidence;
  common::Timestamp notice_published_at;
  Ruling status = Ruling::kSubmitted;
  common::Date answer_due_on;
  std::string answer;
  std::optional<Remedy> remedy;
  std::string answered_by;
  std::optional<common::Timestamp> answered_at;
  common::Timestamp created_at;
  int64_t version = 1;
  std::string vendor_name;   // read with it
  std::string tender_title;  // read with it
  std::string complaint_id;  // read with it: its complaint, if any
};

// The challenger's complaint (投诉) to the bureau about a challenge, one per challenge.
struct Complaint {
  std::string id;
  std::string challenge_id;
  std::string tender_id;
  std::string vendor_id;
  std::string complainant;  // the vendor's account that made it
  std::string grounds;
  Ruling status = Ruling::kSubmitted;
  common::Date decision_due_on;
  std::string reason;
  std::optional<Remedy> remedy;
  std::string decided_by;
  std::optional<common::Timestamp> decided_at;
  common::Timestamp created_at;
  int64_t version = 1;
  std::string vendor_name;   // read with it
  std::string tender_title;  // read with it
};

// One evaluation report of a tender: the current one, or one set aside by an upheld challenge or
// complaint (set_aside_by its id).
struct EvaluationRound {
  int round = 0;
  std::string report;  // as served
  common::Timestamp created_at;
  std::optional<common::Timestamp> set_aside_at;
  std::string set_aside_by;
};

// What is due on a tender (GET /v1/deadlines), open only: a challenge's answer, a complaint's
// decision, a contract, a reveal window's end.
enum class DeadlineKind { kChallengeAnswer, kComplaintDecision, kContract, kRevealWindow };
inline constexpr common::EnumName<DeadlineKind> kDeadlineKindNames[] = {
    {DeadlineKind::kChallengeAnswer, "challenge_answer"},
    {DeadlineKind::kComplaintDecision, "complaint_decision"},
    {DeadlineKind::kContract, "contract"},
    {DeadlineKind::kRevealWindow, "reveal_window"},
};
static_assert(common::CoversExactly(kDeadlineKindNames, 4));
inline const char* DeadlineKindName(DeadlineKind v) { return common::NameIn(kDeadlineKindNames, v); }

struct Deadline {
  DeadlineKind kind = DeadlineKind::kContract;
  common::Timestamp due_at;  // the instant it is over (a day's end: after_award.h EndOf)
  common::Date due_on;       // its last day, Beijing
  std::string tender_id;
  std::string tender_title;
  std::string ref_id;  // the challenge or complaint; "" for a contract or reveal window
  // A reveal window as the store reads it: due_at is the opening and due_on unset; the service
  // adds the window (RevealWindowEnd).
  int reveal_hours = 0;
  bool overdue = false;  // its day is over and it is still open (set by the service)
};

// Which open items a deadline query reads: those of the tenders `officer` runs ("" every
// tender's), complaints only when `complaints`, and only `vendor_id`'s challenges and complaints
// when it is not empty (then no contracts or reveal windows).
struct DeadlineScope {
  std::string officer;
  std::string vendor_id;
  bool complaints = false;
};

// The bureau's legal bounds on tender terms (GET/PUT /v1/policy-limits). Percentages are in
// hundredths. A tender beyond them is refused; /simulate is not bound by them.
struct PolicyLimits {
  int min_valid_bids_min = 3;                    // Government Procurement Law: fewer than 3 fails
  int64_t domestic_price_deduction_max = 2000;   // 20 %
  int64_t sme_price_deduction_max = 2000;        // 20 %
  int amendment_notice_days_default = 15;        // what a new tender takes unless it sets its own
  std::string updated_by;
  std::optional<common::Timestamp> updated_at;
  int64_t version = 1;
};

struct Score {
  std::string bid_id;
  std::string expert;           // the scoring expert's account id; a free-text name when legacy
  int64_t technical_score = 0;  // hundredths
  std::string scored_by;
  common::Timestamp scored_at;
  // Stored before scores were bound to expert accounts (schema 008): `expert` is then the name
  // someone typed, kept as it was, and no account stands behind it.
  bool legacy = false;
};

class TenderStore {
 public:
  virtual ~TenderStore() = default;
  virtual common::Status Insert(const Tender& t) = 0;
  virtual common::Result<std::optional<Tender>> Get(const std::string& id) = 0;
  // Ordered by id, optionally of one status ("" any); page.after is an id.
  // Ordered by id; drafts only when `include_drafts`.
  virtual common::Result<registry::Page<Tender>> List(std::optional<TenderStatus> status, const registry::PageRequest& page,
                                                      bool include_drafts) = 0;
  // The officers added to a tender besides its owner (created_by), in the order added.
  virtual common::Status AddOfficer(const std::string& tender_id, const std::string& account_id,
                                    const std::string& added_by, common::Timestamp at) = 0;
  virtual common::Result<bool> IsOfficer(const std::string& tender_id, const std::string& account_id) = 0;
  virtual common::Result<std::vector<std::string>> ListOfficers(const std::string& tender_id) = 0;
  // The one row of policy limits (schema/*/007_policy_limits.sql holds the defaults).
  virtual common::Result<PolicyLimits> GetPolicyLimits() = 0;
  // kVersionMismatch when the stored version is not `expected_version`.
  virtual common::Status PutPolicyLimits(const PolicyLimits& limits, int64_t expected_version) = 0;
  // Optimistic: see registry/store.h. Writes the tender's mutable fields (status, reason, award,
  // budget, deadline, opening, opened_at, reveal_closed_at); requirements: ReplaceRequirements.
  virtual common::Status Update(const Tender& t, int64_t expected_version) = 0;
  virtual common::Status ReplaceRequirements(const std::string& tender_id,
                                             const std::vector<registry::Requirement>& reqs) = 0;
  // The vendor's bid on the tender, live or withdrawn.
  virtual common::Result<std::optional<Bid>> GetBid(const std::string& tender_id, const std::string& vendor_id) = 0;
  // The same, locking the bid's row until the transaction ends (MySQL: FOR UPDATE; SQLite's one
  // writer needs no lock): concurrent replacements of one vendor's bid then wait in turn.
  virtual common::Result<std::optional<Bid>> LockBid(const std::string& tender_id, const std::string& vendor_id) = 0;
  virtual common::Result<std::optional<Bid>> GetBidById(const std::string& bid_id) = 0;
  // Inserts a new bid or replaces the vendor's bid (same id kept; a withdrawn one becomes live).
  // A replacement is made over version b.version - 1 only (else kVersionMismatch).
  virtual common::Status PutBid(const Bid& b) = 0;
  // Marks the vendor's live bid withdrawn at b.withdrawn_at, with version b.version, over
  // version b.version - 1 only (else kVersionMismatch).
  virtual common::Status WithdrawBid(const Bid& b) = 0;
  // Records the reveal of a bid sealed by its bidder (price, price_text, nonce, revealed_at), with
  // version b.version, over version b.version - 1 only (else kVersionMismatch).
  virtual common::Status RevealBid(const Bid& b) = 0;
  // The tender's live bids (withdrawn ones left out), ordered by id.
  virtual common::Result<std::vector<Bid>> ListBids(const std::string& tender_id) = 0;
  virtual common::Status SetReview(const Bid& b) = 0;
  virtual common::Status PutScore(const std::string& tender_id, const Score& s) = 0;  // replaces
  virtual common::Result<std::vector<Score>> ListScores(const std::string& tender_id) = 0;
  virtual common::Status PutEvaluation(const std::string& tender_id, const Report& report, const Terms& terms,
                                       const std::vector<BidInput>& inputs, common::Timestamp at) = 0;
  // The stored report in its served form, or nullopt.
  virtual common::Result<std::optional<std::string>> GetEvaluation(const std::string& tender_id) = 0;

  // ---- The procedure before the opening (issue 19) ----
  virtual common::Status InsertClarification(const Clarification& c) = 0;
  // In the order published, each with its question's text and its author's name.
  virtual common::Result<std::vector<Clarification>> ListClarifications(const std::string& tender_id) = 0;
  virtual common::Status InsertQuestion(const Question& q) = 0;
  virtual common::Result<std::optional<Question>> GetQuestion(const std::string& id) = 0;
  // The tender's questions in the order asked; only `vendor_id`'s when it is not empty.
  virtual common::Result<std::vector<Question>> ListQuestions(const std::string& tender_id,
                                                              const std::string& vendor_id) = 0;
  virtual common::Result<std::optional<ExpertRecord>> GetExpert(const std::string& account_id) = 0;
  // Inserts (expected_version 0) or replaces over `expected_version` (else kVersionMismatch).
  virtual common::Status PutExpert(const ExpertRecord& e, int64_t expected_version) = 0;
  // Every expert profile, with its account's status, ordered by account id.
  virtual common::Result<std::vector<ExpertRecord>> ListExperts() = 0;
  virtual common::Result<std::optional<Committee>> GetCommittee(const std::string& tender_id) = 0;
  // kConflict when the tender has one already.
  virtual common::Status InsertCommittee(const Committee& c) = 0;
  // The tenders whose committee `account_id` sits on, ordered by tender id.
  virtual common::Result<std::vector<std::string>> CommitteesOf(const std::string& account_id) = 0;

  // ---- After the award (issue 20) ----
  // Locks the tender's row until the transaction ends (MySQL FOR UPDATE; SQLite's one writer
  // needs none): a challenge and the contract's signing wait for each other.
  virtual common::Status LockTender(const std::string& id) = 0;
  // The years from..to that the bureau keeps (others absent), ordered by year.
  virtual common::Result<std::vector<CalendarRecord>> GetCalendars(int from_year, int to_year) = 0;
  // Inserts (expected_version 0) or replaces over `expected_version` (else kVersionMismatch).
  virtual common::Status PutCalendar(const CalendarRecord& c, int64_t expected_version) = 0;
  virtual common::Status InsertChallenge(const Challenge& c) = 0;
  virtual common::Result<std::optional<Challenge>> GetChallenge(const std::string& id) = 0;
  // The tender's challenges in the order made; only `vendor_id`'s when it is not empty.
  virtual common::Result<std::vector<Challenge>> ListChallenges(const std::string& tender_id,
                                                                const std::string& vendor_id) = 0;
  // Writes the answer (status, answer, remedy, answered_by/at) over `expected_version`.
  virtual common::Status AnswerChallenge(const Challenge& c, int64_t expected_version) = 0;
  virtual common::Status InsertComplaint(const Complaint& c) = 0;
  virtual common::Result<std::optional<Complaint>> GetComplaint(const std::string& id) = 0;
  // Ordered by id; of one status when given; only `vendor_id`'s when it is not empty.
  virtual common::Result<registry::Page<Complaint>> ListComplaints(std::optional<Ruling> status, const std::string& vendor_id,
                                                                   const registry::PageRequest& page) = 0;
  // Writes the decision (status, reason, remedy, decided_by/at) over `expected_version`.
  virtual common::Status DecideComplaint(const Complaint& c, int64_t expected_version) = 0;
  // How many of the tender's challenges and complaints are still submitted.
  virtual common::Result<std::pair<int, int>> CountOpen(const std::string& tender_id) = 0;
  // Moves the current report into the earlier ones (the next round), noting what set it aside.
  // Nothing when there is no current report.
  virtual common::Status SetAsideEvaluation(const std::string& tender_id, common::Timestamp at, const std::string& by) = 0;
  // Every report of the tender, the earlier ones first and the current one (if any) last.
  virtual common::Result<std::vector<EvaluationRound>> ListEvaluations(const std::string& tender_id) = 0;
  // What is due in `scope` up to the end of `before` (every open item when nullopt), unordered.
  // Reveal windows are those of opened tenders sealed by their bidders not closed early.
  virtual common::Result<std::vector<Deadline>> ListDeadlines(const DeadlineScope& scope,
                                                              std::optional<common::Date> before) = 0;
};

class ProcurementUnitOfWork {
 public:
  virtual ~ProcurementUnitOfWork() = default;
  virtual registry::UnitOfWork& registry() = 0;
  virtual TenderStore& tenders() = 0;
  virtual ProjectStore& projects() = 0;
};

class ProcurementStore {
 public:
  virtual ~ProcurementStore() = default;
  virtual common::Status WriteProcurement(const std::function<common::Status(ProcurementUnitOfWork&)>& fn) = 0;
  virtual common::Status ReadProcurement(const std::function<common::Status(ProcurementUnitOfWork&)>& fn) = 0;

  // A read that returns one value (registry::Store::ReadValue's twin).
  template <typename T>
  common::Result<T> ReadProcurementValue(const std::function<common::Result<T>(ProcurementUnitOfWork&)>& fn) {
    std::optional<T> out;
    common::Status st = ReadProcurement([&](ProcurementUnitOfWork& uow) -> common::Status {
      auto r = fn(uow);
      if (!r.ok()) return r.status();
      out = std::move(r).value();
      return common::Status::Ok();
    });
    if (!st.ok()) return st;
    return std::move(*out);
  }

  // registry::Store::ReadErrors's twin.
  common::Result<std::vector<common::FieldError>> ReadProcurementErrors(
      const std::function<common::Status(ProcurementUnitOfWork&, std::vector<common::FieldError>*)>& check) {
    return ReadProcurementValue<std::vector<common::FieldError>>(
        [&](ProcurementUnitOfWork& uow) -> common::Result<std::vector<common::FieldError>> {
          std::vector<common::FieldError> found;
          common::Status st = check(uow, &found);
          if (!st.ok()) return st;
          return found;
        });
  }
};

}  // namespace procurement
