// /v1/plans and /v1/projects (the projects issue; CONTRACT.md "Projects, from plan to
// performance"): JSON to procurement::ProjectService and back.
#include "api/api.h"
#include "api/handler_util.h"
#include "api/input.h"
#include "api/response.h"
#include "procurement/project_service.h"

namespace api {
namespace {

using nlohmann::json;
using procurement::Plan;
using procurement::Project;
using procurement::ProjectService;

json PlanJson(const Plan& p) {
  json items = json::array();
  for (const auto& it : p.items) {
    items.push_back({{"code", it.code},
                     {"title", it.title},
                     {"budget_ceiling", common::FormatMoney(it.budget_ceiling)},
                     {"category", it.category.empty() ? json(nullptr) : json(it.category)}});
  }
  return {{"id", p.id},
          {"title", p.title},
          {"period_start", common::FormatDate(p.period_start)},
          {"period_end", common::FormatDate(p.period_end)},
          {"items", items},
          {"status", procurement::PlanStatusName(p.status)},
          {"created_by", p.created_by},
          {"created_at", common::FormatTimestamp(p.created_at)},
          {"adopted_by", p.adopted_by.empty() ? json(nullptr) : json(p.adopted_by)},
          {"adopted_at", p.adopted_at ? json(common::FormatTimestamp(*p.adopted_at)) : json(nullptr)},
          {"version", p.version}};
}

json OptMoney(const std::optional<common::Money>& m) { return m ? json(common::FormatMoney(*m)) : json(nullptr); }
json OptTime(const std::optional<common::Timestamp>& t) { return t ? json(common::FormatTimestamp(*t)) : json(nullptr); }

json OpinionJson(const procurement::BudgetOpinion& o) {
  return {{"id", o.id},
          {"expert_id", o.expert_id},
          {"expert_name", o.expert_name},
          {"recommended_budget", common::FormatMoney(o.recommended_budget)},
          {"opinion", o.opinion},
          {"submitted_at", common::FormatTimestamp(o.submitted_at)},
          {"version", o.version}};
}

json ProjectJson(const Project& p) {
  return {{"id", p.id},
          {"title", p.title},
          {"plan_id", p.plan_id},
          {"plan_item", p.plan_item},
          {"description", p.description},
          {"budget_requested", common::FormatMoney(p.budget_requested)},
          {"information_sharing", {{"provides", p.sharing.provides}, {"uses", p.sharing.uses}}},
          {"department", p.department},
          {"created_by", p.created_by},
          {"status", procurement::ProjectStatusName(p.status)},
          {"status_reason", p.status_reason.empty() ? json(nullptr) : json(p.status_reason)},
          {"decided_by", p.decided_by.empty() ? json(nullptr) : json(p.decided_by)},
          {"decided_at", p.decided_at ? json(common::FormatTimestamp(*p.decided_at)) : json(nullptr)},
          {"created_at", common::FormatTimestamp(p.created_at)},
          {"budget_review", p.review_opened_at ? json{{"expert_ids", p.review_experts},
                                                      {"opened_at", OptTime(p.review_opened_at)},
                                                      {"closed_at", OptTime(p.review_closed_at)}}
                                               : json(nullptr)},
          {"recommended_budget", OptMoney(p.recommended_budget)},
          {"approved_budget", OptMoney(p.approved_budget)},
          {"approval_comment", p.approval_comment.empty() ? json(nullptr) : json(p.approval_comment)},
          {"approved_by", p.approved_by.empty() ? json(nullptr) : json(p.approved_by)},
          {"approved_at", OptTime(p.approved_at)},
          {"version", p.version}};
}

json ViewJson(const procurement::ProjectView& v) {
  json out = ProjectJson(v.project);
  json similar = json::array();
  for (const auto& s : v.similar) {
    similar.push_back({{"id", s.id},
                       {"title", s.title},
                       {"department", s.department},
                       {"status", procurement::ProjectStatusName(s.status)},
                       {"overlap", s.overlap}});
  }
  out["similar_projects"] = similar;
  if (out["budget_review"].is_object()) {
    json opinions = json::array();
    for (const auto& o : v.opinions) opinions.push_back(OpinionJson(o));
    out["budget_review"]["opinions"] = opinions;
  }
  return out;
}

// The JSON array of strings at `key` (at most `max` items, each a string; the text checks are the
// service's). A non-string item is an error on "key[i]".
std::vector<std::string> Texts(ObjectReader& r, const std::string& key, bool required, size_t max) {
  std::vector<std::string> out;
  if (const json* list = r.Array(key, required, max)) {
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].is_string()) {
        out.push_back((*list)[i].get<std::string>());
      } else {
        r.AddError({key + "[" + std::to_string(i) + "]", "type", "must be a string"});
        out.emplace_back();
      }
    }
  }
  return out;
}

Plan ReadPlan(ObjectReader& r) {
  Plan p;
  p.title = r.String("title", true).value_or("");
  if (auto d = r.Date("period_start", true)) p.period_start = *d;
  if (auto d = r.Date("period_end", true)) p.period_end = *d;
  if (const json* items = r.Array("items", true, 500)) {
    for (size_t i = 0; i < items->size(); ++i) {
      const json& item = (*items)[i];
      if (!item.is_object()) {
        r.AddError({"items[" + std::to_string(i) + "]", "type", "must be an object"});
        continue;
      }
      ObjectReader ir(item, "items[" + std::to_string(i) + "].");
      procurement::PlanItem it;
      it.code = ir.String("code", true, 32).value_or("");
      it.title = ir.String("title", true).value_or("");
      if (auto m = ir.Money("budget_ceiling", true)) it.budget_ceiling = *m;
      it.category = ir.String("category", false, 64).value_or("");
      r.Merge(ir.Finish());
      p.items.push_back(std::move(it));
    }
  }
  return p;
}

Project ReadProject(ObjectReader& r) {
  Project p;
  p.title = r.String("title", true).value_or("");
  p.plan_id = r.String("plan_id", true, 64).value_or("");
  p.plan_item = r.String("plan_item", true, 32).value_or("");
  p.description = r.String("description", true, 2000).value_or("");
  if (auto m = r.Money("budget_requested", true)) p.budget_requested = *m;
  if (const json* sharing = r.Object("information_sharing", true)) {
    ObjectReader sr(*sharing, "information_sharing.");
    p.sharing.provides = Texts(sr, "provides", false, 50);
    p.sharing.uses = Texts(sr, "uses", false, 50);
    r.Merge(sr.Finish());
  }
  return p;
}

}  // namespace

void AddProjectRoutes(RouteTable& routes, const ApiDeps& deps) {
  ProjectService* projects = deps.projects;

  routes.Add("POST", "/v1/plans", Access::kAccount, [projects](Context& ctx) {
    Plan in;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { in = ReadPlan(r); })) return *bad;
    return Answer(projects->CreatePlan(*ctx.actor, std::move(in)), PlanJson, 201);
  });
  routes.Add("GET", "/v1/plans?status,limit,cursor", Access::kAccount, [projects](Context& ctx) {
    QueryReader q(ctx.req);
    procurement::PlanFilter f;
    f.status = q.EnumOf("status", procurement::kPlanStatusNames);
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    return AnswerPage(projects->ListPlans(*ctx.actor, f, page), PlanJson);
  });
  routes.Add("GET", "/v1/plans/{id}", Access::kAccount, [projects](Context& ctx) {
    return Answer(projects->GetPlan(*ctx.actor, ctx.Param("id")), PlanJson);
  });
  routes.Add("POST", "/v1/plans/{id}/adopt", Access::kAccount, [projects](Context& ctx) {
    return Answer(projects->AdoptPlan(*ctx.actor, ctx.Param("id")), PlanJson);
  });

  routes.Add("POST", "/v1/projects", Access::kAccount, [projects](Context& ctx) {
    Project in;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { in = ReadProject(r); })) return *bad;
    auto r = projects->Propose(*ctx.actor, std::move(in));
    if (!r.ok()) return ProblemFor(r.status());
    HttpResponse resp = Json(201, ViewJson(*r));
    resp.headers.emplace_back("Location", "/v1/projects/" + r->project.id);
    return resp;
  });
  routes.Add("GET", "/v1/projects?status,limit,cursor", Access::kAccount, [projects](Context& ctx) {
    QueryReader q(ctx.req);
    procurement::ProjectFilter f;
    f.status = q.EnumOf("status", procurement::kProjectStatusNames);
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    return AnswerPage(projects->List(*ctx.actor, f, page), ProjectJson);
  });
  routes.Add("GET", "/v1/projects/{id}", Access::kAccount, [projects](Context& ctx) {
    return Answer(projects->Get(*ctx.actor, ctx.Param("id")), ViewJson);
  });
  routes.Add("POST", "/v1/projects/{id}/budget-reviews", Access::kAccount, [projects](Context& ctx) {
    std::vector<std::string> experts;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { experts = Texts(r, "expert_ids", true, 15); })) return *bad;
    return Answer(projects->OpenBudgetReview(*ctx.actor, ctx.Param("id"), experts), ProjectJson);
  });
  routes.Add("POST", "/v1/projects/{id}/budget-reviews/opinions", Access::kAccount, [projects](Context& ctx) {
    common::Money recommended;
    std::string opinion;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) {
          if (auto m = r.Money("recommended_budget", true)) recommended = *m;
          opinion = r.String("opinion", true, 2000).value_or("");
        })) {
      return *bad;
    }
    return Answer(projects->SubmitOpinion(*ctx.actor, ctx.Param("id"), recommended, opinion), OpinionJson, 201);
  });
  routes.Add("POST", "/v1/projects/{id}/budget-reviews/close", Access::kAccount, [projects](Context& ctx) {
    return Answer(projects->CloseBudgetReview(*ctx.actor, ctx.Param("id")), ProjectJson);
  });
  routes.Add("POST", "/v1/projects/{id}/budget", Access::kAccount, [projects](Context& ctx) {
    common::Money approved;
    std::string comment;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) {
          if (auto m = r.Money("approved_budget", true)) approved = *m;
          comment = r.String("comment", false, 1000).value_or("");
        })) {
      return *bad;
    }
    return Answer(projects->ApproveBudget(*ctx.actor, ctx.Param("id"), approved, comment), ProjectJson);
  });
  routes.Add("POST", "/v1/projects/{id}/reject", Access::kAccount, [projects](Context& ctx) {
    std::string reason;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& r) { reason = r.String("reason", true, 1000).value_or(""); })) return *bad;
    return Answer(projects->Reject(*ctx.actor, ctx.Param("id"), reason), ProjectJson);
  });
}

}  // namespace api
