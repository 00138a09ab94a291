// After the award (issue 20; CONTRACT.md "Tenders as the law runs them, II"): the working-day
// calendar, challenges, complaints, the contract, the evaluation reports and what is due.
#include <charconv>

#include "api/handler_util.h"
#include "api/procurement_json.h"

namespace api {

using nlohmann::json;
using namespace procurement;

namespace {

json OptTime(const std::optional<common::Timestamp>& t) { return t ? json(common::FormatTimestamp(*t)) : json(nullptr); }
json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json OptRemedy(const std::optional<Remedy>& r) { return r ? json(RemedyName(*r)) : json(nullptr); }

json Days(const std::vector<common::Date>& days) {
  json out = json::array();
  for (common::Date d : days) out.push_back(common::FormatDate(d));
  return out;
}

json CalendarJson(const CalendarRecord& c) {
  return {{"year", c.days.year},
          {"holidays", Days(c.days.holidays)},
          {"workdays", Days(c.days.workdays)},
          {"updated_by", OptText(c.updated_by)},
          {"updated_at", OptTime(c.updated_at)},
          {"version", c.version}};
}

json ChallengeJson(const Challenge& c) {
  return {{"id", c.id},
          {"tender_id", c.tender_id},
          {"tender_title", OptText(c.tender_title)},
          {"vendor_id", c.vendor_id},
          {"vendor_name", OptText(c.vendor_name)},
          {"challenger", c.challenger},
          {"grounds", c.grounds},
          {"evidence", OptText(c.evidence)},
          {"notice_published_at", common::FormatTimestamp(c.notice_published_at)},
          {"status", RulingName(c.status)},
          {"answer_due_on", common::FormatDate(c.answer_due_on)},
          {"answer", OptText(c.answer)},
          {"remedy", OptRemedy(c.remedy)},
          {"answered_by", OptText(c.answered_by)},
          {"answered_at", OptTime(c.answered_at)},
          {"complaint_id", OptText(c.complaint_id)},
          {"created_at", common::FormatTimestamp(c.created_at)},
          {"version", c.version}};
}

json ComplaintJson(const Complaint& c) {
  return {{"id", c.id},
          {"challenge_id", c.challenge_id},
          {"tender_id", c.tender_id},
          {"tender_title", OptText(c.tender_title)},
          {"vendor_id", c.vendor_id},
          {"vendor_name", OptText(c.vendor_name)},
          {"complainant", c.complainant},
          {"grounds", c.grounds},
          {"status", RulingName(c.status)},
          {"decision_due_on", common::FormatDate(c.decision_due_on)},
          {"reason", OptText(c.reason)},
          {"remedy", OptRemedy(c.remedy)},
          {"decided_by", OptText(c.decided_by)},
          {"decided_at", OptTime(c.decided_at)},
          {"created_at", common::FormatTimestamp(c.created_at)},
          {"version", c.version}};
}

constexpr size_t kMaxDeadlines = 500;

json DeadlineJson(const Deadline& d) {
  json j = {{"kind", DeadlineKindName(d.kind)},
            {"due_on", common::FormatDate(d.due_on)},
            {"due_at", common::FormatTimestamp(d.due_at)},
            {"overdue", d.overdue},
            {"tender_id", d.tender_id},
            {"tender_title", d.tender_title}};
  if (d.kind == DeadlineKind::kChallengeAnswer) j["challenge_id"] = d.ref_id;
  if (d.kind == DeadlineKind::kComplaintDecision) j["complaint_id"] = d.ref_id;
  return j;
}

// The {year} of a calendar's path: four digits, else a validation error on "year" (the range is
// the service's).
common::Result<int> PathYear(const std::string& text) {
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc() || end != text.data() + text.size()) {
    return common::Status::FieldInvalid("year", "format", "a year of four digits");
  }
  return year;
}

// A JSON array of dates at `key` (at most 366): each item not a date is an error on "key[i]".
std::vector<common::Date> ReadDays(ObjectReader& r, const std::string& key) {
  std::vector<common::Date> out;
  if (const json* list = r.Array(key, true, 366)) {
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string field = key + "[" + std::to_string(i) + "]";
      auto d = (*list)[i].is_string() ? common::ParseDate((*list)[i].get<std::string>(), field)
                                      : common::Result<common::Date>(common::Status::FieldInvalid(field, "type", "a date, YYYY-MM-DD"));
      if (d.ok()) {
        out.push_back(*d);
      } else {
        r.Merge(d.status());
      }
    }
  }
  return out;
}

// A decision's body: {"decision", <text_key>, "remedy"?}.
struct RulingBody {
  Ruling decision = Ruling::kSubmitted;
  std::string text;
  std::optional<Remedy> remedy;
};
std::optional<HttpResponse> ReadRuling(Context& ctx, const char* text_key, RulingBody* out) {
  return ReadBody(ctx, [&](ObjectReader& r) {
    auto d = r.Enum("decision", true, {"upheld", "dismissed"});
    if (d) out->decision = *ParseRuling(*d);
    out->text = r.String(text_key, true, 5000).value_or("");
    out->remedy = r.EnumOf("remedy", false, kRemedyNames);
  });
}

}  // namespace

void AddAfterAwardRoutes(RouteTable& routes, const ApiDeps& deps) {
  TenderService* tenders = deps.tenders;

  routes.Add("GET", "/v1/calendar/{year}", Access::kAccount, [tenders](Context& ctx) {
    auto year = PathYear(ctx.Param("year"));
    if (!year.ok()) return ProblemFor(year.status());
    return AnswerVersioned(tenders->GetCalendar(*ctx.actor, *year), CalendarJson);
  });

  routes.Add("PUT", "/v1/calendar/{year}", Access::kAccount, [tenders](Context& ctx) {
    auto if_match = IfMatchVersion(ctx.req);
    if (!if_match.ok()) return ProblemFor(if_match.status());
    common::YearCalendar days;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      days.holidays = ReadDays(r, "holidays");
      days.workdays = ReadDays(r, "workdays");
    });
    if (bad) return *bad;
    auto year = PathYear(ctx.Param("year"));
    if (!year.ok()) return ProblemFor(year.status());
    days.year = *year;
    return AnswerVersioned(tenders->PutCalendar(*ctx.actor, days, *if_match), CalendarJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/challenges", Access::kAccount, [tenders](Context& ctx) {
    std::string grounds, evidence;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      grounds = r.String("grounds", true, 5000).value_or("");
      evidence = r.String("evidence", false, 5000).value_or("");
    });
    if (bad) return *bad;
    auto c = tenders->SubmitChallenge(*ctx.actor, ctx.Param("id"), grounds, evidence);
    if (!c.ok()) return ProblemFor(c.status());
    HttpResponse resp = Json(201, ChallengeJson(*c));
    resp.headers.emplace_back("Location", "/v1/tenders/" + c->tender_id + "/challenges");
    return resp;
  });

  routes.Add("GET", "/v1/tenders/{id}/challenges", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->ListChallenges(*ctx.actor, ctx.Param("id")), [](const std::vector<Challenge>& list) {
      json items = json::array();
      for (const auto& c : list) items.push_back(ChallengeJson(c));
      return json{{"items", items}};
    });
  });

  routes.Add("POST", "/v1/challenges/{id}/answer", Access::kAccount, [tenders](Context& ctx) {
    RulingBody in;
    if (auto bad = ReadRuling(ctx, "answer", &in)) return *bad;
    return Answer(tenders->AnswerChallenge(*ctx.actor, ctx.Param("id"), in.decision, in.text, in.remedy), ChallengeJson);
  });

  routes.Add("POST", "/v1/challenges/{id}/complaint", Access::kAccount, [tenders](Context& ctx) {
    std::string grounds;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { grounds = r.String("grounds", true, 5000).value_or(""); })) {
      return *bad;
    }
    auto p = tenders->SubmitComplaint(*ctx.actor, ctx.Param("id"), grounds);
    if (!p.ok()) return ProblemFor(p.status());
    HttpResponse resp = Json(201, ComplaintJson(*p));
    resp.headers.emplace_back("Location", "/v1/complaints/" + p->id);
    return resp;
  });

  routes.Add("POST", "/v1/complaints/{id}/decision", Access::kAccount, [tenders](Context& ctx) {
    RulingBody in;
    if (auto bad = ReadRuling(ctx, "reason", &in)) return *bad;
    return Answer(tenders->DecideComplaint(*ctx.actor, ctx.Param("id"), in.decision, in.text, in.remedy), ComplaintJson);
  });

  routes.Add("GET", "/v1/complaints?status,limit,cursor", Access::kAccount, [tenders](Context& ctx) {
    QueryReader q(ctx.req);
    auto status = q.EnumOf("status", kRulingNames);
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    return AnswerPage(tenders->ListComplaints(*ctx.actor, status, page), ComplaintJson);
  });

  routes.Add("GET", "/v1/complaints/{id}", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->GetComplaint(*ctx.actor, ctx.Param("id")), ComplaintJson);
  });

  routes.Add("POST", "/v1/tenders/{id}/contract", Access::kAccount, [tenders](Context& ctx) {
    std::optional<common::Date> signed_on;
    std::optional<common::Money> amount;
    auto bad = ReadBody(ctx, [&](ObjectReader& r) {
      signed_on = r.Date("signed_on", true);
      amount = r.Money("amount", true);
    });
    if (bad) return *bad;
    return AnswerVersioned(tenders->SignContract(*ctx.actor, ctx.Param("id"), *signed_on, *amount), TenderJson);
  });

  routes.Add("GET", "/v1/tenders/{id}/evaluations", Access::kAccount, [tenders](Context& ctx) {
    return Answer(tenders->ListEvaluations(*ctx.actor, ctx.Param("id")), [](const std::vector<EvaluationRound>& list) {
      json items = json::array();
      for (size_t i = 0; i < list.size(); ++i) {
        const EvaluationRound& e = list[i];
        json report = json::parse(e.report, nullptr, false);
        items.push_back({{"round", e.round},
                         {"current", !e.set_aside_at.has_value()},
                         {"created_at", common::FormatTimestamp(e.created_at)},
                         {"set_aside_at", OptTime(e.set_aside_at)},
                         {"set_aside_by", OptText(e.set_aside_by)},
                         {"report", report.is_discarded() ? json(nullptr) : report}});
      }
      return json{{"items", items}};
    });
  });

  routes.Add("GET", "/v1/deadlines?before", Access::kAccount, [tenders](Context& ctx) {
    QueryReader q(ctx.req);
    auto before = q.Date("before");
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    // Soonest first, at most kMaxDeadlines; "truncated" says when there were more.
    return Answer(tenders->ListDue(*ctx.actor, before), [](const std::vector<Deadline>& list) {
      json items = json::array();
      for (size_t i = 0; i < list.size() && i < kMaxDeadlines; ++i) items.push_back(DeadlineJson(list[i]));
      return json{{"items", items}, {"truncated", list.size() > kMaxDeadlines}};
    });
  });
}

}  // namespace api
