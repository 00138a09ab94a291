// Tenders, bids, opening, scores, evaluation, award, cancellation.
#include "api/handler_util.h"
#include "api/procurement_json.h"
#include "api/registry_json.h"
#include "common/text.h"

namespace api {

using nlohmann::json;
using namespace procurement;

namespace {

json TenderJson(const Tender& t) {
  json reqs = json::array();
  for (const auto& r : t.requirements) reqs.push_back(RequirementJson(r));
  return {{"id", t.id},
          {"title", t.title},
          {"category", t.category},
          {"budget", common::FormatMoney(t.budget)},
          {"method", MethodName(t.method)},
          {"price_weight", t.method == Method::kComprehensive ? codec::HundredthsJson(t.price_weight) : json(nullptr)},
          {"min_valid_bids", t.min_valid_bids},
          {"policies", codec::PoliciesJson(t.policies)},
          {"requirements", reqs},
          {"bid_deadline", common::FormatTimestamp(t.bid_deadline)},
          {"opening_at", t.opening_at ? json(common::FormatTimestamp(*t.opening_at)) : json(nullptr)},
          {"status", TenderStatusName(t.status)},
          {"status_reason", t.status_reason.empty() ? json(nullptr) : json(t.status_reason)},
          {"awarded_bid_id", t.awarded_bid_id.empty() ? json(nullptr) : json(t.awarded_bid_id)},
          {"created_by", t.created_by},
          {"owner_id", t.created_by},
          {"owner_name", t.owner_name.empty() ? json(nullptr) : json(t.owner_name)},
          {"created_at", common::FormatTimestamp(t.created_at)},
          {"version", t.version}};
}

json BidJson(const Bid& b) {
  json out = {{"id", b.id},
              {"tender_id", b.tender_id},
              {"tender_title", b.tender_title},
              {"vendor_id", b.vendor_id},
              {"vendor_name", b.vendor_name},
              {"price", common::FormatMoney(b.price)},
              {"domestic", b.domestic},
              {"domestic_claimed", b.domestic_claimed},
              {"items", b.items},
              {"note", b.note},
              {"status", BidStatusName(b.status)},
              {"withdrawn_at", b.withdrawn_at ? json(common::FormatTimestamp(*b.withdrawn_at)) : json(nullptr)},
              {"digest", b.digest},
              {"submitted_at", common::FormatTimestamp(b.submitted_at)},
              {"version", b.version}};
  if (b.reviewed) {
    json reasons = json::array();
    json parsed = json::parse(b.review_reasons, nullptr, false);
    if (parsed.is_object()) {
      for (auto& [code, message] : parsed.items()) reasons.push_back({{"code", code}, {"message", message}});
    }
    out["review"] = {{"eligible", b.eligible}, {"sme", b.sme}, {"reasons", reasons}};
  }
  return out;
}

}  // namespace

void AddTenderRoutes(RouteTable& routes, const ApiDeps& deps) {
  TenderService* tenders = deps.tenders;

  routes.Add("POST", "/v1/tenders?status,limit,cursor", Access::kAccount, [tenders](Context& ctx) {
    NewTender in;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) { in = ReadNewTender(r); },
                        [&](const common::Unread& unread) { return tenders->CheckNew(*ctx.actor, in, unread); });
    if (bad) return *bad;
    auto t = tenders->Create(*ctx.actor, in);
    if (!t.ok()) return ProblemFor(t.status());
    HttpResponse resp = Json(201, TenderJson(*t));
    resp.headers.emplace_back("Location", "/v1/tenders/" + t->id);
    resp.headers.emplace_back("ETag", Etag(t->version));
    return resp;
  });

  routes.Add("GET", "/v1/tenders?status,limit,cursor", Access::kAccount, [tenders](Context& ctx) {
    QueryReader q(ctx.req);
    auto status = q.EnumOf("status", kTenderStatusNames);
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = tenders->List(*ctx.actor, status, page);
    return AnswerPage(r, [](const auto& t) { return TenderJson(t); });
  });

  routes.Add("GET", "/v1/tenders/{id}", Access::kAccount, [tenders](Context& ctx) {
    return AnswerVersioned(tenders->Get(*ctx.actor, ctx.Param("id")), TenderJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/publish", Access::kAccount, [tenders](Context& ctx) {
    return AnswerVersioned(tenders->Publish(*ctx.actor, ctx.Param("id")), TenderJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/bids", Access::kAccount, [tenders](Context& ctx) {
    NewBid in;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) { in = ReadNewBid(r); },
                        [&](const common::Unread& unread) { return tenders->CheckBid(*ctx.actor, in, unread); });
    if (bad) return *bad;
    auto r = tenders->SubmitBid(*ctx.actor, ctx.Param("id"), in);
    if (!r.ok()) return ProblemFor(r.status());
    const Bid& b = r->bid;
    return Json(201, {{"id", b.id}, {"status", BidStatusName(b.status)}, {"replaced", r->replaced}, {"domestic", b.domestic},
                      {"digest", b.digest}, {"submitted_at", common::FormatTimestamp(b.submitted_at)}});
  });

  routes.Add("POST", "/v1/tenders/{id}/bids/withdraw", Access::kAccount, [tenders](Context& ctx) {
    // No body, or an empty object: there is nothing to say but which tender (the vendor is the caller).
    if (auto bad = ReadBody(ctx, [](ObjectReader&) {}); bad && !ctx.req.body.empty()) return *bad;
    return Answer(tenders->WithdrawBid(*ctx.actor, ctx.Param("id")), BidJson);
  });

  routes.Add("GET", "/v1/tenders/{id}/bids", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->ListBids(*ctx.actor, ctx.Param("id")), [](const std::vector<Bid>& bids) {
      json items = json::array();
      for (const auto& b : bids) items.push_back(BidJson(b));
      return json{{"items", items}};
    });
  });

  routes.Add("POST", "/v1/tenders/{id}/open", Access::kAccount, [tenders](Context& ctx) {
    return AnswerVersioned(tenders->Open(*ctx.actor, ctx.Param("id")), TenderJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/scores", Access::kAccount, [tenders](Context& ctx) {
    std::vector<ScoreInput> scores;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      if (const json* list = r.Array("scores", true, 1000)) {
        for (size_t i = 0; i < list->size(); ++i) {
          std::string pre = "scores[" + std::to_string(i) + "].";
          if (!(*list)[i].is_object()) {
            r.AddError({pre.substr(0, pre.size() - 1), "type", "must be an object"});
            continue;
          }
          ObjectReader s((*list)[i], pre);
          ScoreInput in;
          in.bid_id = s.String("bid_id", true, 64).value_or("");
          in.expert = s.String("expert", false, 64).value_or("");  // optional: the caller's own account id
          in.technical_score = s.Hundredths("technical_score", true, 0, 10000).value_or(0);
          r.Merge(s.Finish());
          scores.push_back(in);
        }
      }
    });
    if (bad) return *bad;
    common::Status st = tenders->SubmitScores(*ctx.actor, ctx.Param("id"), scores);
    if (!st.ok()) return ProblemFor(st);
    return Json(200, {{"accepted", scores.size()}});
  });

  routes.Add("POST", "/v1/tenders/{id}/evaluate", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->Evaluate(*ctx.actor, ctx.Param("id")), codec::ReportJson);
  });

  routes.Add("GET", "/v1/tenders/{id}/evaluation", Access::kAccount, [tenders](Context& ctx) {
    auto text = tenders->GetEvaluation(*ctx.actor, ctx.Param("id"));
    if (!text.ok()) return ProblemFor(text.status());
    HttpResponse r;
    r.content_type = "application/json; charset=utf-8";
    r.body = *text;  // the stored report, byte for byte
    return r;
  });

  routes.Add("POST", "/v1/tenders/{id}/award", Access::kAccount, [tenders](Context& ctx) {
    std::optional<std::string> bid_id;
    std::string justification;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      bid_id = r.String("bid_id", false, 64);
      justification = r.String("justification", false, 2000).value_or("");
    });
    if (bad) return *bad;
    return AnswerVersioned(tenders->Award(*ctx.actor, ctx.Param("id"), bid_id, justification), TenderJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/cancel", Access::kAccount, [tenders](Context& ctx) {
    std::string reason;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { reason = r.String("reason", true, 1000).value_or(""); })) {
      return *bad;
    }
    return AnswerVersioned(tenders->Cancel(*ctx.actor, ctx.Param("id"), reason), TenderJson);
  });

  auto limits_json = [](const PolicyLimits& l) {
    return json{{"min_valid_bids_min", l.min_valid_bids_min},
                {"domestic_price_deduction_pct_max", codec::HundredthsJson(l.domestic_price_deduction_max)},
                {"sme_price_deduction_pct_max", codec::HundredthsJson(l.sme_price_deduction_max)},
                {"updated_by", l.updated_by.empty() ? json(nullptr) : json(l.updated_by)},
                {"updated_at", l.updated_at ? json(common::FormatTimestamp(*l.updated_at)) : json(nullptr)},
                {"version", l.version}};
  };
  routes.Add("GET", "/v1/policy-limits", Access::kAccount, [tenders, limits_json](Context& ctx) {
    return AnswerVersioned(tenders->GetPolicyLimits(*ctx.actor), limits_json);
  });
  routes.Add("PUT", "/v1/policy-limits", Access::kAccount, [tenders, limits_json](Context& ctx) {
    auto if_match = IfMatchVersion(ctx.req);
    if (!if_match.ok()) return ProblemFor(if_match.status());
    PolicyLimits l;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      // Ranges are the service's to check (PutPolicyLimits); these bounds only keep the numbers sane.
      l.min_valid_bids_min = static_cast<int>(r.Int("min_valid_bids_min", true, 0, 1000).value_or(0));
      l.domestic_price_deduction_max = r.Hundredths("domestic_price_deduction_pct_max", true, 0, 10000).value_or(0);
      l.sme_price_deduction_max = r.Hundredths("sme_price_deduction_pct_max", true, 0, 10000).value_or(0);
    });
    if (bad) return *bad;
    return AnswerVersioned(tenders->PutPolicyLimits(*ctx.actor, l, *if_match), limits_json);
  });

  routes.Add("POST", "/v1/tenders/{id}/officers", Access::kAccount, [tenders](Context& ctx) {
    std::string account_id;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { account_id = r.String("account_id", true, 64).value_or(""); })) {
      return *bad;
    }
    auto officers = tenders->AddOfficer(*ctx.actor, ctx.Param("id"), account_id);
    if (!officers.ok()) return ProblemFor(officers.status());
    return Json(201, {{"tender_id", ctx.Param("id")}, {"officers", *officers}});
  });
}

}  // namespace api
