// Tenders, bids, opening, scores, evaluation, award, cancellation.
#include "api/handler_util.h"
#include "api/procurement_json.h"
#include "api/registry_json.h"
#include "common/text.h"

namespace api {

using nlohmann::json;
using namespace procurement;

namespace {

json OptTime(const std::optional<common::Timestamp>& t) { return t ? json(common::FormatTimestamp(*t)) : json(nullptr); }

json BidJson(const Bid& b) {
  json out = {{"id", b.id},
              {"tender_id", b.tender_id},
              {"tender_title", b.tender_title},
              {"vendor_id", b.vendor_id},
              {"vendor_name", b.vendor_name},
              // Sealed by its bidder, the price is unknown (null) until revealed.
              {"price", b.PriceKnown() ? json(common::FormatMoney(b.price)) : json(nullptr)},
              {"sealing", b.SealedByBidder() ? "commit_reveal" : "server"},
              {"commitment", b.SealedByBidder() ? json(b.commitment) : json(nullptr)},
              {"revealed_at", OptTime(b.revealed_at)},
              {"revealed_price", b.price_text.empty() ? json(nullptr) : json(b.price_text)},
              {"nonce", b.nonce.empty() ? json(nullptr) : json(b.nonce)},
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

json ChangesJson(const TermChanges& c) {
  json j = json::object();
  if (c.bid_deadline) j["bid_deadline"] = common::FormatTimestamp(*c.bid_deadline);
  if (c.opening_at) j["opening_at"] = common::FormatTimestamp(*c.opening_at);
  if (c.budget) j["budget"] = common::FormatMoney(*c.budget);
  if (c.requirements) {
    json reqs = json::array();
    for (const auto& r : *c.requirements) reqs.push_back(RequirementJson(r));
    j["requirements"] = reqs;
  }
  return j;
}

// A clarification as every reader of the tender sees it: a question it answers is quoted,
// its asker never named.
json ClarificationJson(const Clarification& c) {
  return {{"id", c.id},
          {"tender_id", c.tender_id},
          {"text", c.text},
          {"changes", ChangesJson(c.changes)},
          {"question_id", c.question_id.empty() ? json(nullptr) : json(c.question_id)},
          {"question_text", c.question_id.empty() ? json(nullptr) : json(c.question_text)},
          {"bid_deadline", common::FormatTimestamp(c.bid_deadline)},
          {"opening_at", OptTime(c.opening_at)},
          {"deadline_extended", c.deadline_extended},
          {"created_by", c.created_by},
          {"created_by_name", c.created_by_name.empty() ? json(nullptr) : json(c.created_by_name)},
          {"created_at", common::FormatTimestamp(c.created_at)}};
}

json QuestionJson(const Question& q) {
  return {{"id", q.id},
          {"tender_id", q.tender_id},
          {"vendor_id", q.vendor_id},
          {"vendor_name", q.vendor_name.empty() ? json(nullptr) : json(q.vendor_name)},
          {"text", q.text},
          {"asked_at", common::FormatTimestamp(q.asked_at)},
          {"answered_by", q.answered_by}};
}

json CommitteeJson(const Committee& c) {
  json members = json::array();
  for (size_t i = 0; i < c.members.size(); ++i) {
    members.push_back({{"expert_id", c.members[i]}, {"expert_name", c.member_names[i]}});
  }
  return {{"tender_id", c.tender_id}, {"size", c.size},         {"members", members},
          {"seed", c.seed},           {"candidates", c.candidates}, {"drawn_by", c.drawn_by},
          {"drawn_at", common::FormatTimestamp(c.drawn_at)}};
}

json ExpertRecordJson(const std::string& account_id, const std::string& name, const std::optional<ExpertRecord>& r) {
  return {{"account_id", account_id},
          {"name", name},
          {"active", r ? json(r->profile.active) : json(nullptr)},
          {"specialties", r ? json(r->profile.specialties) : json::array()},
          {"affiliations", r ? json(r->profile.affiliations) : json::array()},
          {"updated_by", r ? json(r->updated_by) : json(nullptr)},
          {"updated_at", r ? json(common::FormatTimestamp(r->updated_at)) : json(nullptr)},
          {"version", r ? r->version : 0}};
}

// Reads the JSON array of strings at `key` (at most `max` items). An item that is not a string of
// at most 64 characters is an error on "key[i]" and leaves an empty string in its place, so the
// later items keep the indices their own errors name.
std::vector<std::string> ReadStrings(ObjectReader& r, const std::string& key, size_t max) {
  std::vector<std::string> out;
  if (const json* list = r.Array(key, true, max)) {
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].is_string() && (*list)[i].get_ref<const std::string&>().size() <= 64) {
        out.push_back((*list)[i].get<std::string>());
      } else {
        r.AddError({key + "[" + std::to_string(i) + "]", "type", "a string of at most 64 characters"});
        out.emplace_back();
      }
    }
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
                      {"sealing", b.SealedByBidder() ? "commit_reveal" : "server"},
                      {"commitment", b.SealedByBidder() ? json(b.commitment) : json(nullptr)},
                      {"digest", b.digest}, {"submitted_at", common::FormatTimestamp(b.submitted_at)}});
  });

  routes.Add("POST", "/v1/tenders/{id}/bids/reveal", Access::kAccount, [tenders](Context& ctx) {
    std::string price, nonce;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      price = r.String("price", true, 32).value_or("");
      nonce = r.String("nonce", true, 64).value_or("");
    });
    if (bad) return *bad;
    return Answer(tenders->Reveal(*ctx.actor, ctx.Param("id"), price, nonce), BidJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/close-reveal", Access::kAccount, [tenders](Context& ctx) {
    if (auto bad = ReadBody(ctx, [](ObjectReader&) {}); bad && !ctx.req.body.empty()) return *bad;
    return AnswerVersioned(tenders->CloseReveal(*ctx.actor, ctx.Param("id")), TenderJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/clarifications", Access::kAccount, [tenders](Context& ctx) {
    NewClarification in;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { in = ReadNewClarification(r); })) return *bad;
    auto r = tenders->Clarify(*ctx.actor, ctx.Param("id"), in);
    if (!r.ok()) return ProblemFor(r.status());
    json out = ClarificationJson(r->clarification);
    out["tender"] = TenderJson(r->tender);
    HttpResponse resp = Json(201, out);
    resp.headers.emplace_back("Location", "/v1/tenders/" + r->tender.id + "/clarifications");
    return resp;
  });

  routes.Add("GET", "/v1/tenders/{id}/clarifications", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->ListClarifications(*ctx.actor, ctx.Param("id")), [](const std::vector<Clarification>& list) {
      json items = json::array();
      for (const auto& c : list) items.push_back(ClarificationJson(c));
      return json{{"items", items}};
    });
  });

  routes.Add("POST", "/v1/tenders/{id}/questions", Access::kAccount, [tenders](Context& ctx) {
    std::string text;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { text = r.String("text", true, 2000).value_or(""); })) return *bad;
    auto q = tenders->Ask(*ctx.actor, ctx.Param("id"), text);
    if (!q.ok()) return ProblemFor(q.status());
    return Json(201, QuestionJson(*q));
  });

  routes.Add("GET", "/v1/tenders/{id}/questions", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->ListQuestions(*ctx.actor, ctx.Param("id")), [](const std::vector<Question>& list) {
      json items = json::array();
      for (const auto& q : list) items.push_back(QuestionJson(q));
      return json{{"items", items}};
    });
  });

  routes.Add("POST", "/v1/tenders/{id}/committee", Access::kAccount, [tenders](Context& ctx) {
    int size = 0;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { size = static_cast<int>(r.Int("size", false, 1, 99).value_or(0)); });
        bad && !ctx.req.body.empty()) {
      return *bad;
    }
    auto c = tenders->DrawCommittee(*ctx.actor, ctx.Param("id"), size);
    if (!c.ok()) return ProblemFor(c.status());
    return Json(201, CommitteeJson(*c));
  });

  routes.Add("GET", "/v1/tenders/{id}/committee", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->GetCommittee(*ctx.actor, ctx.Param("id")), CommitteeJson);
  });

  routes.Add("PUT", "/v1/experts/{account_id}", Access::kAccount, [tenders](Context& ctx) {
    auto if_match = IfMatchVersion(ctx.req);
    if (!if_match.ok()) return ProblemFor(if_match.status());
    std::vector<std::string> specialties, affiliations;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      specialties = ReadStrings(r, "specialties", 50);
      affiliations = ReadStrings(r, "affiliations", 50);
    });
    if (bad) return *bad;
    const std::string id = ctx.Param("account_id");
    auto e = tenders->PutExpert(*ctx.actor, id, specialties, affiliations, *if_match);
    if (!e.ok()) return ProblemFor(e.status());
    HttpResponse resp = Json(200, ExpertRecordJson(id, e->name, *e));
    resp.headers.emplace_back("ETag", Etag(e->version));
    return resp;
  });

  routes.Add("GET", "/v1/experts/{account_id}", Access::kAccount, [tenders](Context& ctx) {
    auto v = tenders->GetExpert(*ctx.actor, ctx.Param("account_id"));
    if (!v.ok()) return ProblemFor(v.status());
    json out = ExpertRecordJson(v->account_id, v->name, v->record);
    json committees = json::array();
    for (const auto& t : v->committees) {
      committees.push_back({{"tender_id", t.id}, {"title", t.title}, {"category", t.category},
                            {"status", TenderStatusName(t.status)}, {"bid_deadline", common::FormatTimestamp(t.bid_deadline)}});
    }
    out["committees"] = committees;
    HttpResponse resp = Json(200, out);
    resp.headers.emplace_back("ETag", Etag(v->record ? v->record->version : 0));
    return resp;
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
                {"amendment_notice_days_default", l.amendment_notice_days_default},
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
      // Optional: absent keeps the stored default (0 tells the service so).
      l.amendment_notice_days_default = static_cast<int>(r.Int("amendment_notice_days_default", false, 1, 60).value_or(0));
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
