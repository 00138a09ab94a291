#include "procurement/tender_service.h"

#include "procurement/after_award.h"
#include "procurement/tender_internal.h"

#include <map>
#include <set>

#include "common/crypto.h"
#include "common/text.h"
#include "registry/registry_service.h"

namespace procurement {

using common::Fields;
using common::Result;
using common::Status;
using registry::Actor;
using registry::Role;

namespace detail {

bool Opened(TenderStatus s) {
  return s == TenderStatus::kOpened || s == TenderStatus::kEvaluated || s == TenderStatus::kFailed ||
         s == TenderStatus::kAwarded || s == TenderStatus::kContracted;
}

// To anyone else a draft does not exist (404), so its budget and terms do not leak before publication.
bool SeesDrafts(const Actor& actor) {
  return actor.Is(Role::kOfficer) || actor.Is(Role::kBureau) || actor.Is(Role::kAuditor);
}

Result<Tender> Require(ProcurementUnitOfWork& uow, const std::string& id, const Actor& actor) {
  ASSIGN_OR_RETURN(auto t, uow.tenders().Get(id));
  if (!t || (t->status == TenderStatus::kDraft && !SeesDrafts(actor))) return Status::NotFound("no such tender");
  return *t;
}

// A tender belongs to the officer who made it and the officers added to it: only they change it.
// Any other officer may read it (kForbidden for the rest).
Status MayRun(ProcurementUnitOfWork& uow, const Tender& t, const Actor& actor) {
  if (t.created_by == actor.account_id) return Status::Ok();
  ASSIGN_OR_RETURN(bool added, uow.tenders().IsOfficer(t.id, actor.account_id));
  if (added) return Status::Ok();
  return Status::Forbidden("only the tender's own officers change it; its owner or the bureau may add you");
}

Status SaveTender(ProcurementUnitOfWork& uow, Tender& t, common::Timestamp at, const Actor& actor, const char* action,
                  Fields details) {
  RETURN_IF_ERROR(uow.tenders().Update(t, t.version));
  t.version += 1;
  return registry::AppendAudit(uow.registry(), at, actor.account_id, action, "tender", t.id, details.ToJson());
}

Status Transition(ProcurementUnitOfWork& uow, Tender& t, TenderStatus to, common::Timestamp at, const Actor& actor,
                  const char* action, Fields details) {
  t.status = to;
  return SaveTender(uow, t, at, actor, action, details.Add("status", TenderStatusName(to)));
}

std::string BidDigest(const Bid& b) {
  std::string items;
  for (const auto& i : b.items) items += i + ",";
  // Sealed by its bidder, the bid is its commitment until the reveal: the digest (which the
  // committee's seed is made of) is fixed at the deadline and does not change at the reveal.
  std::string price = b.SealedByBidder() ? "commitment:" + b.commitment : common::FormatMoney(b.price);
  return common::Sha256Hex(b.salt + "\n" + price + "\n" + (b.domestic ? "1" : "0") + "\n" + items + "\n" + b.note);
}

bool RevealOpen(const Tender& t, common::Timestamp now) {
  if (t.procedure.sealing != Sealing::kCommitReveal || !t.opened_at) return false;
  return RevealWindowOpen(*t.opened_at, t.procedure.reveal_hours, now, t.reveal_closed_at.has_value());
}

Status MayReadEvaluation(ProcurementUnitOfWork& uow, const Tender& t, const Actor& actor) {
  if (actor.Is(Role::kVendor)) {
    ASSIGN_OR_RETURN(auto own, uow.tenders().GetBid(t.id, actor.vendor_id));
    if ((t.status != TenderStatus::kAwarded && t.status != TenderStatus::kContracted) || !own ||
        own->status != BidStatus::kSubmitted) {
      return Status::Forbidden("bidders see the evaluation after the award");
    }
  } else if (actor.Is(Role::kExpert)) {
    ASSIGN_OR_RETURN(bool member, IsMember(uow, t.id, actor.account_id));
    if (!member) return Status::Forbidden("among experts, only the tender's evaluation committee reads its evaluation");
  } else if (!actor.Is(Role::kOfficer) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("the evaluation is read by officers, experts and auditors");
  }
  return Status::Ok();
}

Result<bool> IsMember(ProcurementUnitOfWork& uow, const std::string& tender_id, const std::string& account_id) {
  ASSIGN_OR_RETURN(auto committee, uow.tenders().GetCommittee(tender_id));
  if (!committee) return false;
  for (const auto& m : committee->members) {
    if (m == account_id) return true;
  }
  return false;
}

}  // namespace detail

using detail::BidDigest;
using detail::MayRun;
using detail::Opened;
using detail::Require;
using detail::SeesDrafts;
using detail::Transition;

namespace {

// The engine's inputs for a tender: its terms, and each bid with its review and expert scores.
// With `require_scores` (the evaluation), a method other than lowest_price needs the drawn
// committee's every member's score for every bid that can be ranked (eligible and, sealed by
// its bidder, revealed): kInvalidState naming what is missing. Once a committee is drawn only
// its members' scores count (they are the only experts who may score).
Status BuildInputs(ProcurementUnitOfWork& uow, const Tender& t, bool require_scores, Terms* terms,
                   std::vector<BidInput>* inputs) {
  ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(t.id));
  ASSIGN_OR_RETURN(auto scores, uow.tenders().ListScores(t.id));
  ASSIGN_OR_RETURN(auto committee, uow.tenders().GetCommittee(t.id));
  std::set<std::string> members;
  if (committee) members.insert(committee->members.begin(), committee->members.end());
  std::map<std::string, std::vector<int64_t>> by_bid;
  std::map<std::string, std::set<std::string>> scorers;
  for (const auto& s : scores) {
    if (committee && !members.count(s.expert)) continue;
    by_bid[s.bid_id].push_back(s.technical_score);
    scorers[s.bid_id].insert(s.expert);
  }
  const bool scored = t.method != Method::kLowestPrice;
  if (require_scores && scored && !committee) {
    return Status::InvalidState("the evaluation committee has not been drawn (POST /v1/tenders/" + t.id + "/committee)");
  }
  terms->tender_id = t.id;
  terms->method = t.method;
  terms->price_weight = t.price_weight;
  terms->budget = t.budget;
  terms->min_valid_bids = t.min_valid_bids;
  terms->policies = t.policies;
  inputs->clear();
  for (const Bid& b : bids) {
    BidInput in{b.id, b.price, b.domestic, b.sme, b.eligible, std::nullopt, by_bid[b.id]};
    in.revealed = b.PriceKnown();
    if (require_scores && scored && b.eligible && in.revealed) {
      for (size_t m = 0; m < committee->members.size(); ++m) {
        if (!scorers[b.id].count(committee->members[m])) {
          std::string who = committee->member_names[m].empty() ? committee->members[m] : committee->member_names[m];
          return Status::InvalidState("bid " + b.id + " has no technical score from committee member " + who + " yet");
        }
      }
    }
    if (in.expert_scores.empty()) in.technical_score = 0;
    inputs->push_back(std::move(in));
  }
  return Status::Ok();
}

}  // namespace

namespace {

// The checks of a new tender that need no stored state.
std::vector<common::FieldError> PureTenderChecks(const NewTender& in, common::Timestamp now) {
  std::vector<common::FieldError> fields;
  common::MergeFieldErrors(common::CheckName(in.title, "title", 200), &fields);
  if (in.bid_deadline <= now) fields.push_back({"bid_deadline", "past", "the bid deadline must be in the future"});
  if (in.opening_at && *in.opening_at < in.bid_deadline) {
    fields.push_back({"opening_at", "before_deadline", "the opening cannot be before the bid deadline"});
  }
  if (in.committee_size != 0) {
    auto size = CommitteeSize(in.budget, in.committee_size, 0);
    if (!size.ok()) {
      fields.push_back({"policies.committee_size", "range", "an odd number, five or more (Order 87 Art. 47)"});
    }
  }
  return fields;
}

// The checks that read stored state: the category, its requirements, the policy limits, and
// the engine's own checks of the terms for the category's kind. `*reqs` gets the tender's
// requirements (the category's unless it gives its own).
Status StoredTenderChecks(ProcurementUnitOfWork& uow, const NewTender& in, std::vector<common::FieldError>* errors,
                          std::vector<registry::Requirement>* reqs) {
  ASSIGN_OR_RETURN(auto cat, uow.registry().reference().GetCategory(in.category));
  if (!cat) errors->push_back({"category", "unknown", "no such category"});
  ASSIGN_OR_RETURN(registry::TypeTable types, registry::LoadTypeTable(uow.registry()));
  *reqs = in.requirements ? *in.requirements : cat ? cat->requirements : std::vector<registry::Requirement>{};
  if (reqs->size() > 20) errors->push_back({"requirements", "too_many", "at most 20"});
  registry::CheckRequirements(*reqs, types, errors);
  if (cat && in.requirements) registry::CheckTightens(*reqs, cat->requirements, types, errors);
  ASSIGN_OR_RETURN(PolicyLimits limits, uow.tenders().GetPolicyLimits());
  if (in.min_valid_bids < limits.min_valid_bids_min) {
    errors->push_back({"min_valid_bids", "below_limit",
                       "at least " + std::to_string(limits.min_valid_bids_min) + " (the bureau's policy limit)"});
  }
  auto pct = [](int64_t h) { return std::to_string(h / 100) + (h % 100 ? "." + std::to_string(100 + h % 100).substr(1) : ""); };
  if (in.policies.domestic_price_deduction > limits.domestic_price_deduction_max) {
    errors->push_back({"policies.domestic_price_deduction_pct", "above_limit",
                       "at most " + pct(limits.domestic_price_deduction_max) + " % (the bureau's policy limit)"});
  }
  if (in.policies.sme_price_deduction > limits.sme_price_deduction_max) {
    errors->push_back({"policies.sme_price_deduction_pct", "above_limit",
                       "at most " + pct(limits.sme_price_deduction_max) + " % (the bureau's policy limit)"});
  }
  Terms terms;
  terms.method = in.method;
  terms.price_weight = in.price_weight;
  terms.budget = in.budget;
  terms.min_valid_bids = in.min_valid_bids;
  terms.policies = in.policies;
  terms.kind = cat ? KindHint(cat->kind) : CategoryKindHint::kUnknown;
  auto check = procurement::Evaluate(terms, {});
  if (!check.ok()) common::MergeFieldErrors(check.status(), errors);
  return Status::Ok();
}

}  // namespace

Status TenderService::CheckNew(const Actor& actor, const NewTender& in, const common::Unread& unread) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("tenders are created by procurement officers");
  std::vector<common::FieldError> fields = PureTenderChecks(in, clock_.Now());
  ASSIGN_OR_RETURN(auto stored,
                   store_.ReadProcurementErrors([&](ProcurementUnitOfWork& uow, std::vector<common::FieldError>* found) {
                     std::vector<registry::Requirement> unused;
                     return StoredTenderChecks(uow, in, found, &unused);
                   }));
  fields.insert(fields.end(), stored.begin(), stored.end());
  // A rule whose result also depends on another field waits for that field: the price weight's
  // range on the method and the category's kind, the opening on the deadline, the
  // requirements on the category they tighten.
  return common::ValidationOrOk(unread.Keep(fields, {{"price_weight", {"method", "category"}},
                                                     {"opening_at", {"bid_deadline"}},
                                                     {"requirements", {"category"}}}),
                                "the tender has invalid fields");
}

Result<Tender> TenderService::Create(const Actor& actor, const NewTender& in) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("tenders are created by procurement officers");
  const common::Timestamp now = clock_.Now();
  // Answered from a read when the fields alone are wrong: a malformed request never queues for
  // the writer, and the answer still lists the stored-state problems too.
  if (!PureTenderChecks(in, now).empty()) return CheckNew(actor, in, common::Unread());
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    std::vector<common::FieldError> errors;  // this run's own: the closure may run again
    std::vector<registry::Requirement> reqs;
    if (!in.project_id.empty()) RETURN_IF_ERROR(uow.projects().LockProject(in.project_id));  // first: before any read
    RETURN_IF_ERROR(StoredTenderChecks(uow, in, &errors, &reqs));
    if (!in.project_id.empty()) {
      // The project's approved budget, less what its other live tenders hold (先评估后建设).
      ASSIGN_OR_RETURN(auto project, uow.projects().GetProject(in.project_id));
      if (!project) {
        errors.push_back({"project_id", "unknown", "no such project"});
      } else {
        ASSIGN_OR_RETURN(common::Money held, uow.projects().HeldByTenders(in.project_id));
        common::MergeFieldErrors(CheckTenderBudget(*project, in.budget, held), &errors);
      }
    }
    if (!errors.empty()) return Status::Validation("the tender has invalid fields", errors);
    t.id = common::NewId("tnd");
    t.project_id = in.project_id;
    t.title = common::NormalizeNfc(in.title);
    t.category = in.category;
    t.budget = in.budget;
    t.method = in.method;
    t.price_weight = in.method == Method::kComprehensive ? in.price_weight : 0;
    t.min_valid_bids = in.min_valid_bids;
    t.policies = in.policies;
    t.requirements = reqs;
    t.bid_deadline = in.bid_deadline;
    t.opening_at = in.opening_at;
    ASSIGN_OR_RETURN(PolicyLimits limits, uow.tenders().GetPolicyLimits());
    t.procedure.sealing = in.sealing;
    t.procedure.amendment_notice_days = in.amendment_notice_days.value_or(limits.amendment_notice_days_default);
    t.procedure.reveal_hours = in.reveal_hours;
    t.procedure.committee_size = in.committee_size;
    t.status = TenderStatus::kDraft;
    t.created_by = actor.account_id;
    t.created_at = now;
    RETURN_IF_ERROR(uow.tenders().Insert(t));
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "tender.create", "tender", t.id,
                                 Fields()
                                     .Add("title", t.title)
                                     .Add("category", t.category)
                                     .Add("budget", common::FormatMoney(t.budget))
                                     .Add("method", MethodName(t.method))
                                     .Add("bid_deadline", common::FormatTimestamp(t.bid_deadline))
                                     .Add("sealing", SealingName(t.procedure.sealing))
                                     .Add("project_id", t.project_id)
                                     .ToJson());
  }));
  return t;
}

Result<Tender> TenderService::Get(const Actor& actor, const std::string& id) {
  return store_.ReadProcurementValue<Tender>([&](ProcurementUnitOfWork& uow) { return Require(uow, id, actor); });
}

Result<registry::Page<Tender>> TenderService::List(const Actor& actor, std::optional<TenderStatus> status,
                                                  const registry::PageRequest& page) {
  registry::Page<Tender> out;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    if (status == TenderStatus::kDraft && !SeesDrafts(actor)) return Status::Ok();  // an empty page
    ASSIGN_OR_RETURN(out, uow.tenders().List(status, page, SeesDrafts(actor)));
    return Status::Ok();
  }));
  return out;
}

Result<Tender> TenderService::Publish(const Actor& actor, const std::string& id) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("tenders are published by procurement officers");
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(t, Require(uow, id, actor));
    RETURN_IF_ERROR(MayRun(uow, t, actor));
    if (t.status != TenderStatus::kDraft) return Status::InvalidState("only a draft tender is published");
    common::Timestamp now = clock_.Now();
    if (t.bid_deadline <= now) return Status::InvalidState("the bid deadline has passed; create a new tender");
    return Transition(uow, t, TenderStatus::kOpen, now, actor, "tender.publish", Fields());
  }));
  return t;
}

namespace {

// The bid's catalog items, each a listed item of the calling vendor and named once; appends a
// field error per bad item to `errors`. The bid is domestic when it names items and the bureau
// verified every one as domestic: a claim alone counts for nothing (trust issue).
Status CheckBidItems(ProcurementUnitOfWork& uow, const Actor& actor, const NewBid& in,
                     std::vector<common::FieldError>* errors, bool* domestic) {
  *domestic = !in.items.empty();
  std::set<std::string> seen;
  for (size_t i = 0; i < in.items.size(); ++i) {
    std::string f = "items[" + std::to_string(i) + "]";
    if (!seen.insert(in.items[i]).second) {
      errors->push_back({f, "duplicate", "each item once"});
      continue;
    }
    ASSIGN_OR_RETURN(auto item, uow.registry().catalog().Get(in.items[i]));
    if (!item || item->vendor_id != actor.vendor_id || item->status != registry::ItemStatus::kListed) {
      errors->push_back({f, "unknown", "not a listed catalog item of this vendor"});
      continue;
    }
    *domestic = *domestic && item->domestic_verified;
  }
  return Status::Ok();
}

}  // namespace

namespace {

std::vector<common::FieldError> PureBidChecks(const NewBid& in) {
  std::vector<common::FieldError> fields;
  if (in.commitment) {
    common::MergeFieldErrors(CheckCommitment(*in.commitment), &fields);
  } else if (in.price.fen <= 0) {
    fields.push_back({"price", "range", "the price must be more than zero"});
  }
  if (in.items.size() > 100) fields.push_back({"items", "too_many", "at most 100 catalog items"});
  if (!in.note.empty()) common::MergeFieldErrors(common::CheckName(in.note, "note", 2000), &fields);
  return fields;
}

}  // namespace

Status TenderService::CheckBid(const Actor& actor, const NewBid& in, const common::Unread& unread) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("bids are submitted by vendor accounts");
  std::vector<common::FieldError> fields = PureBidChecks(in);
  if (in.items.size() <= 100) {
    ASSIGN_OR_RETURN(auto stored,
                     store_.ReadProcurementErrors([&](ProcurementUnitOfWork& uow, std::vector<common::FieldError>* found) {
                       bool unused = false;
                       return CheckBidItems(uow, actor, in, found, &unused);
                     }));
    fields.insert(fields.end(), stored.begin(), stored.end());
  }
  return common::ValidationOrOk(unread.Keep(fields), "the bid has invalid fields");
}

Result<BidReceipt> TenderService::SubmitBid(const Actor& actor, const std::string& tender_id, const NewBid& in) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("bids are submitted by vendor accounts");
  // A malformed bid never queues for the writer (SQLite has one): its item problems are found in
  // a read, so that every problem is still answered at once.
  if (!PureBidChecks(in).empty()) return CheckBid(actor, in, common::Unread());
  BidReceipt receipt;
  // The closure may run more than once (store.h): it starts from nothing each time and assigns
  // `receipt` only once it has succeeded.
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, tender_id, actor));
    common::Timestamp now = clock_.Now();
    if (t.status != TenderStatus::kOpen) return Status::InvalidState("the tender is not open for bids");
    if (now > t.bid_deadline) return Status::BiddingClosed("the bid deadline has passed");
    std::vector<common::FieldError> errors;
    // How the tender's bids are sealed decides what a bid carries: a price, or a commitment.
    if (t.procedure.sealing == Sealing::kCommitReveal && !in.commitment) {
      errors.push_back({"commitment", "required",
                        "this tender's bids are sealed by the bidder: send a commitment (SHA-256 of "
                        "\"<tender id>|<vendor id>|<price>|<nonce>\"), not a price"});
    }
    if (t.procedure.sealing == Sealing::kServer && in.commitment) {
      errors.push_back({"commitment", "not_commit_reveal", "this tender's bids are sealed by the server: send the price"});
    }
    bool domestic = false;
    RETURN_IF_ERROR(CheckBidItems(uow, actor, in, &errors, &domestic));
    if (!errors.empty()) return Status::Validation("the bid has invalid fields", errors);
    Bid b;
    // Locked: a second submission of the same vendor waits here for the first to commit and
    // then replaces it, instead of failing its version check and retrying (twelve at once ran
    // out of retries on MariaDB once writes had their own pool).
    ASSIGN_OR_RETURN(auto old, uow.tenders().LockBid(tender_id, actor.vendor_id));
    b.id = old ? old->id : common::NewId("bid");
    b.version = old ? old->version + 1 : 1;
    b.tender_id = tender_id;
    b.vendor_id = actor.vendor_id;
    b.price = in.commitment ? common::Money{0} : in.price;  // no price reaches the server before the reveal
    b.commitment = in.commitment.value_or("");
    b.domestic_claimed = in.domestic;
    b.domestic = domestic;
    b.items = in.items;
    b.note = in.note;
    b.salt = common::Base64UrlEncode(common::RandomBytes(16));
    b.digest = BidDigest(b);
    b.submitted_at = now;  // a new Bid: live (submitted), never withdrawn
    Status put = uow.tenders().PutBid(b);
    // Two first submissions of one vendor at once (a double click, two tabs) both find no row
    // to lock, and the second insert meets the unique key; a replacement that matches no row
    // (the version moved) is the same race where no lock was taken. Neither is the client's
    // fault: run the use case again, when it locks the other's bid and replaces it in turn.
    if (put.code() == common::Code::kConflict || put.code() == common::Code::kVersionMismatch) {
      return Status::Retry("a concurrent submission of the same vendor");
    }
    RETURN_IF_ERROR(put);
    // The audit entry carries a salted digest, never the price: bids stay sealed in the log too.
    // After a withdrawal the vendor bids anew: a submission, not a replacement.
    bool replaced = old && old->status == BidStatus::kSubmitted;
    RETURN_IF_ERROR(registry::AppendAudit(
        uow.registry(), now, actor.account_id, replaced ? "bid.replace" : "bid.submit", "bid", b.id,
        Fields().Add("tender_id", tender_id).Add("vendor_id", b.vendor_id).Add("digest", b.digest).ToJson()));
    receipt = BidReceipt{std::move(b), replaced};
    return Status::Ok();
  }));
  return receipt;
}

Result<Bid> TenderService::WithdrawBid(const Actor& actor, const std::string& tender_id) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("a bid is withdrawn by the vendor that submitted it");
  Bid b;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, tender_id, actor));
    common::Timestamp now = clock_.Now();
    if (Opened(t.status) || now > t.bid_deadline) return Status::BiddingClosed("the bid deadline has passed");
    if (t.status != TenderStatus::kOpen) return Status::InvalidState("the tender is not open for bids");
    ASSIGN_OR_RETURN(auto old, uow.tenders().LockBid(tender_id, actor.vendor_id));
    if (!old || old->status != BidStatus::kSubmitted) return Status::NotFound("you have no live bid on this tender");
    b = *old;
    b.status = BidStatus::kWithdrawn;
    b.withdrawn_at = now;
    b.version = old->version + 1;
    Status put = uow.tenders().WithdrawBid(b);
    // A replacement committed between the lock-free read and this write (see SubmitBid).
    if (put.code() == common::Code::kVersionMismatch) return Status::Retry("a concurrent change of the same bid");
    RETURN_IF_ERROR(put);
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "bid.withdraw", "bid", b.id,
                                 Fields().Add("tender_id", tender_id).Add("vendor_id", b.vendor_id).ToJson());
  }));
  return b;
}

Result<std::vector<Bid>> TenderService::ListBids(const Actor& actor, const std::string& tender_id) {
  std::vector<Bid> out;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, tender_id, actor));
    if (actor.Is(Role::kVendor)) {
      ASSIGN_OR_RETURN(auto own, uow.tenders().GetBid(tender_id, actor.vendor_id));
      if (own) out.push_back(*own);
      return Status::Ok();
    }
    if (!actor.Is(Role::kOfficer) && !actor.Is(Role::kExpert) && !actor.Is(Role::kAuditor)) {
      return Status::Forbidden("bids are read by officers, experts and auditors");
    }
    if (!Opened(t.status)) return Status::Sealed("bids are sealed until the tender is opened");
    if (actor.Is(Role::kExpert)) {
      ASSIGN_OR_RETURN(bool member, detail::IsMember(uow, tender_id, actor.account_id));
      if (!member) return Status::Forbidden("among experts, only the tender's evaluation committee reads its bids");
    }
    ASSIGN_OR_RETURN(out, uow.tenders().ListBids(tender_id));
    return Status::Ok();
  }));
  return out;
}

Result<Tender> TenderService::Open(const Actor& actor, const std::string& id) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("tenders are opened by procurement officers");
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(t, Require(uow, id, actor));
    RETURN_IF_ERROR(MayRun(uow, t, actor));
    common::Timestamp now = clock_.Now();
    if (t.status != TenderStatus::kOpen) return Status::InvalidState("only an open tender is opened");
    if (now <= t.bid_deadline) return Status::InvalidState("the bid deadline has not passed; bids stay sealed");
    if (t.opening_at && now < *t.opening_at) return Status::InvalidState("the opening time has not come");
    // The qualification review: market access for the tender's requirements as of the
    // deadline's date, recorded per bid so that later changes do not rewrite it.
    common::Date as_of = common::BeijingDate(t.bid_deadline);
    ASSIGN_OR_RETURN(registry::TypeTable types, registry::LoadTypeTable(uow.registry()));
    ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(id));
    int eligible = 0;
    for (Bid& b : bids) {
      ASSIGN_OR_RETURN(auto vendor, uow.registry().vendors().Get(b.vendor_id));
      if (!vendor) return Status::Internal("a bid's vendor is missing");
      ASSIGN_OR_RETURN(registry::VendorSnapshot snap, registry::LoadSnapshot(uow.registry(), *vendor));
      registry::AccessDecision d = registry::DecideMarketAccess(snap, t.requirements, types, as_of);
      Fields reasons;
      for (const auto& r : d.reasons) reasons.Add(r.code, r.message);
      b.reviewed = true;
      b.eligible = d.eligible;
      b.sme = registry::IsSme(vendor->enterprise_size);
      b.review_reasons = reasons.ToJson();
      eligible += d.eligible;
      RETURN_IF_ERROR(uow.tenders().SetReview(b));
      RETURN_IF_ERROR(registry::AppendAudit(uow.registry(), now, actor.account_id, "bid.review", "bid", b.id,
                                            Fields()
                                                .Add("tender_id", id)
                                                .Add("vendor_id", b.vendor_id)
                                                .Add("as_of", common::FormatDate(as_of))
                                                .Add("eligible", d.eligible ? "true" : "false")
                                                .Add("reasons", b.review_reasons)
                                                .ToJson()));
    }
    t.opened_at = now;  // a commit_reveal tender's reveal window starts here
    return Transition(uow, t, TenderStatus::kOpened, now, actor, "tender.open",
                      Fields().Add("bids", std::to_string(bids.size())).Add("eligible", std::to_string(eligible)));
  }));
  return t;
}

Status TenderService::SubmitScores(const Actor& actor, const std::string& id, const std::vector<ScoreInput>& scores) {
  // The score is the calling expert's own: nobody scores in another's name, and officers, who
  // run the tender, do not score it (trust issue; docs/security.md).
  if (!actor.Is(Role::kExpert)) return Status::Forbidden("technical scores are given by experts, each in their own name");
  if (scores.empty() || scores.size() > 1000) return Status::FieldInvalid("scores", "count", "1 to 1000 scores");
  return store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, id, actor));
    if (t.status != TenderStatus::kOpened) return Status::InvalidState("scores are given on an opened tender");
    // Order 87 Art. 47-48: the drawn committee evaluates; no other expert scores.
    ASSIGN_OR_RETURN(auto committee, uow.tenders().GetCommittee(id));
    if (!committee) return Status::InvalidState("the evaluation committee has not been drawn yet");
    ASSIGN_OR_RETURN(bool member, detail::IsMember(uow, id, actor.account_id));
    if (!member) return Status::Forbidden("only the members of the tender's evaluation committee score it");
    ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(id));
    std::set<std::string> ids;
    for (const auto& b : bids) ids.insert(b.id);
    int64_t max = t.method == Method::kComprehensive ? 10000 - t.price_weight : 10000;
    std::vector<common::FieldError> errors;
    std::set<std::string> seen;
    for (size_t i = 0; i < scores.size(); ++i) {
      std::string pre = "scores[" + std::to_string(i) + "].";
      if (!ids.count(scores[i].bid_id)) errors.push_back({pre + "bid_id", "unknown", "not a bid of this tender"});
      if (!seen.insert(scores[i].bid_id).second) errors.push_back({pre + "bid_id", "duplicate", "scores this bid twice"});
      if (!scores[i].expert.empty() && scores[i].expert != actor.account_id) {
        errors.push_back({pre + "expert", "not_caller", "a score is the calling expert's own; leave out expert or give your account id"});
      }
      if (scores[i].technical_score < 0 || scores[i].technical_score > max) {
        errors.push_back({pre + "technical_score", "range", "from 0 to " + std::to_string(max / 100) + "." +
                                                                std::to_string(100 + max % 100).substr(1)});
      }
    }
    if (!errors.empty()) return Status::Validation("the scores have invalid fields", errors);
    common::Timestamp now = clock_.Now();
    for (const auto& s : scores) {
      RETURN_IF_ERROR(uow.tenders().PutScore(id, Score{s.bid_id, actor.account_id, s.technical_score, actor.account_id, now}));
      RETURN_IF_ERROR(registry::AppendAudit(uow.registry(), now, actor.account_id, "score.submit", "bid", s.bid_id,
                                            Fields()
                                                .Add("tender_id", id)
                                                .Add("expert_id", actor.account_id)
                                                .Add("technical_score", std::to_string(s.technical_score))
                                                .ToJson()));
    }
    return Status::Ok();
  });
}

namespace {

// Adds what the engine does not know to the ranked bids of a report: each expert's score, with
// the expert's name, and the bidder's own domestic claim beside the verified flag.
Status AddExpertScoresAndClaims(ProcurementUnitOfWork& uow, const std::string& tender_id, Report* report) {
  ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(tender_id));
  std::map<std::string, bool> claimed;
  for (const auto& b : bids) claimed[b.id] = b.domestic_claimed;
  ASSIGN_OR_RETURN(auto scores, uow.tenders().ListScores(tender_id));
  std::map<std::string, std::vector<ExpertScore>> by_bid;
  std::map<std::string, std::string> names;
  for (const auto& s : scores) {
    ExpertScore e{s.legacy ? "" : s.expert, s.legacy ? s.expert : "", s.technical_score};
    if (!s.legacy) {
      auto known = names.find(s.expert);
      if (known == names.end()) {
        ASSIGN_OR_RETURN(auto account, uow.registry().accounts().Get(s.expert));
        known = names.emplace(s.expert, account ? account->name : s.expert).first;
      }
      e.expert_name = known->second;
    }
    by_bid[s.bid_id].push_back(std::move(e));
  }
  for (auto& r : report->ranking) {
    r.expert_scores = by_bid[r.bid_id];
    r.domestic_claimed = claimed[r.bid_id];
  }
  return Status::Ok();
}

}  // namespace

Result<Report> TenderService::Evaluate(const Actor& actor, const std::string& id) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("evaluations are run by procurement officers");
  Report report;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, id, actor));
    RETURN_IF_ERROR(MayRun(uow, t, actor));
    if (t.status != TenderStatus::kOpened) return Status::InvalidState("only an opened tender is evaluated");
    const common::Timestamp now = clock_.Now();  // one instant for the window and the record
    if (detail::RevealOpen(t, now)) {
      ASSIGN_OR_RETURN(auto live, uow.tenders().ListBids(id));
      for (const Bid& b : live) {
        if (!b.PriceKnown()) {
          return Status::InvalidState("the reveal window is open and bid " + b.id +
                                      " is not revealed yet; wait for it to end, or close it when every other bid is revealed");
        }
      }
    }
    Terms terms;
    std::vector<BidInput> inputs;
    RETURN_IF_ERROR(BuildInputs(uow, t, /*require_scores=*/true, &terms, &inputs));
    ASSIGN_OR_RETURN(report, procurement::Evaluate(terms, inputs));
    RETURN_IF_ERROR(AddExpertScoresAndClaims(uow, id, &report));
    RETURN_IF_ERROR(uow.tenders().PutEvaluation(id, report, terms, inputs, now));
    return Transition(uow, t, report.recommended ? TenderStatus::kEvaluated : TenderStatus::kFailed, now, actor,
                      "tender.evaluate",
                      Fields().Add("winner", report.winner.value_or("")).Add("failure_reason", report.failure_reason));
  }));
  return report;
}

Result<std::string> TenderService::GetEvaluation(const Actor& actor, const std::string& id) {
  std::optional<std::string> text;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, id, actor));
    RETURN_IF_ERROR(detail::MayReadEvaluation(uow, t, actor));
    ASSIGN_OR_RETURN(text, uow.tenders().GetEvaluation(id));
    return Status::Ok();
  }));
  if (!text) return Status::NotFound("the tender has not been evaluated");
  return *text;
}

Result<Tender> TenderService::Award(const Actor& actor, const std::string& id, const std::optional<std::string>& bid_id,
                                    const std::string& justification) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("awards are made by procurement officers");
  if (!justification.empty()) RETURN_IF_ERROR(common::CheckName(justification, "justification", 2000));
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(t, Require(uow, id, actor));
    RETURN_IF_ERROR(MayRun(uow, t, actor));
    if (t.status != TenderStatus::kEvaluated) return Status::InvalidState("only an evaluated tender is awarded");
    // The ranking is re-derived from the same inputs (bids and scores are frozen once opened).
    Terms terms;
    std::vector<BidInput> inputs;
    RETURN_IF_ERROR(BuildInputs(uow, t, /*require_scores=*/false, &terms, &inputs));
    ASSIGN_OR_RETURN(Report report, procurement::Evaluate(terms, inputs));
    std::string chosen = bid_id.value_or(report.winner.value_or(""));
    bool ranked = false;
    for (const auto& r : report.ranking) ranked = ranked || r.bid_id == chosen;
    if (!ranked) return Status::FieldInvalid("bid_id", "not_ranked", "only a ranked (valid) bid can be awarded");
    if (chosen != *report.winner && justification.empty()) {
      return Status::FieldInvalid("justification", "required", "awarding other than rank 1 needs a written justification");
    }
    ASSIGN_OR_RETURN(auto bid, uow.tenders().GetBidById(chosen));
    if (!bid) return Status::Internal("a ranked bid is missing");
    ASSIGN_OR_RETURN(auto vendor, uow.registry().vendors().Get(bid->vendor_id));
    if (!vendor) return Status::Internal("a bid's vendor is missing");
    ASSIGN_OR_RETURN(registry::TypeTable types, registry::LoadTypeTable(uow.registry()));
    ASSIGN_OR_RETURN(registry::VendorSnapshot snap, registry::LoadSnapshot(uow.registry(), *vendor));
    common::Timestamp now = clock_.Now();
    registry::AccessDecision d = registry::DecideMarketAccess(snap, t.requirements, types, common::BeijingDate(now));
    if (!d.eligible) {
      std::vector<common::FieldError> why;
      for (const auto& r : d.reasons) why.push_back({"market_access", r.code, r.message});
      return Status::ConflictWith("the vendor of this bid no longer has market access on the award date; "
                                  "award another bid with a justification",
                                  why);
    }
    t.awarded_bid_id = chosen;
    t.status_reason = justification;
    // The award notice is published with the award; its periods are fixed now (after_award.h).
    ASSIGN_OR_RETURN(common::WorkingCalendar cal, detail::CalendarFrom(uow, common::BeijingDate(now)));
    AwardNotice notice = NoticeOf(now, cal);
    t.award_published_at = notice.published_at;
    t.challenge_period_ends_on = notice.challenge_period_ends_on;
    t.contract_due_on = notice.contract_due_on;
    return Transition(uow, t, TenderStatus::kAwarded, now, actor, "tender.award",
                      Fields()
                          .Add("bid_id", chosen)
                          .Add("vendor_id", bid->vendor_id)
                          .Add("rank", chosen == *report.winner ? "1" : "other")
                          .Add("justification", justification)
                          .Add("challenge_period_ends_on", common::FormatDate(notice.challenge_period_ends_on))
                          .Add("contract_due_on", common::FormatDate(notice.contract_due_on)));
  }));
  return t;
}

Result<Tender> TenderService::Cancel(const Actor& actor, const std::string& id, const std::string& reason) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("tenders are cancelled by procurement officers");
  RETURN_IF_ERROR(common::CheckName(reason, "reason", 1000));
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(t, Require(uow, id, actor));
    RETURN_IF_ERROR(MayRun(uow, t, actor));
    if (t.status == TenderStatus::kAwarded || t.status == TenderStatus::kContracted ||
        t.status == TenderStatus::kCancelled) {
      return Status::InvalidState(std::string("a tender that is ") + TenderStatusName(t.status) + " cannot be cancelled");
    }
    t.status_reason = reason;
    return Transition(uow, t, TenderStatus::kCancelled, clock_.Now(), actor, "tender.cancel", Fields().Add("reason", reason));
  }));
  return t;
}

Result<PolicyLimits> TenderService::GetPolicyLimits(const Actor&) {
  return store_.ReadProcurementValue<PolicyLimits>([&](ProcurementUnitOfWork& uow) { return uow.tenders().GetPolicyLimits(); });
}

Result<PolicyLimits> TenderService::PutPolicyLimits(const Actor& actor, const PolicyLimits& in,
                                                    std::optional<int64_t> if_match) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("policy limits are set by the bureau");
  std::vector<common::FieldError> errors;
  if (in.min_valid_bids_min < 3 || in.min_valid_bids_min > 100) {
    errors.push_back({"min_valid_bids_min", "range", "from 3 (the law's floor) to 100"});
  }
  if (in.domestic_price_deduction_max < 0 || in.domestic_price_deduction_max > 10000) {
    errors.push_back({"domestic_price_deduction_pct_max", "range", "from 0 to 100"});
  }
  if (in.sme_price_deduction_max < 0 || in.sme_price_deduction_max > 10000) {
    errors.push_back({"sme_price_deduction_pct_max", "range", "from 0 to 100"});
  }
  // 0: not given, the stored default stays.
  if (in.amendment_notice_days_default != 0 &&
      (in.amendment_notice_days_default < 1 || in.amendment_notice_days_default > 60)) {
    errors.push_back({"amendment_notice_days_default", "range", "from 1 to 60 days"});
  }
  if (!errors.empty()) return Status::Validation("the policy limits have invalid fields", errors);
  PolicyLimits out;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(PolicyLimits stored, uow.tenders().GetPolicyLimits());
    if (if_match && *if_match != stored.version) {
      return Status::VersionMismatch("the policy limits were changed since version " + std::to_string(*if_match));
    }
    out = in;
    if (out.amendment_notice_days_default == 0) out.amendment_notice_days_default = stored.amendment_notice_days_default;
    out.updated_by = actor.account_id;
    out.updated_at = clock_.Now();
    out.version = stored.version + 1;
    RETURN_IF_ERROR(uow.tenders().PutPolicyLimits(out, stored.version));
    return registry::AppendAudit(uow.registry(), *out.updated_at, actor.account_id, "policy_limits.put", "policy_limits",
                                 "policy_limits",
                                 Fields()
                                     .Add("min_valid_bids_min", std::to_string(out.min_valid_bids_min))
                                     .Add("domestic_price_deduction_max", std::to_string(out.domestic_price_deduction_max))
                                     .Add("sme_price_deduction_max", std::to_string(out.sme_price_deduction_max))
                                     .Add("amendment_notice_days_default", std::to_string(out.amendment_notice_days_default))
                                     .ToJson());
  }));
  return out;
}

Result<std::vector<std::string>> TenderService::AddOfficer(const Actor& actor, const std::string& id,
                                                           const std::string& account_id) {
  if (!actor.Is(Role::kOfficer) && !actor.Is(Role::kBureau)) {
    return Status::Forbidden("officers are added to a tender by its owner or the bureau");
  }
  std::vector<std::string> officers;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, id, actor));
    if (actor.Is(Role::kOfficer) && t.created_by != actor.account_id) {
      return Status::Forbidden("only the tender's owner (or the bureau) adds officers to it");
    }
    if (t.status == TenderStatus::kAwarded || t.status == TenderStatus::kContracted ||
        t.status == TenderStatus::kCancelled) {
      return Status::InvalidState("the tender is closed");
    }
    ASSIGN_OR_RETURN(auto account, uow.registry().accounts().Get(account_id));
    if (!account || account->role != Role::kOfficer || account->status != registry::AccountStatus::kActive) {
      return Status::FieldInvalid("account_id", "not_officer", "not an active procurement officer's account");
    }
    ASSIGN_OR_RETURN(bool already, uow.tenders().IsOfficer(id, account_id));
    if (already || account_id == t.created_by) return Status::Conflict("the account is an officer of this tender already");
    common::Timestamp now = clock_.Now();
    RETURN_IF_ERROR(uow.tenders().AddOfficer(id, account_id, actor.account_id, now));
    ASSIGN_OR_RETURN(officers, uow.tenders().ListOfficers(id));
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "tender.officer_add", "tender", id,
                                 Fields().Add("account_id", account_id).ToJson());
  }));
  return officers;
}

Result<registry::AccessDecision> TenderService::TenderAccess(const Actor& actor, const std::string& vendor_id,
                                                             const std::string& tender_id, std::optional<common::Date> on) {
  common::Date day = on ? *on : common::BeijingDate(clock_.Now());
  registry::AccessDecision d;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, Require(uow, tender_id, actor));
    ASSIGN_OR_RETURN(registry::AccessCache::View view, access_cache_.Open(uow.registry()));
    ASSIGN_OR_RETURN(auto vendor, view.Vendor(vendor_id));
    if (!vendor) return Status::NotFound("no such vendor");
    ASSIGN_OR_RETURN(auto types, view.Types());
    d = registry::DecideMarketAccess(vendor->snapshot, t.requirements, *types, day);
    return Status::Ok();
  }));
  return d;
}

}  // namespace procurement
