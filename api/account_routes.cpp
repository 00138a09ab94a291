// Accounts, tokens, passwords and sessions: /v1/accounts..., /v1/me..., /v1/sessions...,
// /v1/vendors/{id}/reset-access (docs/api.md, "Accounts and sign-in").
#include "api/account_routes.h"

#include "api/handler_util.h"

namespace api {

using nlohmann::json;

json AccountJson(const registry::Account& a) {
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", a.id},
          {"name", a.name},
          {"role", registry::RoleName(a.role)},
          {"vendor_id", opt(a.vendor_id)},
          {"department", opt(a.department)},
          {"login", opt(a.login)},
          {"status", registry::AccountStatusName(a.status)},
          {"must_change_password", a.must_change_password},
          {"created_at", common::FormatTimestamp(a.created_at)},
          {"last_seen_at", a.last_seen_at ? json(common::FormatTimestamp(*a.last_seen_at)) : json(nullptr)},
          {"version", a.version}};
}

HttpResponse SecretJson(int status, const json& body, const std::vector<std::string>& secret_fields) {
  HttpResponse r = Json(status, body);
  json replay = body;
  for (const std::string& f : secret_fields) {
    if (replay.contains(f)) replay[f] = nullptr;
  }
  r.replay_body = DumpJson(replay);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

namespace {

std::string SessionCookieHeader(const std::string& value, int64_t max_age, bool secure) {
  std::string h = std::string(kSessionCookie) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                  std::to_string(max_age);
  if (secure) h += "; Secure";
  return h;
}

// {"reason"} bodies.
std::optional<HttpResponse> ReadReason(Context& ctx, std::string* reason) {
  return ReadBody(ctx, [&](ObjectReader& in) { *reason = in.String("reason", true, 1000).value_or(""); });
}

}  // namespace

void AddAccountRoutes(RouteTable& routes, const ApiDeps& deps) {
  registry::AccountService* accounts = deps.accounts;
  const bool secure = deps.cookie_secure;

  routes.Add("POST", "/v1/accounts", Access::kAccount, [accounts](Context& ctx) {
    registry::NewAccount input;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      input.name = in.String("name", true).value_or("");
      if (auto role = in.EnumOf("role", true, registry::kRoleNames)) input.role = *role;
      input.vendor_id = in.String("vendor_id", false, 64).value_or("");
      input.department = in.String("department", false).value_or("");
      input.login = in.String("login", false, 64).value_or("");
    }, [&](const common::Unread& unread) { return accounts->CheckNew(*ctx.actor, input, unread); });
    if (bad) return *bad;
    auto created = accounts->Create(*ctx.actor, input);
    if (!created.ok()) return ProblemFor(created.status());
    json out = AccountJson(created->account);
    out["token"] = created->token;
    if (!created->password.empty()) out["password"] = created->password;
    HttpResponse r = SecretJson(201, out, {"token", "password"});
    r.headers.emplace_back("Location", "/v1/accounts/" + created->account.id);
    return r;
  });

  routes.Add("GET", "/v1/accounts?role,vendor_id,status,limit,cursor", Access::kAccount, [accounts](Context& ctx) {
    QueryReader q(ctx.req);
    registry::AccountFilter f;
    f.role = q.EnumOf("role", registry::kRoleNames);
    f.status = q.EnumOf("status", registry::kAccountStatusNames);
    f.vendor_id = q.String("vendor_id", 64).value_or("");
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = accounts->List(*ctx.actor, f, page);
    return AnswerPage(r, [](const auto& a) { return AccountJson(a); });
  });

  routes.Add("GET", "/v1/accounts/{id}", Access::kAccount, [accounts](Context& ctx) {
    return AnswerVersioned(accounts->Get(*ctx.actor, ctx.Param("id")), AccountJson);
  });

  routes.Add("POST", "/v1/accounts/{id}/disable", Access::kAccount, [accounts](Context& ctx) {
    std::string reason;
    if (auto bad = ReadReason(ctx, &reason)) return *bad;
    return AnswerVersioned(accounts->Disable(*ctx.actor, ctx.Param("id"), reason), AccountJson);
  });

  routes.Add("POST", "/v1/accounts/{id}/enable", Access::kAccount, [accounts](Context& ctx) {
    std::string reason;
    if (auto bad = ReadReason(ctx, &reason)) return *bad;
    return AnswerVersioned(accounts->Enable(*ctx.actor, ctx.Param("id"), reason), AccountJson);
  });

  auto rotate = [accounts](Context& ctx, const std::string& id) {
    if (auto bad = ReadBody(ctx, [](ObjectReader&) {}); bad && !ctx.req.body.empty()) return *bad;
    auto token = accounts->RotateToken(*ctx.actor, id);
    if (!token.ok()) return ProblemFor(token.status());
    return SecretJson(201, {{"account_id", id}, {"token", *token}}, {"token"});
  };
  routes.Add("POST", "/v1/accounts/{id}/token", Access::kAccount,
             [rotate](Context& ctx) { return rotate(ctx, ctx.Param("id")); });
  routes.Add("POST", "/v1/me/token", Access::kAccount,
             [rotate](Context& ctx) { return rotate(ctx, ctx.actor->account_id); });

  routes.Add("POST", "/v1/accounts/{id}/password-reset", Access::kAccount, [accounts](Context& ctx) {
    if (auto bad = ReadBody(ctx, [](ObjectReader&) {}); bad && !ctx.req.body.empty()) return *bad;
    auto password = accounts->ResetPassword(*ctx.actor, ctx.Param("id"));
    if (!password.ok()) return ProblemFor(password.status());
    return SecretJson(201, {{"account_id", ctx.Param("id")}, {"password", *password}}, {"password"});
  });

  routes.Add("GET", "/v1/me", Access::kAccount, [accounts](Context& ctx) {
    return AnswerVersioned(accounts->Get(*ctx.actor, ctx.actor->account_id), AccountJson);
  });

  routes.Add("PUT", "/v1/me/password", Access::kAccount, [accounts](Context& ctx) {
    std::string current, next;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      current = in.String("current_password", true, 1024).value_or("");
      next = in.String("new_password", true, 1024).value_or("");
    });
    if (bad) return *bad;
    common::Status st = accounts->ChangePassword(*ctx.actor, current, next);
    if (!st.ok()) return ProblemFor(st);
    HttpResponse r;
    r.status = 204;
    return r;
  });

  routes.Add("POST", "/v1/sessions", Access::kAnyone, [accounts, secure](Context& ctx) {
    std::string login, password;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      login = in.String("login", true, 64).value_or("");
      password = in.String("password", true, 1024).value_or("");
    });
    if (bad) return *bad;
    auto signed_in = accounts->SignIn(login, password);
    if (!signed_in.ok()) return ProblemFor(signed_in.status());
    json out = {{"account", AccountJson(signed_in->account)},
                {"csrf_token", signed_in->csrf_token},
                {"expires_at", common::FormatTimestamp(signed_in->expires_at)},
                {"must_change_password", signed_in->account.must_change_password}};
    HttpResponse r = SecretJson(201, out, {"csrf_token"});
    r.headers.emplace_back("Set-Cookie", SessionCookieHeader(signed_in->session,
                                                              registry::AccountService::kSessionLifetimeSeconds, secure));
    return r;
  });

  routes.Add("DELETE", "/v1/sessions/current", Access::kAccount, [accounts, secure](Context& ctx) {
    std::optional<std::string> session = SessionCookie(ctx.req);
    if (!ctx.by_session || !session) {
      return Problem(401, "unauthenticated", "this request ends a signed-in session; it carries none");
    }
    common::Status st = accounts->SignOut(*ctx.actor, *session);
    if (!st.ok()) return ProblemFor(st);
    HttpResponse r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", SessionCookieHeader("", 0, secure));
    return r;
  });

  routes.Add("POST", "/v1/vendors/{id}/reset-access", Access::kAccount, [accounts](Context& ctx) {
    std::string reason;
    if (auto bad = ReadReason(ctx, &reason)) return *bad;
    auto made = accounts->ResetVendorAccess(*ctx.actor, ctx.Param("id"), reason);
    if (!made.ok()) return ProblemFor(made.status());
    return SecretJson(201, {{"account_id", made->account.id}, {"token", made->token}}, {"token"});
  });
}

}  // namespace api
