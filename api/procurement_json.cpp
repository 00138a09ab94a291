#include "api/procurement_json.h"

#include "api/registry_json.h"

namespace api {

using nlohmann::json;
using namespace procurement;

namespace {

// The engine's policies, read from `in` (a reader of the "policies" object).
Policies ReadEnginePolicies(ObjectReader& in) {
  Policies p;
  p.domestic_tie_preference = in.Bool("domestic_tie_preference", false).value_or(true);
  p.domestic_price_deduction = in.Hundredths("domestic_price_deduction_pct", false, 0, 10000).value_or(0);
  p.sme_price_deduction = in.Hundredths("sme_price_deduction_pct", false, 0, 10000).value_or(0);
  p.tie_tolerance = in.Hundredths("tie_tolerance", false, 0, 100000000).value_or(0);
  p.expert_aggregation = in.EnumOf("expert_aggregation", false, kAggregationNames).value_or(Aggregation::kMean);
  p.abnormally_low_pct = in.Hundredths("abnormally_low_pct", false, 0, 10000).value_or(5000);
  return p;
}

// A tender's "policies": the engine's and the procedure's (tender.h ProcedurePolicies).
void ReadTenderPolicies(const json& obj, ObjectReader& parent, NewTender* t) {
  ObjectReader in(obj, "policies.");
  t->policies = ReadEnginePolicies(in);
  t->sealing = in.EnumOf("sealing", false, kSealingNames).value_or(Sealing::kServer);
  if (auto days = in.Int("amendment_notice_days", false, 1, 60)) t->amendment_notice_days = static_cast<int>(*days);
  t->reveal_hours = static_cast<int>(in.Int("reveal_hours", false, 1, 720).value_or(24));
  t->committee_size = static_cast<int>(in.Int("committee_size", false, 5, 25).value_or(0));
  parent.Merge(in.Finish());
}

}  // namespace

Policies ReadPolicies(const json& obj, ObjectReader& parent) {
  ObjectReader in(obj, "policies.");
  Policies p = ReadEnginePolicies(in);
  parent.Merge(in.Finish());
  return p;
}

BidInput ReadSimulatedBid(const json& obj, const std::string& prefix, ObjectReader& parent) {
  BidInput b;
  if (!obj.is_object()) {
    parent.AddError({prefix.substr(0, prefix.size() - 1), "type", "must be an object"});
    return b;
  }
  ObjectReader in(obj, prefix);
  b.id = in.String("id", true, 64).value_or("");
  auto price = in.Money("price", true);
  if (price) b.price = *price;
  b.domestic = in.Bool("domestic", false).value_or(false);
  b.sme = in.Bool("sme", false).value_or(false);
  b.eligible = in.Bool("eligible", false).value_or(true);
  b.revealed = in.Bool("revealed", false).value_or(true);
  b.technical_score = in.Hundredths("technical_score", false, 0, 10000);
  if (const json* scores = in.Array("expert_scores", false, 100)) {
    for (size_t k = 0; k < scores->size(); ++k) {
      // Read each element through the same Hundredths() check as a named field.
      const json holder = {{"s", (*scores)[k]}};
      ObjectReader one(holder);
      auto v = one.Hundredths("s", true, 0, 10000);
      common::Status st = one.Finish();
      for (auto e : st.errors()) {
        e.field = prefix + "expert_scores[" + std::to_string(k) + "]";
        parent.AddError(e);
      }
      if (v) b.expert_scores.push_back(*v);
    }
    if (scores->empty()) in.AddError({prefix + "expert_scores", "empty", "give at least one expert score"});
  }
  parent.Merge(in.Finish());
  return b;
}

void ReadSimulation(ObjectReader& in, Terms* terms_out, std::vector<BidInput>* bids_out) {
  Terms& terms = *terms_out;
  std::vector<BidInput>& bids = *bids_out;
  terms.tender_id = in.String("id", false, 64).value_or("simulation");
  if (auto method = in.EnumOf("method", true, kMethodNames)) terms.method = *method;
  terms.price_weight = in.Hundredths("price_weight", terms.method == Method::kComprehensive, 0, 10000).value_or(0);
  auto budget = in.Money("budget", true);
  if (budget) terms.budget = *budget;
  terms.min_valid_bids = static_cast<int>(in.Int("min_valid_bids", false, 1, 1000).value_or(3));
  if (auto kind = in.EnumOf("category_kind", false, registry::kCategoryKindNames)) terms.kind = KindHint(*kind);
  if (const json* p = in.Object("policies", false)) terms.policies = ReadPolicies(*p, in);
  if (const json* list = in.Array("bids", true, 10000)) {
    for (size_t i = 0; i < list->size(); ++i) {
      bids.push_back(ReadSimulatedBid((*list)[i], "bids[" + std::to_string(i) + "].", in));
    }
  }
}

std::optional<common::Timestamp> ReadTimestamp(ObjectReader& in, const std::string& key, bool required) {
  auto s = in.String(key, required, 40);
  if (!s) return std::nullopt;
  auto t = common::ParseTimestamp(*s, key);
  if (!t.ok()) {
    in.Merge(t.status());
    return std::nullopt;
  }
  return *t;
}

NewTender ReadNewTender(ObjectReader& r) {
  NewTender in;
  in.title = r.String("title", true).value_or("");
  in.project_id = r.String("project_id", false, 64).value_or("");
  in.category = r.String("category", true, 64).value_or("");
  auto budget = r.Money("budget", true);
  if (budget) in.budget = *budget;
  if (auto method = r.EnumOf("method", true, kMethodNames)) in.method = *method;
  in.price_weight = r.Hundredths("price_weight", in.method == Method::kComprehensive, 0, 10000).value_or(0);
  if (r.Array("requirements", false, 20)) in.requirements = ReadRequirements(r);
  if (const json* p = r.Object("policies", false)) ReadTenderPolicies(*p, r, &in);
  in.min_valid_bids = static_cast<int>(r.Int("min_valid_bids", false, 1, 1000).value_or(3));
  auto deadline = ReadTimestamp(r, "bid_deadline", true);
  if (deadline) in.bid_deadline = *deadline;
  in.opening_at = ReadTimestamp(r, "opening_at", false);
  return in;
}

NewBid ReadNewBid(ObjectReader& r) {
  NewBid in;
  // Sealed by the bidder, a bid carries its commitment and no price (CONTRACT.md).
  in.commitment = r.String("commitment", false, 64);
  if (in.commitment && r.Money("price", false)) {
    r.AddError({"price", "sealed_by_bidder", "a bid with a commitment carries no price until the reveal"});
  }
  if (!in.commitment) {
    auto price = r.Money("price", true);
    if (price) in.price = *price;
  }
  in.domestic = r.Bool("domestic", true).value_or(false);
  if (const json* items = r.Array("items", false, 100)) {
    for (size_t i = 0; i < items->size(); ++i) {
      if ((*items)[i].is_string()) {
        in.items.push_back((*items)[i].get<std::string>());
      } else {
        r.AddError({"items[" + std::to_string(i) + "]", "type", "a catalog item id"});
        in.items.emplace_back();  // a placeholder keeps the next items' indices, which errors name
      }
    }
  }
  in.note = r.String("note", false, 2000).value_or("");
  return in;
}

NewClarification ReadNewClarification(ObjectReader& r) {
  NewClarification in;
  in.text = r.String("text", true, 5000).value_or("");
  in.question_id = r.String("question_id", false, 64).value_or("");
  if (const json* changes = r.Object("changes", false)) {
    ObjectReader c(*changes, "changes.");
    in.changes.bid_deadline = ReadTimestamp(c, "bid_deadline", false);
    in.changes.opening_at = ReadTimestamp(c, "opening_at", false);
    in.changes.budget = c.Money("budget", false);
    if (c.Array("requirements", false, 20)) in.changes.requirements = ReadRequirements(c);
    r.Merge(c.Finish());
  }
  return in;
}

namespace {

using nlohmann::json;
using namespace procurement;

json OptTime(const std::optional<common::Timestamp>& t) { return t ? json(common::FormatTimestamp(*t)) : json(nullptr); }

// The engine's policies and the procedure's, as one "policies" object.
json TenderPoliciesJson(const Tender& t) {
  json p = codec::PoliciesJson(t.policies);
  p["sealing"] = SealingName(t.procedure.sealing);
  p["amendment_notice_days"] = t.procedure.amendment_notice_days;
  p["reveal_hours"] = t.procedure.reveal_hours;
  auto size = CommitteeSize(t.budget, t.procedure.committee_size, 0);  // the effective size
  p["committee_size"] = size.ok() ? json(*size) : json(nullptr);
  return p;
}

json ContractJson(const Tender& t) {
  if (!t.contract) return nullptr;
  const ContractRecord& c = *t.contract;
  return {{"signed_on", common::FormatDate(c.signed_on)},
          {"amount", common::FormatMoney(c.amount)},
          {"recorded_by", c.recorded_by},
          {"recorded_at", common::FormatTimestamp(c.recorded_at)},
          {"late", ContractLate(t)}};
}

}  // namespace

json TenderJson(const Tender& t) {
  json reqs = json::array();
  for (const auto& r : t.requirements) reqs.push_back(RequirementJson(r));
  // When the reveal window of a tender sealed by its bidders ends (or ended early).
  json reveal_closes = nullptr;
  if (t.procedure.sealing == Sealing::kCommitReveal && t.opened_at) {
    reveal_closes = common::FormatTimestamp(RevealWindowEnd(*t.opened_at, t.procedure.reveal_hours, t.reveal_closed_at));
  }
  return {{"id", t.id},
          {"title", t.title},
          {"category", t.category},
          {"budget", common::FormatMoney(t.budget)},
          {"method", MethodName(t.method)},
          {"price_weight", t.method == Method::kComprehensive ? codec::HundredthsJson(t.price_weight) : json(nullptr)},
          {"min_valid_bids", t.min_valid_bids},
          {"policies", TenderPoliciesJson(t)},
          {"requirements", reqs},
          {"bid_deadline", common::FormatTimestamp(t.bid_deadline)},
          {"opening_at", t.opening_at ? json(common::FormatTimestamp(*t.opening_at)) : json(nullptr)},
          {"status", TenderStatusName(t.status)},
          {"status_reason", t.status_reason.empty() ? json(nullptr) : json(t.status_reason)},
          {"awarded_bid_id", t.awarded_bid_id.empty() ? json(nullptr) : json(t.awarded_bid_id)},
          {"project_id", t.project_id.empty() ? json(nullptr) : json(t.project_id)},
          {"created_by", t.created_by},
          {"owner_id", t.created_by},
          {"owner_name", t.owner_name.empty() ? json(nullptr) : json(t.owner_name)},
          {"created_at", common::FormatTimestamp(t.created_at)},
          {"opened_at", OptTime(t.opened_at)},
          {"reveal_closes_at", reveal_closes},
          {"reveal_closed_early_at", OptTime(t.reveal_closed_at)},
          {"committee_drawn", t.committee_drawn},
          {"award_notice", t.award_published_at && t.challenge_period_ends_on
                               ? json{{"published_at", common::FormatTimestamp(*t.award_published_at)},
                                      {"challenge_period_ends_on", common::FormatDate(*t.challenge_period_ends_on)}}
                               : json(nullptr)},
          {"contract_due_on", t.contract_due_on ? json(common::FormatDate(*t.contract_due_on)) : json(nullptr)},
          {"contract", ContractJson(t)},
          {"version", t.version}};
}


}  // namespace api
