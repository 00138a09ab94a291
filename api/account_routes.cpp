// POST /v1/accounts, GET /v1/me.
#include "api/api.h"
#include "api/input.h"
#include "api/response.h"

namespace api {
namespace {

nlohmann::json AccountJson(const registry::Account& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"role", registry::RoleName(a.role)},
          {"vendor_id", a.vendor_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.vendor_id)},
          {"created_at", common::FormatTimestamp(a.created_at)},
          {"version", a.version}};
}

}  // namespace

void AddAccountRoutes(RouteTable& routes, const ApiDeps& deps) {
  registry::AccountService* accounts = deps.accounts;

  routes.Add("POST", "/v1/accounts", Access::kAccount, [accounts](Context& ctx) {
    InputError perr;
    auto body = ParseJsonObject(ctx.req, &perr);
    if (!body) return Problem(perr.status, perr.type, perr.detail);
    ObjectReader in(*body);
    registry::NewAccount input;
    input.name = in.String("name", true).value_or("");
    auto role = in.Enum("role", true, {"bureau", "officer", "expert", "vendor", "auditor"});
    if (role) input.role = *registry::ParseRole(*role);
    input.vendor_id = in.String("vendor_id", false, 64).value_or("");
    common::Status st = in.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto created = accounts->Create(*ctx.actor, input);
    if (!created.ok()) return ProblemFor(created.status());
    nlohmann::json out = AccountJson(created->account);
    out["token"] = created->token;
    HttpResponse r = Json(201, out);
    r.headers.emplace_back("Location", "/v1/accounts/" + created->account.id);
    r.headers.emplace_back("Cache-Control", "no-store");  // the body carries a secret
    return r;
  });

  routes.Add("GET", "/v1/me", Access::kAccount, [accounts](Context& ctx) {
    auto account = accounts->Get(*ctx.actor, ctx.actor->account_id);
    if (!account.ok()) return ProblemFor(account.status());
    HttpResponse r = Json(200, AccountJson(*account));
    r.headers.emplace_back("ETag", Etag(account->version));
    return r;
  });
}

}  // namespace api
