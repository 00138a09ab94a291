// The tender suites' fixture (tender_e2e_test.cpp, procedure_e2e_test.cpp): a real registryd on
// each backend with a file-driven clock, an officer, an auditor, a panel of five experts on
// SYSTEM_INTEGRATION, and helpers that make qualified vendors and tenders over HTTP.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "common/credit_code.h"
#include "support/registryd_process.h"
#include "support/server_test.h"
#include "support/test_db.h"

namespace tender_fixture {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;

inline const char* kAdmin = "tender-e2e-admin-token-0123456789";

inline std::string CreditCode(int n) { return testing_support::ValidCreditCode(n); }
inline std::string IdNumber(int n) { return testing_support::ValidIdNumber(n); }

class TenderFixture : public testing_support::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    clock_file_ = tdb_->dir() + "/clock";
    SetClock("2026-12-01T02:00:00Z");
    ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin, {{"REGISTRY_CLOCK_FILE", clock_file_}}));
    officer_ = Account("采购处 王五", "officer");
    auditor_ = Account("审计 乙", "auditor");
    // The evaluation panel: five expert accounts on SYSTEM_INTEGRATION, so that a committee of
    // five (Order 87 Art. 47) drawn on a tender of it is all of them.
    for (const char* name : {"专家 甲", "专家 丁", "专家 庚", "专家 辛", "专家 壬"}) {
      std::string token = Account(name, "expert");
      std::string account_id = Get("/v1/me", token).json()["id"];
      HttpResult put = Call("PUT", "/v1/experts/" + account_id, kAdmin,
                            {{"specialties", {"SYSTEM_INTEGRATION"}}, {"affiliations", json::array()}});
      EXPECT_EQ(put.status, 200) << put.body;
      panel_.push_back(token);
    }
    expert_ = panel_[0];
  }
  // Draws the tender's committee (the whole panel) and has every member give `scores`.
  void DrawAndScore(const std::string& t, const json& scores) {
    HttpResult drawn = Post(t + "/committee", nullptr, officer_);
    ASSERT_EQ(drawn.status, 201) << drawn.body;
    for (const std::string& member : panel_) {
      HttpResult s = Post(t + "/scores", scores, member);
      ASSERT_EQ(s.status, 200) << s.body;
    }
  }
  // Written aside and renamed, so registryd never reads a half-written clock.
  void SetClock(const std::string& t) {
    { std::ofstream(clock_file_ + ".tmp") << t << "\n"; }
    std::rename((clock_file_ + ".tmp").c_str(), clock_file_.c_str());
  }
  HttpResult Call(const std::string& method, const std::string& target, const std::string& token, const json& body = nullptr) {
    return Http(server_->port(), method, target, body.is_null() ? "" : body.dump(), {{"Authorization", "Bearer " + token}});
  }
  HttpResult Get(const std::string& target, const std::string& token) { return Call("GET", target, token); }
  HttpResult Post(const std::string& target, const json& body, const std::string& token) {
    return Call("POST", target, token, body.is_null() ? json::object() : body);
  }
  std::string Account(const std::string& name, const std::string& role) {
    HttpResult r = Post("/v1/accounts", {{"name", name}, {"role", role}}, kAdmin);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("token", "");
  }
  struct Vendor {
    std::string id, token;
  };
  // A vendor with CS3 and two 系统集成项目管理工程师: access to SYSTEM_INTEGRATION; listed when asked.
  Vendor MakeVendor(int n, bool listed = true) {
    HttpResult r = Http(server_->port(), "POST", "/v1/vendors",
                        json({{"name", "投标人" + std::to_string(n)}, {"credit_code", CreditCode(n)}, {"enterprise_size", n % 2 ? "small" : "large"}}).dump());
    EXPECT_EQ(r.status, 201) << r.body;
    Vendor v{r.json()["vendor"]["id"], r.json()["token"]};
    EXPECT_EQ(Post("/v1/vendors/" + v.id + "/qualifications",
                   {{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "CS3-" + std::to_string(n)}, {"issuer", "x"},
                    {"issued_on", "2025-01-01"}, {"expires_on", "2028-12-31"}},
                   kAdmin).status,
              201);
    for (int k = 0; k < 2; ++k) {
      HttpResult p = Post("/v1/vendors/" + v.id + "/practitioners",
                          {{"name", "工程师"}, {"id_number", IdNumber(n * 10 + k)},
                           {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "SI-" + std::to_string(n * 10 + k)}, {"issued_on", "2020-05-20"}}}}},
                          v.token);
      EXPECT_EQ(p.status, 201) << p.body;
      // Pending until the bureau approves it.
      EXPECT_EQ(Post("/v1/practitioners/" + p.json().value("id", "") + "/decision", {{"decision", "approve"}}, kAdmin).status,
                200);
    }
    if (listed) {
      EXPECT_EQ(Post("/v1/vendors/" + v.id + "/listing", {{"decision", "list"}, {"reason", "ok"}}, kAdmin).status, 200);
    }
    return v;
  }
  // A catalog item of the vendor that the bureau verified as domestic: what makes a bid domestic.
  std::string DomesticItem(const Vendor& v) {
    HttpResult item = Post("/v1/catalog/items", {{"category", "SYSTEM_INTEGRATION"}, {"name", "国产集成服务"}, {"domestic", true},
                                                 {"unit_price", "1000.00"}, {"unit", "项"}},
                           v.token);
    EXPECT_EQ(item.status, 201) << item.body;
    std::string id = item.json().value("id", "");
    EXPECT_EQ(Post("/v1/catalog/items/" + id + "/decision", {{"decision", "approve"}, {"comment", "核验国产"}}, kAdmin).status, 200);
    return id;
  }
  std::string CreateTender(int min_valid = 3) {
    HttpResult r = Post("/v1/tenders",
                        {{"title", "市政务云平台集成项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
                         {"method", "comprehensive"}, {"price_weight", 30}, {"min_valid_bids", min_valid},
                         {"bid_deadline", "2026-12-05T02:00:00Z"}},
                        officer_);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  void ExpectProblem(const HttpResult& r, int status, const std::string& type) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json().value("type", ""), type) << r.body;
  }
  std::string BidId(const std::string& tender, const Vendor& v) {
    json bids = Get("/v1/tenders/" + tender + "/bids", v.token).json();
    return bids["items"][0]["id"];
  }

  std::string clock_file_, officer_, expert_, auditor_;
  std::vector<std::string> panel_;  // expert tokens; expert_ is the first
};

}  // namespace tender_fixture
