// GET /v1/audit, GET /v1/audit/verify.
#include "api/api.h"
#include "api/input.h"
#include "api/response.h"

namespace api {

void AddAuditRoutes(RouteTable& routes, const ApiDeps& deps) {
  registry::AuditService* audit = deps.audit;

  routes.Add("GET", "/v1/audit?entity_type,entity_id,limit,cursor", Access::kAccount, [audit](Context& ctx) {
    QueryReader q(ctx.req);
    registry::AuditFilter filter;
    filter.entity_type = q.String("entity_type", 64).value_or("");
    filter.entity_id = q.String("entity_id", 64).value_or("");
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto result = audit->List(*ctx.actor, filter, page);
    if (!result.ok()) return ProblemFor(result.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : result->items) {
      // details are stored as canonical JSON; shown as an object when they still parse.
      nlohmann::json details = nlohmann::json::parse(e.details, nullptr, false);
      if (details.is_discarded()) details = e.details;
      items.push_back({{"seq", e.seq},
                       {"at", common::FormatTimestamp(e.at)},
                       {"actor", e.actor},
                       {"action", e.action},
                       {"entity_type", e.entity_type},
                       {"entity_id", e.entity_id},
                       {"details", details},
                       {"digest", e.digest},
                       {"prev_hash", e.prev_hash},
                       {"hash", e.hash}});
    }
    nlohmann::json next = result->next ? nlohmann::json(EncodeCursor(*result->next)) : nlohmann::json(nullptr);
    return Json(200, {{"items", items}, {"next_cursor", next}});
  });

  routes.Add("GET", "/v1/audit/verify", Access::kAccount, [audit](Context& ctx) {
    auto report = audit->Verify(*ctx.actor);
    if (!report.ok()) return ProblemFor(report.status());
    nlohmann::json out = {{"ok", report->ok}, {"entries", report->entries}, {"head_hash", report->head_hash}};
    if (!report->ok) out["first_bad_seq"] = report->first_bad_seq;
    return Json(200, out);
  });
}

}  // namespace api
