// Tenders and bids, and the store interfaces the procurement services run against.
//
// Lifecycle: draft -> open (published) -> opened (after the bid deadline; qualification review
// done) -> evaluated | failed -> awarded; cancelled from any state before awarded.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.h"
#include "common/date.h"
#include "common/money.h"
#include "procurement/evaluation.h"
#include "procurement/procedure.h"
#include "registry/model.h"
#include "registry/store.h"

namespace procurement {

enum class TenderStatus { kDraft, kOpen, kOpened, kEvaluated, kFailed, kAwarded, kCancelled };
inline constexpr common::EnumName<TenderStatus> kTenderStatusNames[] = {
    {TenderStatus::kDraft, "draft"},
    {TenderStatus::kOpen, "open"},
    {TenderStatus::kOpened, "opened"},
    {TenderStatus::kEvaluated, "evaluated"},
    {TenderStatus::kFailed, "failed"},
    {TenderStatus::kAwarded, "awarded"},
    {TenderStatus::kCancelled, "cancelled"},
};
static_assert(common::CoversExactly(kTenderStatusNames, 7));
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
  int64_t version = 1;
  std::string owner_name;  // the owner account's name, read with it (names next to ids)
  ProcedurePolicies procedure;
  std::optional<common::Timestamp> opened_at;         // when it was opened (the reveal window starts)
  std::optional<common::Timestamp> reveal_closed_at;  // the owner closed the reveal window early
  bool committee_drawn = false;                        // read with it
};

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
};

class ProcurementUnitOfWork {
 public:
  virtual ~ProcurementUnitOfWork() = default;
  virtual registry::UnitOfWork& registry() = 0;
  virtual TenderStore& tenders() = 0;
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
