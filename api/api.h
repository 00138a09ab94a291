// Api: the HTTP edge. Turns an HttpRequest into an HttpResponse by routing it, authenticating
// the bearer token, applying Idempotency-Key, calling one handler, and recording metrics and
// one log line. Handlers parse and validate input into domain types, call one service, and map
// the Result to a response; they decide no domain rule (roles, money, dates, sealing).
//
// Built once at start-up; Handle() is thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/http.h"
#include "api/metrics.h"
#include "api/rate_limiter.h"
#include "api/router.h"
#include "codec/ocds.h"
#include "common/clock.h"
#include "procurement/evaluation_service.h"
#include "procurement/project_service.h"
#include "procurement/tender_service.h"
#include "registry/account_service.h"
#include "registry/audit_service.h"
#include "registry/catalog_service.h"
#include "registry/exchange_service.h"
#include "registry/import_service.h"
#include "registry/reference_service.h"
#include "registry/registry_service.h"
#include "storage/database.h"
#include "storage/idempotency_store.h"

namespace api {

// What the handlers call. Pointers, not references, because a route table is also built with
// none of them, to be read (Api::Routes: the OpenAPI test, the router fuzz target), and unit
// tests wire only what their routes touch; a serving process must set every one, and
// registryd refuses to start while Missing() names any (docs/architecture.md).
struct ApiDeps {
  storage::Database* db = nullptr;
  registry::AccountService* accounts = nullptr;
  registry::AuditService* audit = nullptr;
  registry::RegistryService* registry = nullptr;
  registry::ReferenceService* reference = nullptr;
  registry::CatalogService* catalog = nullptr;
  const procurement::EvaluationService* evaluation = nullptr;
  procurement::TenderService* tenders = nullptr;
  procurement::ProjectService* projects = nullptr;
  registry::ExchangeService* exchange = nullptr;
  registry::ImportService* imports = nullptr;
  registry::ImportJobs* import_jobs = nullptr;
  // A real import of more data rows than this runs in the background (202).
  size_t import_background_rows = 20000;
  storage::IdempotencyStore* idempotency = nullptr;
  const common::Clock* clock = nullptr;
  // Anonymous requests and failed authentications per minute per client address; 0: off.
  int rate_limit_per_minute = 60;
  // Requests per minute per client address to the public routes (/public/v1/, Access::kPublic),
  // counted apart from the allowance above; 0: off.
  int public_rate_limit_per_minute = 600;
  // GET /v1/changes?wait=N holds a read worker while it waits: at most this many wait at once
  // (registryd: half of --workers); past it, a request is answered at once without waiting.
  int max_change_waiters = 2;
  // OCDS: the ocid prefix, the publisher's name, the public URL (app/settings.h).
  codec::OcdsPublisher ocds;
  // REGISTRY_METRICS_TOKEN: the bearer token of the metrics scraper; empty: only bureau and
  // auditor tokens read /metrics.
  std::string metrics_token;
  // REGISTRY_COOKIE_SECURE=1: the session cookie is marked Secure (behind HTTPS).
  bool cookie_secure = false;

  // The names of the dependencies still null; empty when the process can serve every route.
  std::vector<std::string> Missing() const;
};

// The session cookie's name, and its value in `req` (nullopt when the request carries none).
inline constexpr const char* kSessionCookie = "registry_session";
std::optional<std::string> SessionCookie(const HttpRequest& req);

// What a handler gets: the request, its path parameters and the authenticated caller.
struct Context {
  HttpRequest& req;
  const PathParams& params;
  const std::optional<registry::Actor>& actor;
  // True when the actor was authenticated by a session cookie rather than a bearer token.
  bool by_session = false;
  // The path parameter `name` (always present for a matched route).
  const std::string& Param(const std::string& name) const;
};

enum class Access {
  kProbe,    // operations endpoints (health, metrics): no token, never rate-limited
  kAnyone,   // no token needed; a token, if sent, must be valid; anonymous calls are rate-limited
  kAccount,  // a valid token is required (401 otherwise); the service decides the rest
  kPublic,   // public information (/public/v1/): credentials are never read, so the answer is the
             // same for everyone and may be cached by anyone; every call counts against the
             // public allowance (public_rate_limit_per_minute)
};

using Handler = std::function<HttpResponse(Context&)>;

// Handlers register through this; each area of the API has its own Add*Routes function.
//
// `pattern` is a path pattern, optionally followed by '?' and the comma-separated names of the
// query parameters the route reads ("/v1/vendors?status,q,limit,cursor"). The dispatcher refuses
// any other query parameter with 422 before the handler runs, so a route that declares none
// refuses every query string and nothing is ever silently ignored.
class RouteTable {
 public:
  virtual ~RouteTable() = default;
  virtual void Add(const std::string& method, const std::string& pattern, Access access,
                   Handler handler) = 0;
};

void AddOperationsRoutes(RouteTable& routes, const ApiDeps& deps, const Metrics& metrics);
void AddAccountRoutes(RouteTable& routes, const ApiDeps& deps);
void AddAuditRoutes(RouteTable& routes, const ApiDeps& deps);
void AddVendorRoutes(RouteTable& routes, const ApiDeps& deps);
void AddCatalogRoutes(RouteTable& routes, const ApiDeps& deps);
void AddEvaluationRoutes(RouteTable& routes, const ApiDeps& deps);
void AddTenderRoutes(RouteTable& routes, const ApiDeps& deps);
void AddAfterAwardRoutes(RouteTable& routes, const ApiDeps& deps);
void AddExchangeRoutes(RouteTable& routes, const ApiDeps& deps);
void AddProjectRoutes(RouteTable& routes, const ApiDeps& deps);

// The OpenAPI document served at /openapi.json (schema/openapi.json, embedded at build time).
const std::string& OpenApiDocument();

class Api final : private RouteTable {
 public:
  explicit Api(ApiDeps deps);
  HttpResponse Handle(HttpRequest& req);
  // (method, pattern) of every route, in registration order.
  std::vector<std::pair<std::string, std::string>> Routes() const;
  const Metrics& metrics() const { return metrics_; }

 private:
  struct Entry {
    Access access;
    Handler handler;
    int metric;
    std::vector<std::string> query;  // the query parameters the route reads
  };
  void Add(const std::string& method, const std::string& pattern, Access access, Handler handler) override;
  // *account: the authenticated account's id, for the request log (left empty when anonymous).
  HttpResponse Dispatch(HttpRequest& req, std::string* route_label, int* metric, std::string* account);
  // Authenticates the request's bearer token or session cookie. Returns the response to send
  // instead of running the handler (401, 403, 429), or nullopt with *actor set (or left empty
  // for an anonymous request) and *by_session.
  std::optional<HttpResponse> Authenticate(HttpRequest& req, const Router<Entry>::Route& route,
                                           std::optional<registry::Actor>* actor, bool* by_session);
  // nullopt when the client at `remote` may go on; else the 429 to send.
  std::optional<HttpResponse> Limit(const std::string& remote);

  ApiDeps deps_;
  Router<Entry> router_;
  Metrics metrics_;
  RateLimiter limiter_;
  RateLimiter public_limiter_;
  int unmatched_metric_;
};

}  // namespace api
