// POST /v1/evaluations/simulate through the real registryd (no storage is involved, so SQLite).
#include <gtest/gtest.h>
#include <signal.h>

#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;

const char* kAdmin = "simulate-admin-token-0123456789abcd";

class SimulateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tdb_.ok());
    std::string error;
    server_ = testing_support::RegistrydProcess::Start({tdb_.url(), tdb_.dir(), {}, {{"REGISTRY_ADMIN_TOKEN", kAdmin}}}, &error);
    ASSERT_NE(server_, nullptr) << error;
  }
  void TearDown() override { EXPECT_EQ(server_->Stop(SIGTERM), 0); }
  HttpResult Simulate(const json& body, const std::string& token = kAdmin) {
    return Http(server_->port(), "POST", "/v1/evaluations/simulate", body.dump(), {{"Authorization", "Bearer " + token}});
  }
  std::string Account(const std::string& role) {
    return Http(server_->port(), "POST", "/v1/accounts", json({{"name", role}, {"role", role}}).dump(),
                {{"Authorization", std::string("Bearer ") + kAdmin}})
        .json()["token"];
  }
  testing_support::TestDatabase tdb_{"sqlite"};
  std::unique_ptr<testing_support::RegistrydProcess> server_;
};

json WorkedExample() {
  return {{"method", "comprehensive"},
          {"price_weight", 30},
          {"budget", "1000000.00"},
          {"bids", {{{"id", "A"}, {"price", "800000.00"}, {"technical_score", 60}},
                    {{"id", "B"}, {"price", "900000.00"}, {"domestic", true}, {"technical_score", 63.33}},
                    {{"id", "C"}, {"price", "1000000.00"}, {"domestic", true}, {"technical_score", 55}}}}};
}

TEST_F(SimulateTest, WorkedExampleOverHttp) {
  std::string officer = Account("officer");
  HttpResult r = Simulate(WorkedExample(), officer);
  ASSERT_EQ(r.status, 200) << r.body;
  json rep = r.json();
  EXPECT_EQ(rep["status"], "recommended");
  EXPECT_EQ(rep["winner"], "B");
  EXPECT_EQ(rep["base_price"], "800000.00");
  EXPECT_EQ(rep["ranking"][0]["price_score"].dump(), "26.67");
  EXPECT_EQ(rep["ranking"][0]["total"].dump(), "90.0");
  EXPECT_EQ(rep["ranking"][0]["tie_break"], "domestic_preference");
  EXPECT_EQ(rep["ranking"][1]["bid_id"], "A");
  EXPECT_TRUE(rep["ranking"][1]["tie_break"].is_null());
  EXPECT_TRUE(rep["failure_reason"].is_null());
  json off = WorkedExample();
  off["policies"] = {{"domestic_tie_preference", false}};
  json rep2 = Simulate(off).json();
  EXPECT_EQ(rep2["winner"], "A");
  EXPECT_EQ(rep2["ranking"][0]["tie_break"], "lower_price");
}

TEST_F(SimulateTest, PricePerformanceReportsTheRatio) {
  json body = {{"method", "price_performance"}, {"budget", "1000000.00"}, {"min_valid_bids", 2},
               {"bids", {{{"id", "A"}, {"price", "900000.00"}, {"technical_score", 80}},
                         {{"id", "B"}, {"price", "600000.00"}, {"expert_scores", {60, 60.5, 59.5}}}}}};
  json rep = Simulate(body).json();
  EXPECT_EQ(rep["winner"], "B");
  EXPECT_EQ(rep["ranking"][0]["ratio"].dump(), "1.0");     // 60 points per 60 x 10,000 yuan
  EXPECT_EQ(rep["ranking"][1]["ratio"].dump(), "0.8889");  // 80 / 90
  EXPECT_TRUE(rep["ranking"][0]["price_score"].is_null());
}

TEST_F(SimulateTest, RefusesVendorsAndBadInputWithoutA500) {
  std::string vendor_token = Http(server_->port(), "POST", "/v1/vendors",
                                  json({{"name", "v"}, {"credit_code", "91110000802100433B"}, {"enterprise_size", "small"}}).dump())
                                 .json()["token"];
  EXPECT_EQ(Simulate(WorkedExample(), vendor_token).status, 403);
  auto field_of = [&](json body) {
    HttpResult r = Simulate(body);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["errors"][0]["field"].get<std::string>();
  };
  json b = WorkedExample();
  b["bids"][1]["technical_score"] = 70.01;  // above 100 - 30
  EXPECT_EQ(field_of(b), "bids[1].technical_score");
  b = WorkedExample();
  b["bids"][0]["price"] = 800000;  // money as a number
  EXPECT_EQ(field_of(b), "bids[0].price");
  b = WorkedExample();
  b["bids"][0]["technical_score"] = 60.001;
  EXPECT_EQ(field_of(b), "bids[0].technical_score");
  b = WorkedExample();
  b["policies"] = {{"domestic_price_deduction_pct", 60}, {"sme_price_deduction_pct", 40}};
  EXPECT_EQ(field_of(b), "policies");
  b = WorkedExample();
  b["category_kind"] = "goods";
  b["price_weight"] = 29.99;
  EXPECT_EQ(field_of(b), "price_weight");
  b = WorkedExample();
  b["method"] = "cheapest";
  EXPECT_EQ(field_of(b), "method");
  b = WorkedExample();
  b["bids"][2]["id"] = "A";
  EXPECT_EQ(field_of(b), "bids[2].id");
  b = WorkedExample();
  b["bids"][0]["expert_scores"] = json::array({"60"});
  b["bids"][0].erase("technical_score");
  EXPECT_EQ(field_of(b), "bids[0].expert_scores[0]");
  b = WorkedExample();
  b["bids"] = json::array();
  EXPECT_EQ(Simulate(b).json()["failure_reason"], "too_few_valid_bids");
}

}  // namespace
