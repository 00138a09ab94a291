// The procedure before the opening (issue 19; CONTRACT.md "Tenders as the law runs them, I"):
// clarifications and amendments, vendors' questions, the reveal of bids sealed by their bidders,
// expert profiles and the committee's draw. The rules themselves are pure (procedure.h); this
// file is who may do what, when, in one transaction each with its audit entries.
#include <algorithm>
#include <set>

#include "common/credit_code.h"
#include "common/crypto.h"
#include "procurement/tender_internal.h"
#include "procurement/tender_service.h"
#include "registry/market_access.h"

namespace procurement {

using common::FieldError;
using common::Fields;
using common::Result;
using common::Status;
using registry::Actor;
using registry::Role;

namespace {

// A change of the requirements is checked as a new tender's are (CheckRequirements, and they
// may only tighten the category's), its errors named under "changes.".
Status CheckChanges(ProcurementUnitOfWork& uow, const Tender& t, const TermChanges& c, common::Timestamp now,
                    std::vector<FieldError>* errors) {
  if (c.bid_deadline && *c.bid_deadline <= now) {
    errors->push_back({"changes.bid_deadline", "past", "the new bid deadline must be in the future"});
  }
  common::Timestamp deadline = c.bid_deadline.value_or(t.bid_deadline);
  if (c.opening_at && *c.opening_at < deadline) {
    errors->push_back({"changes.opening_at", "before_deadline", "the opening cannot be before the bid deadline"});
  }
  if (c.budget && c.budget->fen <= 0) errors->push_back({"changes.budget", "range", "the budget must be more than zero"});
  if (c.requirements) {
    std::vector<FieldError> found;
    if (c.requirements->size() > 20) found.push_back({"requirements", "too_many", "at most 20"});
    ASSIGN_OR_RETURN(registry::TypeTable types, registry::LoadTypeTable(uow.registry()));
    registry::CheckRequirements(*c.requirements, types, &found);
    ASSIGN_OR_RETURN(auto cat, uow.registry().reference().GetCategory(t.category));
    if (cat) registry::CheckTightens(*c.requirements, cat->requirements, types, &found);
    for (FieldError& e : found) {
      e.field = "changes." + e.field;
      errors->push_back(std::move(e));
    }
  }
  return Status::Ok();
}

Fields ChangeDetails(const TermChanges& c) {
  Fields f;
  if (c.bid_deadline) f.Add("bid_deadline", common::FormatTimestamp(*c.bid_deadline));
  if (c.opening_at) f.Add("opening_at", common::FormatTimestamp(*c.opening_at));
  if (c.budget) f.Add("budget", common::FormatMoney(*c.budget));
  if (c.requirements) f.Add("requirements", std::to_string(c.requirements->size()));
  return f;
}

}  // namespace

Result<ClarificationReceipt> TenderService::Clarify(const Actor& actor, const std::string& tender_id,
                                                    const NewClarification& in) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("clarifications are published by the tender's officers");
  RETURN_IF_ERROR(common::CheckName(in.text, "text", 5000));
  ClarificationReceipt out;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    common::Timestamp now = clock_.Now();
    if (t.status != TenderStatus::kOpen) return Status::InvalidState("only an open tender is clarified or amended");
    if (now > t.bid_deadline) return Status::InvalidState("the bid deadline has passed; the terms are fixed");
    std::vector<FieldError> errors;
    Clarification c;
    if (!in.question_id.empty()) {
      ASSIGN_OR_RETURN(auto q, uow.tenders().GetQuestion(in.question_id));
      if (!q || q->tender_id != tender_id) {
        errors.push_back({"question_id", "unknown", "not a question asked on this tender"});
      } else {
        c.question_text = q->text;
      }
    }
    RETURN_IF_ERROR(CheckChanges(uow, t, in.changes, now, &errors));
    if (!errors.empty()) return Status::Validation("the clarification has invalid fields", errors);
    const bool changes_terms = in.changes.Any();
    Deadlines d = AfterClarification(now, t.bid_deadline, t.opening_at, in.changes.bid_deadline, in.changes.opening_at,
                                     changes_terms, t.procedure.amendment_notice_days);
    c.id = common::NewId("clr");
    c.tender_id = tender_id;
    c.text = common::NormalizeNfc(in.text);
    c.changes = in.changes;
    c.question_id = in.question_id;
    c.bid_deadline = d.bid_deadline;
    c.opening_at = d.opening_at;
    c.deadline_extended = d.extended;
    c.created_by = actor.account_id;
    c.created_at = now;
    RETURN_IF_ERROR(uow.tenders().InsertClarification(c));
    RETURN_IF_ERROR(registry::AppendAudit(uow.registry(), now, actor.account_id, "clarification.publish", "clarification",
                                          c.id,
                                          Fields()
                                              .Add("tender_id", tender_id)
                                              .Add("question_id", c.question_id)
                                              .Add("changes_terms", changes_terms ? "true" : "false")
                                              .ToJson()));
    if (changes_terms) {
      t.bid_deadline = d.bid_deadline;
      t.opening_at = d.opening_at;
      if (in.changes.budget) t.budget = *in.changes.budget;
      if (in.changes.requirements) {
        t.requirements = *in.changes.requirements;
        RETURN_IF_ERROR(uow.tenders().ReplaceRequirements(tender_id, t.requirements));
      }
      RETURN_IF_ERROR(detail::SaveTender(uow, t, now, actor, "tender.amend",
                                         ChangeDetails(in.changes)
                                             .Add("clarification_id", c.id)
                                             .Add("new_bid_deadline", common::FormatTimestamp(t.bid_deadline))
                                             .Add("deadline_extended", d.extended ? "true" : "false")));
    }
    ASSIGN_OR_RETURN(auto creator, uow.registry().accounts().Get(actor.account_id));
    if (creator) c.created_by_name = creator->name;
    out = ClarificationReceipt{std::move(c), std::move(t)};
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Clarification>> TenderService::ListClarifications(const Actor& actor, const std::string& tender_id) {
  return store_.ReadProcurementValue<std::vector<Clarification>>(
      [&](ProcurementUnitOfWork& uow) -> Result<std::vector<Clarification>> {
        ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
        return uow.tenders().ListClarifications(t.id);
      });
}

Result<Question> TenderService::Ask(const Actor& actor, const std::string& tender_id, const std::string& text) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("questions on a tender are asked by vendor accounts");
  RETURN_IF_ERROR(common::CheckName(text, "text", 2000));
  Question q;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    common::Timestamp now = clock_.Now();
    if (t.status != TenderStatus::kOpen || now > t.bid_deadline) {
      return Status::InvalidState("questions are asked while the tender is open for bids");
    }
    q = Question{common::NewId("qst"), tender_id, actor.vendor_id, actor.account_id, common::NormalizeNfc(text), now, "", {}};
    RETURN_IF_ERROR(uow.tenders().InsertQuestion(q));
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "question.ask", "question", q.id,
                                 Fields().Add("tender_id", tender_id).Add("vendor_id", actor.vendor_id).ToJson());
  }));
  return q;
}

Result<std::vector<Question>> TenderService::ListQuestions(const Actor& actor, const std::string& tender_id) {
  return store_.ReadProcurementValue<std::vector<Question>>([&](ProcurementUnitOfWork& uow) -> Result<std::vector<Question>> {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    if (actor.Is(Role::kVendor)) return uow.tenders().ListQuestions(t.id, actor.vendor_id);
    if (actor.Is(Role::kOfficer)) {
      RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    } else if (!actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
      return Status::Forbidden("questions are read by the tender's officers, the bureau, auditors and their askers");
    }
    return uow.tenders().ListQuestions(t.id, "");
  });
}

Result<Bid> TenderService::Reveal(const Actor& actor, const std::string& tender_id, const std::string& price_text,
                                  const std::string& nonce) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("a bid is revealed by the vendor that sealed it");
  Bid b;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    if (t.procedure.sealing != Sealing::kCommitReveal) {
      return Status::InvalidState("this tender's bids are sealed by the server; there is nothing to reveal");
    }
    common::Timestamp now = clock_.Now();
    if (t.status != TenderStatus::kOpened) {
      return Status::InvalidState(t.status == TenderStatus::kOpen ? "bids are revealed after the opening"
                                                                 : "the reveal window has closed");
    }
    if (!detail::RevealOpen(t, now)) return Status::InvalidState("the reveal window has closed");
    ASSIGN_OR_RETURN(auto own, uow.tenders().LockBid(tender_id, actor.vendor_id));
    if (!own || own->status != BidStatus::kSubmitted) return Status::NotFound("you have no live bid on this tender");
    if (own->revealed_at) return Status::Conflict("your bid is revealed already");
    RETURN_IF_ERROR(CheckReveal(own->commitment, tender_id, actor.vendor_id, price_text, nonce));
    auto price = common::ParseMoney(price_text, "price");
    if (!price.ok()) return price.status();
    if (price->fen <= 0) return Status::FieldInvalid("price", "range", "the price must be more than zero");
    b = *own;
    b.price = *price;
    b.price_text = price_text;
    b.nonce = nonce;
    b.revealed_at = now;
    b.version = own->version + 1;
    Status put = uow.tenders().RevealBid(b);
    if (put.code() == common::Code::kVersionMismatch) return Status::Retry("a concurrent change of the same bid");
    RETURN_IF_ERROR(put);
    // The price is public from the opening on; the audit entry records it with the nonce, so
    // anyone reading the log can recompute the commitment the bid entry holds.
    return registry::AppendAudit(uow.registry(), now, actor.account_id, "bid.reveal", "bid", b.id,
                                 Fields()
                                     .Add("tender_id", tender_id)
                                     .Add("vendor_id", b.vendor_id)
                                     .Add("commitment", b.commitment)
                                     .Add("price", price_text)
                                     .Add("nonce", nonce)
                                     .ToJson());
  }));
  return b;
}

Result<Tender> TenderService::CloseReveal(const Actor& actor, const std::string& tender_id) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("the reveal window is closed by the tender's owner");
  Tender t;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(t, detail::Require(uow, tender_id, actor));
    if (t.created_by != actor.account_id) return Status::Forbidden("only the tender's owner closes its reveal window");
    common::Timestamp now = clock_.Now();
    if (t.procedure.sealing != Sealing::kCommitReveal || t.status != TenderStatus::kOpened || !detail::RevealOpen(t, now)) {
      return Status::InvalidState("the tender has no open reveal window");
    }
    ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(tender_id));
    std::string unrevealed;
    for (const Bid& b : bids) {
      if (!b.PriceKnown()) unrevealed += (unrevealed.empty() ? "" : ",") + b.id;
    }
    t.reveal_closed_at = now;
    return detail::SaveTender(uow, t, now, actor, "tender.close_reveal", Fields().Add("not_revealed", unrevealed));
  }));
  return t;
}

namespace {

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

Result<ExpertRecord> TenderService::PutExpert(const Actor& actor, const std::string& account_id,
                                              const std::vector<std::string>& specialties,
                                              const std::vector<std::string>& affiliations, std::optional<int64_t> if_match) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("expert profiles are kept by the bureau");
  std::vector<FieldError> errors;
  if (specialties.size() > 50) errors.push_back({"specialties", "too_many", "at most 50 categories"});
  if (affiliations.size() > 50) errors.push_back({"affiliations", "too_many", "at most 50 units"});
  std::vector<std::string> units;
  std::set<std::string> seen;
  for (size_t i = 0; i < affiliations.size() && i < 50; ++i) {
    std::string f = "affiliations[" + std::to_string(i) + "]";
    std::string code = common::CanonicalCreditCode(affiliations[i]);
    Status st = common::CheckCreditCode(code, f);
    if (!st.ok()) {
      common::MergeFieldErrors(st, &errors);
    } else if (!seen.insert(code).second) {
      errors.push_back({f, "duplicate", "each unit once"});
    }
    units.push_back(code);
  }
  ExpertRecord out;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    std::vector<FieldError> found = errors;  // this run's own: the closure may run again
    ASSIGN_OR_RETURN(auto account, uow.registry().accounts().Get(account_id));
    if (!account || account->role != Role::kExpert) return Status::NotFound("no such expert account");
    std::set<std::string> cats;
    for (size_t i = 0; i < specialties.size() && i < 50; ++i) {
      std::string f = "specialties[" + std::to_string(i) + "]";
      ASSIGN_OR_RETURN(auto cat, uow.registry().reference().GetCategory(specialties[i]));
      if (!cat) {
        found.push_back({f, "unknown", "no such category"});
      } else if (!cats.insert(specialties[i]).second) {
        found.push_back({f, "duplicate", "each category once"});
      }
    }
    if (!found.empty()) return Status::Validation("the expert profile has invalid fields", found);
    ASSIGN_OR_RETURN(auto stored, uow.tenders().GetExpert(account_id));
    int64_t current = stored ? stored->version : 0;
    if (if_match && *if_match != current) {
      return Status::VersionMismatch("the expert profile was changed since version " + std::to_string(*if_match));
    }
    out = ExpertRecord{};
    out.profile.account_id = account_id;
    out.profile.active = account->status == registry::AccountStatus::kActive;
    out.profile.specialties = Sorted(specialties);
    out.profile.affiliations = Sorted(units);
    out.name = account->name;
    out.updated_by = actor.account_id;
    out.updated_at = clock_.Now();
    out.version = current + 1;
    RETURN_IF_ERROR(uow.tenders().PutExpert(out, current));
    std::string spec, aff;
    for (const auto& s : out.profile.specialties) spec += (spec.empty() ? "" : ",") + s;
    for (const auto& a : out.profile.affiliations) aff += (aff.empty() ? "" : ",") + a;
    return registry::AppendAudit(uow.registry(), out.updated_at, actor.account_id, "expert_profile.put", "expert_profile",
                                 account_id, Fields().Add("specialties", spec).Add("affiliations", aff).ToJson());
  }));
  return out;
}

Result<ExpertView> TenderService::GetExpert(const Actor& actor, const std::string& account_id) {
  if (!actor.Is(Role::kBureau) && actor.account_id != account_id) {
    return Status::Forbidden("an expert profile is read by the bureau and the expert");
  }
  return store_.ReadProcurementValue<ExpertView>([&](ProcurementUnitOfWork& uow) -> Result<ExpertView> {
    ASSIGN_OR_RETURN(auto account, uow.registry().accounts().Get(account_id));
    if (!account || account->role != Role::kExpert) return Status::NotFound("no such expert account");
    ExpertView v;
    v.account_id = account_id;
    v.name = account->name;
    ASSIGN_OR_RETURN(v.record, uow.tenders().GetExpert(account_id));
    ASSIGN_OR_RETURN(auto ids, uow.tenders().CommitteesOf(account_id));
    for (const auto& id : ids) {
      ASSIGN_OR_RETURN(auto t, uow.tenders().Get(id));
      if (t) v.committees.push_back(std::move(*t));
    }
    return v;
  });
}

Result<Committee> TenderService::DrawCommittee(const Actor& actor, const std::string& tender_id, int size) {
  if (!actor.Is(Role::kOfficer)) return Status::Forbidden("the committee is drawn by the tender's officers");
  if (size != 0 && (size < 5 || size > 25 || size % 2 == 0)) {
    return Status::FieldInvalid("size", "range", "an odd number of members from 5 to 25 (Order 87 Art. 47)");
  }
  Committee c;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    RETURN_IF_ERROR(detail::MayRun(uow, t, actor));
    if (t.status != TenderStatus::kOpened) return Status::InvalidState("the committee is drawn on an opened tender");
    ASSIGN_OR_RETURN(auto drawn, uow.tenders().GetCommittee(tender_id));
    if (drawn) return Status::Conflict("the committee is drawn already; it is drawn once");
    ASSIGN_OR_RETURN(int n, CommitteeSize(t.budget, t.procedure.committee_size, size));
    ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(tender_id));
    std::vector<std::string> digests, bidders;
    for (const Bid& b : bids) {
      digests.push_back(b.digest);
      ASSIGN_OR_RETURN(auto vendor, uow.registry().vendors().Get(b.vendor_id));
      if (!vendor) return Status::Internal("a bid's vendor is missing");
      bidders.push_back(vendor->credit_code);
    }
    ASSIGN_OR_RETURN(auto records, uow.tenders().ListExperts());
    std::vector<ExpertProfile> experts;
    for (const auto& r : records) experts.push_back(r.profile);
    std::string seed = CommitteeSeed(tender_id, t.bid_deadline, digests);
    ASSIGN_OR_RETURN(Draw draw, procurement::DrawCommittee(experts, t.category, bidders, n, seed));
    c = Committee{};
    c.tender_id = tender_id;
    c.size = n;
    c.seed = seed;
    c.candidates = draw.candidates;
    c.drawn_by = actor.account_id;
    c.drawn_at = clock_.Now();
    c.members = draw.members;
    RETURN_IF_ERROR(uow.tenders().InsertCommittee(c));
    std::string members;
    for (const auto& m : c.members) members += (members.empty() ? "" : ",") + m;
    RETURN_IF_ERROR(registry::AppendAudit(uow.registry(), c.drawn_at, actor.account_id, "committee.draw", "committee",
                                          tender_id,
                                          Fields()
                                              .Add("size", std::to_string(n))
                                              .Add("seed", seed)
                                              .Add("candidates", std::to_string(draw.candidates))
                                              .Add("members", members)
                                              .ToJson()));
    ASSIGN_OR_RETURN(auto stored, uow.tenders().GetCommittee(tender_id));  // with the members' names
    if (!stored) return Status::Internal("the committee just drawn is missing");
    c = *stored;
    return Status::Ok();
  }));
  return c;
}

Result<Committee> TenderService::GetCommittee(const Actor& actor, const std::string& tender_id) {
  return store_.ReadProcurementValue<Committee>([&](ProcurementUnitOfWork& uow) -> Result<Committee> {
    ASSIGN_OR_RETURN(Tender t, detail::Require(uow, tender_id, actor));
    ASSIGN_OR_RETURN(auto c, uow.tenders().GetCommittee(t.id));
    if (actor.Is(Role::kExpert)) {
      ASSIGN_OR_RETURN(bool member, detail::IsMember(uow, t.id, actor.account_id));
      if (!member) return Status::Forbidden("among experts, the committee is read by its members");
    } else if (!actor.Is(Role::kOfficer) && !actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
      return Status::Forbidden("the committee is read by officers, the bureau, auditors and its members");
    }
    if (!c) return Status::NotFound("the committee has not been drawn");
    return *c;
  });
}

}  // namespace procurement
