// The HTTP edge over a database that is down: a fake Database, because the layer under test is
// the one above it (the real outage, with a real MariaDB, is in the reliability suite).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "storage/sql_store.h"

namespace api {
namespace {

class DownDatabase final : public storage::Database {
 public:
  storage::Dialect dialect() const override { return storage::Dialect::kSqlite; }
  common::Status Transact(Mode, const std::function<common::Status(storage::Tx&)>&) override {
    ++calls;
    return common::Status::Unavailable("the database cannot be reached");
  }
  common::Status Ping() override { return common::Status::Unavailable("down"); }
  int calls = 0;
};

class ApiDownTest : public ::testing::Test {
 protected:
  ApiDownTest()
      : store_(db_, "dispatch-test-audit-key-0123456789abcdef"), accounts_(store_, clock_), audit_(store_), keys_(db_),
        api_(Deps()) {}
  ApiDeps Deps() {
    ApiDeps d;
    d.db = &db_;
    d.accounts = &accounts_;
    d.audit = &audit_;
    d.idempotency = &keys_;
    d.clock = &clock_;
    d.rate_limit_per_minute = 0;
    return d;
  }
  HttpResponse Call(const std::string& method, const std::string& path, const std::string& token = "",
                    const std::string& body = "") {
    HttpRequest req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.remote = "127.0.0.1";
    req.body = body;
    if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
    if (!body.empty()) req.headers.emplace_back("content-type", "application/json");
    return api_.Handle(req);
  }
  std::string Type(const HttpResponse& r) { return nlohmann::json::parse(r.body).value("type", ""); }

  common::ManualClock clock_{common::Timestamp{0}};
  DownDatabase db_;
  storage::SqlStore store_;
  registry::AccountService accounts_;
  registry::AuditService audit_;
  storage::IdempotencyStore keys_;
  Api api_;
};

TEST_F(ApiDownTest, ReadinessFailsAndLivenessHolds) {
  EXPECT_EQ(Call("GET", "/healthz").status, 200);
  HttpResponse ready = Call("GET", "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.content_type, "application/problem+json");
  EXPECT_EQ(Type(ready), "unavailable");
}

TEST_F(ApiDownTest, RequestsNeedingTheDatabaseGet503) {
  HttpResponse me = Call("GET", "/v1/me", "rgt_some_token");
  EXPECT_EQ(me.status, 503);
  EXPECT_EQ(Type(me), "unavailable");
  EXPECT_EQ(me.route, "/v1/me");
  HttpResponse keyed = [&] {
    HttpRequest req;
    req.method = "POST";
    req.path = req.target = "/v1/accounts";
    req.remote = "127.0.0.1";
    req.body = "{}";
    req.headers = {{"content-type", "application/json"}, {"idempotency-key", "k1"}};
    return api_.Handle(req);
  }();
  EXPECT_EQ(keyed.status, 401);  // no token: refused before the database is needed
  EXPECT_NE(api_.metrics().Render().find("route=\"/v1/me\",status=\"503\"} 1"), std::string::npos);
}

TEST_F(ApiDownTest, RoutingErrorsNeedNoDatabase) {
  int before = db_.calls;
  EXPECT_EQ(Call("GET", "/nowhere").status, 404);
  EXPECT_EQ(Call("PUT", "/v1/me").status, 405);
  EXPECT_EQ(Call("GET", "/v1/me").status, 401);
  EXPECT_EQ(db_.calls, before);
}

}  // namespace
}  // namespace api

namespace {
// registryd refuses to start while Missing() names anything; these names are what it would log.
TEST(ApiDepsTest, MissingNamesEveryDependencyStillNull) {
  api::ApiDeps none;
  EXPECT_EQ(none.Missing(), (std::vector<std::string>{"db", "accounts", "audit", "registry", "reference", "catalog",
                                                      "evaluation", "tenders", "projects", "exchange", "imports", "import_jobs", "idempotency",
                                                      "clock"}));
  common::ManualClock clock{common::Timestamp{0}};
  none.clock = &clock;
  EXPECT_EQ(none.Missing().size(), 13u);
  EXPECT_EQ(none.Missing().back(), "idempotency");
}
}  // namespace
