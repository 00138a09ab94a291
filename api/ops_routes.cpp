// GET /healthz, /readyz, /metrics, /openapi.json.
#include "api/api.h"
#include "api/response.h"
#include "common/crypto.h"
#include "registry/registry_service.h"
#include "storage/server_state.h"

namespace api {

void AddOperationsRoutes(RouteTable& routes, const ApiDeps& deps, const Metrics& metrics) {
  routes.Add("GET", "/healthz", Access::kProbe,
             [](Context&) { return Json(200, {{"status", "ok"}}); });

  storage::Database* db = deps.db;
  routes.Add("GET", "/readyz", Access::kProbe, [db](Context&) {
    common::Status st = db->Ping();
    if (!st.ok()) return Problem(503, "unavailable", "the database cannot be reached");
    return Json(200, {{"status", "ready"}});
  });

  // Not kAccount: the scraper's token is no account. The route authenticates itself and is never
  // rate-limited (a scraper polls from one address).
  registry::AccountService* accounts = deps.accounts;
  const common::Clock* clock = deps.clock;
  std::string scraper_hash = deps.metrics_token.empty() ? "" : common::Sha256Hex(deps.metrics_token);
  routes.Add("GET", "/metrics", Access::kProbe, [&metrics, db, accounts, clock, scraper_hash](Context& ctx) {
    const std::string* auth = ctx.req.Header("authorization");
    std::string token;
    if (auth && auth->size() > 7 && (auth->compare(0, 7, "Bearer ") == 0 || auth->compare(0, 7, "bearer ") == 0)) {
      token = auth->substr(7);
    }
    bool allowed = !scraper_hash.empty() && !token.empty() &&
                   common::ConstantTimeEquals(common::Sha256Hex(token), scraper_hash);
    if (!allowed && !token.empty()) {
      auto actor = accounts->Authenticate(token);
      allowed = actor.ok() && registry::MayReadOperations(*actor);
      if (actor.ok() && !allowed) return Problem(403, "forbidden", "metrics are for the bureau, auditors and the scraper");
    }
    if (!allowed) {
      HttpResponse r = Problem(401, "unauthenticated", "metrics need REGISTRY_METRICS_TOKEN or a bureau or auditor token");
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"registry\"");
      return r;
    }
    auto gauges = storage::ReadBusinessGauges(*db, registry::Today(*clock));
    if (!gauges.ok()) return ProblemFor(gauges.status());
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    auto gauge = [&](const char* name, const char* help, int64_t v) {
      r.body += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " +
                std::to_string(v) + "\n";
    };
    gauge("registry_pending_applications", "Applications submitted and not yet decided.", gauges->pending_applications);
    gauge("registry_pending_catalog_items", "Catalog items waiting for the bureau's decision.",
          gauges->pending_catalog_items);
    gauge("registry_open_tenders", "Tenders published and taking bids.", gauges->open_tenders);
    gauge("registry_qualifications_expiring_30d", "Active qualifications that expire within 30 days.",
          gauges->qualifications_expiring);
    return r;
  });

  routes.Add("GET", "/openapi.json", Access::kProbe, [](Context&) {
    HttpResponse r;
    r.content_type = "application/json; charset=utf-8";
    r.body = OpenApiDocument();
    return r;
  });
}

}  // namespace api
