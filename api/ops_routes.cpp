// GET /healthz, /readyz, /metrics, /openapi.json.
#include "api/api.h"
#include "api/response.h"

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

  routes.Add("GET", "/metrics", Access::kProbe, [&metrics](Context&) {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
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
