#include "api/response.h"

#include <gtest/gtest.h>

#include "api/metrics.h"
#include "api/registry_json.h"

namespace api {
namespace {

using common::Code;
using common::Status;

TEST(ResponseTest, StatusMapping) {
  EXPECT_EQ(HttpStatusFor(Code::kValidation), 422);
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(Code::kForbidden), 403);
  EXPECT_EQ(HttpStatusFor(Code::kSealed), 403);
  EXPECT_EQ(HttpStatusFor(Code::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(Code::kBiddingClosed), 409);
  EXPECT_EQ(HttpStatusFor(Code::kInvalidState), 409);
  EXPECT_EQ(HttpStatusFor(Code::kVersionMismatch), 412);
  EXPECT_EQ(HttpStatusFor(Code::kRateLimited), 429);
  EXPECT_EQ(HttpStatusFor(Code::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(Code::kInternal), 500);
}

TEST(ResponseTest, ProblemDocumentShape) {
  HttpResponse r = ProblemFor(Status::FieldInvalid("credit_code", "checksum", "bad check character"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["type"], "validation");
  EXPECT_EQ(doc["status"], 422);
  EXPECT_TRUE(doc["title"].is_string());
  EXPECT_TRUE(doc["detail"].is_string());
  ASSERT_EQ(doc["errors"].size(), 1u);
  EXPECT_EQ(doc["errors"][0]["field"], "credit_code");
  EXPECT_EQ(doc["errors"][0]["code"], "checksum");
}

TEST(ResponseTest, InternalErrorsHideTheirCause) {
  HttpResponse r = ProblemFor(Status::Internal("SELECT * FROM accounts failed at /var/lib/x"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("SELECT"), std::string::npos);
  EXPECT_EQ(r.body.find("/var/lib"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(r.body)["type"], "internal");
}

TEST(ResponseTest, UnavailableSaysRetryAfter) {
  HttpResponse r = ProblemFor(Status::Unavailable("db down"));
  EXPECT_EQ(r.status, 503);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Retry-After");
}

TEST(MetricsTest, CountsAndCumulativeBuckets) {
  Metrics m;
  int me = m.AddRoute("GET", "/v1/me");
  m.Observe(me, 200, 300);      // 0.0003 s
  m.Observe(me, 200, 3000);     // 0.003 s
  m.Observe(me, 200, 9000000);  // 9 s: only +Inf
  m.Observe(me, 401, 100);
  std::string text = m.Render();
  EXPECT_NE(text.find("registry_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"200\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("registry_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"401\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("status=\"200\",le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("status=\"200\",le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("status=\"200\",le=\"5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("status=\"200\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("registry_http_request_duration_seconds_sum{method=\"GET\",route=\"/v1/me\",status=\"200\"} 9.003300\n"), std::string::npos);
}

}  // namespace
}  // namespace api


namespace api {
namespace {
// The catalog writes items as text; it must be exactly what the json tree would print.
TEST(ItemJsonTest, TextWriterMatchesTheJsonTreeByteForByte) {
  registry::CatalogItem it;
  it.id = "itm_1";
  it.vendor_id = "ven_1";
  it.category = "OPERATIONS";
  it.name = "运维 \"quoted\" back\\slash";
  it.description = "line one\nline two\ttab\r 国产 / slash";
  it.domestic = true;
  it.domestic_verified = false;
  it.unit_price = common::Money{12345678};
  it.unit = "项";
  it.status = registry::ItemStatus::kListed;
  it.created_at = *common::ParseTimestamp("2026-11-28T05:55:16.194762Z");
  it.version = 7;
  for (const std::string comment : {"", "checked \u00e9"}) {
    it.comment = comment;
    std::string text;
    AppendItemJson(&text, it);
    EXPECT_EQ(text, ItemJson(it).dump());
  }
  it.domestic = false;
  it.domestic_verified = true;
  std::string text;
  AppendItemJson(&text, it);
  EXPECT_EQ(text, ItemJson(it).dump());
  EXPECT_EQ(nlohmann::json::parse(text)["unit_price"], "123456.78");
}

}  // namespace
}  // namespace api
