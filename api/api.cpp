#include "api/api.h"
#include "api/idempotency.h"

#include "api/console.h"
#include "api/problem_zh.h"

#include <algorithm>
#include <chrono>

#include <Poco/Logger.h>

#include "api/input.h"
#include "api/response.h"
#include "common/crypto.h"
#include "common/text.h"
#include "storage/sql_store.h"

namespace api {

using common::Status;

namespace {

Poco::Logger& Log() { return Poco::Logger::get("http"); }

// Bearer token from the Authorization header: nullopt when the header is absent; "" when it is
// present but not a Bearer credential.
std::optional<std::string> BearerToken(const HttpRequest& req) {
  const std::string* h = req.Header("authorization");
  if (!h) return std::nullopt;
  if (h->size() < 7) return std::string();
  std::string scheme = h->substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return std::string();
  std::string token = h->substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

HttpResponse Unauthenticated(const std::string& detail) {
  HttpResponse r = Problem(401, "unauthenticated", detail);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"registry\"");
  return r;
}

// A signed-in person whose password is a one-time password may only see who they are, change
// it, and sign out.
bool AllowedBeforePasswordChange(const std::string& method, const std::string& pattern) {
  return (method == "GET" && pattern == "/v1/me") || (method == "PUT" && pattern == "/v1/me/password") ||
         (method == "DELETE" && pattern == "/v1/sessions/current");
}

std::optional<HttpResponse> RefuseUndeclaredQuery(const HttpRequest& req, const std::vector<std::string>& declared) {
  QueryReader q(req);
  common::Status st = q.RefuseAllBut(declared);
  if (st.ok()) return std::nullopt;
  return ProblemFor(st);
}

}  // namespace

std::optional<std::string> SessionCookie(const HttpRequest& req) {
  for (const auto& [name, value] : req.headers) {
    if (name != "cookie") continue;
    for (std::string_view pair : common::Split(value, ';')) {
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return std::nullopt;
}

const std::string& Context::Param(const std::string& name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return kEmpty;
}

std::vector<std::string> ApiDeps::Missing() const {
  std::vector<std::string> missing;
  auto need = [&](const void* p, const char* name) {
    if (!p) missing.push_back(name);
  };
  need(db, "db");
  need(accounts, "accounts");
  need(audit, "audit");
  need(registry, "registry");
  need(reference, "reference");
  need(catalog, "catalog");
  need(evaluation, "evaluation");
  need(tenders, "tenders");
  need(projects, "projects");
  need(exchange, "exchange");
  need(imports, "imports");
  need(import_jobs, "import_jobs");
  need(idempotency, "idempotency");
  need(clock, "clock");
  return missing;
}

Api::Api(ApiDeps deps) : deps_(deps), limiter_(deps.rate_limit_per_minute), public_limiter_(deps.public_rate_limit_per_minute) {
  unmatched_metric_ = metrics_.AddRoute("ANY", "unmatched");
  AddOperationsRoutes(*this, deps_, metrics_);
  AddAccountRoutes(*this, deps_);
  AddAuditRoutes(*this, deps_);
  AddVendorRoutes(*this, deps_);
  AddCatalogRoutes(*this, deps_);
  AddEvaluationRoutes(*this, deps_);
  AddTenderRoutes(*this, deps_);
  AddAfterAwardRoutes(*this, deps_);
  AddExchangeRoutes(*this, deps_);
  AddProjectRoutes(*this, deps_);
}

void Api::Add(const std::string& method, const std::string& pattern_and_query, Access access, Handler handler) {
  size_t q = pattern_and_query.find('?');
  std::string pattern = pattern_and_query.substr(0, q);
  std::vector<std::string> query;
  if (q != std::string::npos) {
    for (std::string_view name : common::Split(std::string_view(pattern_and_query).substr(q + 1), ',')) {
      if (!name.empty()) query.emplace_back(name);
    }
  }
  // Sealed bids: how often these routes are called would tell who is bidding how much.
  bool hidden = pattern.find("/bids") != std::string::npos;
  int metric = metrics_.AddRoute(method, pattern, hidden);
  router_.Add(method, pattern, Entry{access, std::move(handler), metric, std::move(query)});
}

std::vector<std::pair<std::string, std::string>> Api::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : router_.routes()) out.emplace_back(r.method, r.pattern);
  return out;
}

HttpResponse Api::Handle(HttpRequest& req) {
  auto start = std::chrono::steady_clock::now();
  // One generation round trip per request on MySQL, shared by the token check and the cached
  // read after it (storage/sql_store.h).
  storage::RequestScope scope;
  std::string route = "unmatched";
  int metric = unmatched_metric_;
  std::string account;
  HttpResponse resp;
  try {
    resp = Dispatch(req, &route, &metric, &account);
  } catch (const std::exception& e) {
    Log().error("handler for %s %s threw: %s", req.method, route, std::string(e.what()));
    resp = Problem(500, "internal", "the server failed; the error is logged");
  }
  LocalizeProblem(req, &resp);
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(metric, resp.status, micros);
  resp.route = route;
  if (Log().information()) {
    // Never the Authorization header, the body or the query (which may carry search words); the
    // account by its id (never a token), "-" when anonymous.
    // Built with appends: Poco::format makes a stream per argument, which cost more than a
    // cached read itself (callgrind; docs/performance.md).
    std::string line;
    line.reserve(128 + route.size() + std::min<size_t>(req.path.size(), 256));
    line += "request method=";
    line += req.method;
    line += " route=";
    common::AppendJsonQuote(&line, route);
    line += " path=";
    common::AppendJsonQuote(&line, std::string_view(req.path).substr(0, 256));
    line += " status=";
    line += std::to_string(resp.status);
    line += " duration_ms=";
    line += std::to_string(micros / 1000);
    char frac[4] = {static_cast<char>('0' + micros % 1000 / 100), static_cast<char>('0' + micros % 100 / 10),
                    static_cast<char>('0' + micros % 10), '\0'};
    line += '.';
    line += frac;
    line += " remote=";
    line += req.remote;
    line += " account=";
    line += account.empty() ? "-" : account;
    Log().information(line);
  }
  return resp;
}

HttpResponse Api::Dispatch(HttpRequest& req, std::string* route_label, int* metric, std::string* account) {
  if (IsConsolePath(req.path)) {
    *route_label = "/console/*";
    return ServeConsole(req);
  }
  const Router<Entry>::Route* route = nullptr;
  PathParams params;
  std::string allowed;
  switch (router_.Match(req.method, req.path, &route, &params, &allowed)) {
    case Router<Entry>::Outcome::kBadPath:
    case Router<Entry>::Outcome::kNoPath:
      return Problem(404, "not_found", "no such resource");
    case Router<Entry>::Outcome::kNoMethod: {
      HttpResponse r = Problem(405, "method_not_allowed", req.method.substr(0, 16) + " is not allowed here");
      r.headers.emplace_back("Allow", allowed);
      return r;
    }
    case Router<Entry>::Outcome::kFound:
      break;
  }
  *route_label = route->pattern;
  *metric = route->handler.metric;

  std::optional<registry::Actor> actor;
  bool by_session = false;
  if (route->handler.access == Access::kPublic) {
    int retry_after = 0;
    if (!public_limiter_.Allow(req.remote, deps_.clock->Now().micros, &retry_after)) {
      HttpResponse r = Problem(429, "rate_limited", "too many requests for public information from this address");
      r.headers.emplace_back("Retry-After", std::to_string(retry_after));
      return r;
    }
  } else if (route->handler.access != Access::kProbe) {
    if (auto refused = Authenticate(req, *route, &actor, &by_session)) return *refused;
    if (actor) *account = actor->account_id;
  }
  if (!req.query.empty()) {
    if (auto refused = RefuseUndeclaredQuery(req, route->handler.query)) return *refused;
  }

  Context ctx{req, params, actor, by_session};
  auto run = [&]() { return route->handler.handler(ctx); };
  if (req.method == "POST" && req.Header("idempotency-key")) return WithIdempotencyKey(*deps_.idempotency, *deps_.clock, req, actor, run);
  return run();
}

std::optional<HttpResponse> Api::Authenticate(HttpRequest& req, const Router<Entry>::Route& route,
                                              std::optional<registry::Actor>* actor, bool* by_session) {
  // Failed authentications count against the client's allowance; successful ones never do.
  auto refuse = [&](const common::Status& st, const std::string& detail) -> HttpResponse {
    if (st.code() != common::Code::kUnauthenticated) return ProblemFor(st);
    if (auto limited = Limit(req.remote)) return *limited;
    return Unauthenticated(detail);
  };
  std::optional<std::string> token = BearerToken(req);
  if (token) {
    if (token->empty()) {
      return refuse(Status::Unauthenticated(""), "the Authorization header must be \"Bearer <token>\"");
    }
    auto authenticated = deps_.accounts->Authenticate(*token);
    if (!authenticated.ok()) return refuse(authenticated.status(), "the token is not valid");
    *actor = *authenticated;
    return std::nullopt;
  }
  std::optional<std::string> session = SessionCookie(req);
  std::optional<common::Result<registry::SessionAuth>> checked;
  if (session) {
    checked = deps_.accounts->AuthenticateSession(*session);
    // The browser keeps sending the cookie of a session that has ended: on a route open to
    // anyone (signing in again, registering) that cookie is a leftover, not a claim, and the
    // caller is anonymous. Everywhere else it is 401, so the console asks for a sign-in.
    if (!checked->ok() && checked->status().code() == common::Code::kUnauthenticated &&
        route.handler.access == Access::kAnyone) {
      session.reset();
    }
  }
  if (session) {
    auto& authenticated = *checked;
    if (!authenticated.ok()) return refuse(authenticated.status(), "the session has ended; sign in again");
    // A cookie rides along with any request the browser makes, a forged one from another
    // site's page included; the CSRF token is what such a page cannot know.
    if (req.method != "GET" && req.method != "HEAD") {
      const std::string* sent = req.Header("x-csrf-token");
      if (!sent || !common::ConstantTimeEquals(*sent, authenticated->csrf_token)) {
        return Problem(403, "forbidden", "a signed-in request that changes state needs its X-CSRF-Token header");
      }
    }
    if (authenticated->must_change_password && !AllowedBeforePasswordChange(req.method, route.pattern)) {
      return Problem(403, "forbidden", "the one-time password must be changed first (PUT /v1/me/password)");
    }
    *actor = authenticated->actor;
    *by_session = true;
    return std::nullopt;
  }
  if (auto limited = Limit(req.remote)) return *limited;
  if (route.handler.access == Access::kAccount) return Unauthenticated("this request needs an account token");
  return std::nullopt;
}

std::optional<HttpResponse> Api::Limit(const std::string& remote) {
  int retry_after = 0;
  if (limiter_.Allow(remote, deps_.clock->Now().micros, &retry_after)) return std::nullopt;
  HttpResponse r = Problem(429, "rate_limited",
                           "too many anonymous or unauthenticated requests from this address");
  r.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return r;
}

}  // namespace api
