// The approved list end to end: the real registryd over loopback HTTP, on each backend.
#include <map>
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <set>
#include <atomic>
#include <fstream>
#include <thread>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/date.h"
#include "common/credit_code.h"
#include "registry/registry_service.h"
#include "support/registryd_process.h"
#include "support/server_test.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;
using testing_support::RegistrydProcess;
using testing_support::TestDatabase;

const char* kAdmin = "registry-e2e-admin-token-0123456789";

std::string Day(int offset_days) {
  common::SystemClock clock;
  return common::FormatDate(registry::Today(clock).AddDays(offset_days));
}

std::string CreditCode(int n) { return testing_support::ValidCreditCode(n); }
std::string IdNumber(int n) { return testing_support::ValidIdNumber(n); }

class RegistryE2eTest : public testing_support::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin));
    port_ = server_->port();
  }
  void TearDown() override {
    ServerTest::TearDown();
    if (server_) {
      EXPECT_EQ(server_->log().find(IdNumber(1)), std::string::npos) << "an ID number reached the log";
    }
  }
  HttpResult Call(const std::string& method, const std::string& target, const std::string& token,
                  const json& body = nullptr, std::vector<std::pair<std::string, std::string>> h = {}) {
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return Http(port_, method, target, body.is_null() ? "" : body.dump(), h);
  }
  HttpResult Get(const std::string& target, const std::string& token = kAdmin) { return Call("GET", target, token); }
  HttpResult Post(const std::string& target, const json& body, const std::string& token = kAdmin) {
    return Call("POST", target, token, body);
  }
  struct VendorAccount {
    std::string id;
    std::string token;
  };
  VendorAccount Register(int n, const std::string& name, const std::string& size = "small") {
    HttpResult r = Post("/v1/vendors", {{"name", name}, {"credit_code", CreditCode(n)}, {"enterprise_size", size},
                                        {"region_code", "440507"}, {"contact", {{"phone", "0754-88123456"}}}},
                        "");
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json()["vendor"]["id"], r.json()["token"]};
  }
  void ExpectProblem(const HttpResult& r, int status, const std::string& type, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    json doc = r.json();
    EXPECT_EQ(doc.value("type", ""), type) << r.body;
    if (!field.empty()) {
      ASSERT_TRUE(doc.contains("errors")) << r.body;
      EXPECT_EQ(doc["errors"][0]["field"], field) << r.body;
    }
  }
  // A vendor that meets SYSTEM_INTEGRATION (CS >= CS3 and two RK_SI_PM practitioners) and is listed.
  VendorAccount QualifiedVendor(int n) {
    VendorAccount v = Register(n, "汕头市测试" + std::to_string(n) + "信息技术有限公司");
    EXPECT_EQ(Post("/v1/vendors/" + v.id + "/qualifications",
                   {{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "CS3-T-" + std::to_string(n)},
                    {"issuer", "中国电子信息行业联合会"}, {"issued_on", Day(-365)}, {"expires_on", Day(700)}})
                  .status,
              201);
    for (int k = 0; k < 2; ++k) {
      HttpResult p = Post("/v1/vendors/" + v.id + "/practitioners",
                          {{"name", "工程师" + std::to_string(k)}, {"id_number", IdNumber(n * 10 + k)},
                           {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "SI-" + std::to_string(n * 10 + k)},
                                             {"issued_on", Day(-1000)}}}}},
                          v.token);
      EXPECT_EQ(p.status, 201) << p.body;
      // A vendor's practitioner counts once the bureau approves it.
      EXPECT_EQ(Post("/v1/practitioners/" + p.json().value("id", "") + "/decision", {{"decision", "approve"}}).status, 200);
    }
    EXPECT_EQ(Post("/v1/vendors/" + v.id + "/listing", {{"decision", "list"}, {"reason", "审核通过"}}).status, 200);
    return v;
  }

  int port_ = 0;
};

TEST_P(RegistryE2eTest, BuiltInTypesAndCategoriesAreLoaded) {
  auto types = Get("/v1/qualification-types").json()["items"];
  std::map<std::string, json> by_code;
  for (const auto& t : types) by_code[t["code"]] = t;
  ASSERT_TRUE(by_code.count("ITSS"));
  EXPECT_EQ(by_code["ITSS"]["levels"], json({"四级", "三级", "二级", "一级"}));  // lowest first
  EXPECT_EQ(by_code["CS"]["validity_years"], 4);
  EXPECT_EQ(by_code["CLASSIFIED_SI"]["levels"], json({"乙级", "甲级"}));
  EXPECT_EQ(by_code["RK_PM_SR"]["holder"], "practitioner");
  EXPECT_EQ(by_code["RK_PM_SR"]["validity_years"], 0);
  auto cat = Get("/v1/categories/SYSTEM_INTEGRATION").json();
  EXPECT_EQ(cat["kind"], "services");
  EXPECT_EQ(cat["requirements"][0], json({{"qualification", "CS"}, {"min_level", "CS3"}}));
  EXPECT_EQ(Get("/v1/categories/SERVERS_NETWORK").json()["kind"], "goods");
}

TEST_P(RegistryE2eTest, VendorRegistrationValidatesAndRefusesDuplicates) {
  VendorAccount v = Register(1, "汕头市鮀城信息技术有限公司");
  auto me = Get("/v1/me", v.token).json();
  EXPECT_EQ(me["role"], "vendor");
  EXPECT_EQ(me["vendor_id"], v.id);
  HttpResult got = Get("/v1/vendors/" + v.id, v.token);
  EXPECT_EQ(got.json()["status"], "registered");
  EXPECT_EQ(got.json()["credit_code"], CreditCode(1));
  EXPECT_EQ(got.header("etag"), "\"1\"");

  std::string bad = CreditCode(2);
  bad[17] = bad[17] == 'A' ? 'B' : 'A';
  ExpectProblem(Post("/v1/vendors", {{"name", "x"}, {"credit_code", bad}, {"enterprise_size", "small"}}, ""), 422,
                "validation", "credit_code");
  EXPECT_EQ(Post("/v1/vendors", {{"name", "x"}, {"credit_code", bad}, {"enterprise_size", "small"}}, "")
                .json()["errors"][0]["code"],
            "checksum");
  ExpectProblem(Post("/v1/vendors", {{"name", "重复"}, {"credit_code", CreditCode(1)}, {"enterprise_size", "small"}}, ""),
                409, "conflict");
  ExpectProblem(Post("/v1/vendors", {{"name", "x"}, {"credit_code", CreditCode(3)}, {"enterprise_size", "huge"}}, ""),
                422, "validation", "enterprise_size");
  ExpectProblem(Post("/v1/vendors", {{"name", "x"}, {"credit_code", CreditCode(3)}, {"enterprise_size", "small"},
                                     {"region_code", "4405"}}, ""),
                422, "validation", "region_code");
  ExpectProblem(Post("/v1/vendors", {{"name", "x"}, {"credit_code", CreditCode(3)}, {"enterprise_size", "small"},
                                     {"contact", {{"email", "not-an-address"}}}}, ""),
                422, "validation", "contact.email");
  // Nothing of the refused registrations was written.
  EXPECT_EQ(Get("/v1/vendors").json()["items"].size(), 1u);

  // Search by name and by the start of the credit code; pagination.
  Register(4, "广州云启信息系统有限公司");
  Register(5, "深圳鹏城智算科技有限公司");
  EXPECT_EQ(Get("/v1/vendors?q=" + std::string("%E9%B9%8F%E5%9F%8E")).json()["items"].size(), 1u);  // 鹏城
  EXPECT_EQ(Get("/v1/vendors?q=91440507").json()["items"].size(), 3u);
  EXPECT_EQ(Get("/v1/vendors?q=100%25").json()["items"].size(), 0u);  // a literal %, not a wildcard
  auto page = Get("/v1/vendors?limit=2").json();
  ASSERT_EQ(page["items"].size(), 2u);
  auto rest = Get("/v1/vendors?limit=2&cursor=" + page["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_TRUE(rest["next_cursor"].is_null());
  ExpectProblem(Get("/v1/vendors?status=gone"), 422, "validation", "status");

  // People type the code in lower case: it is upper-cased before the check, stored in capitals,
  // and the same code typed either way is one vendor.
  std::string lower = CreditCode(6);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ASSERT_NE(lower, CreditCode(6)) << "the test needs a code with a letter";
  HttpResult typed = Post("/v1/vendors", {{"name", "小写代码有限公司"}, {"credit_code", lower}, {"enterprise_size", "small"}}, "");
  ASSERT_EQ(typed.status, 201) << typed.body;
  EXPECT_EQ(typed.json()["vendor"]["credit_code"], CreditCode(6)) << typed.body;
  std::string lower1 = CreditCode(1);
  for (char& c : lower1) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ExpectProblem(Post("/v1/vendors", {{"name", "重复"}, {"credit_code", lower1}, {"enterprise_size", "small"}}, ""), 409,
                "conflict");
  std::string lower_bad = lower;
  lower_bad[17] = lower_bad[17] == 'a' ? 'b' : 'a';
  EXPECT_EQ(Post("/v1/vendors", {{"name", "x"}, {"credit_code", lower_bad}, {"enterprise_size", "small"}}, "")
                .json()["errors"][0]["code"],
            "checksum");
}

// One answer lists every problem of a request: fields that cannot be read and rule errors in
// the rest together (issue 18), for registrations, practitioners and catalog items.
TEST_P(RegistryE2eTest, EveryProblemIsAnsweredAtOnce) {
  auto fields = [](const HttpResult& r) {
    EXPECT_EQ(r.status, 422) << r.body;
    std::set<std::string> out;
    json doc = r.json();
    for (const auto& e : doc["errors"]) out.insert(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    return out;
  };
  std::string bad_code = CreditCode(7);
  bad_code[17] = bad_code[17] == 'A' ? 'B' : 'A';
  std::set<std::string> got = fields(Post("/v1/vendors", {{"name", 123}, {"credit_code", bad_code}, {"enterprise_size", "huge"},
                                                          {"region_code", "4405"}, {"contact", {{"email", "not-an-address"}}}},
                                          ""));
  for (const char* want : {"name:type", "credit_code:checksum", "enterprise_size:enum", "region_code:format", "contact.email:format"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  VendorAccount v = Register(8, "一次说清有限公司");
  got = fields(Post("/v1/vendors/" + v.id + "/practitioners",
                    {{"name", "张三"}, {"id_number", IdNumber(9).substr(0, 17) + (IdNumber(9)[17] == '1' ? "2" : "1")},
                     {"credentials", {{{"type", "NO_SUCH_TYPE"}, {"certificate_no", "X-1"}, {"issued_on", 20200101}}}}},
                    v.token));
  for (const char* want : {"id_number:checksum", "credentials[0].issued_on:type", "credentials[0].type:unknown"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  got = fields(Post("/v1/catalog/items", {{"category", "NO_SUCH_CATEGORY"}, {"name", "服务"}, {"domestic", true},
                                          {"unit_price", 12}, {"unit", ""}},
                    v.token));
  for (const char* want : {"unit_price:type", "category:unknown"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  EXPECT_EQ(got.size(), 3u) << json(got).dump();  // and the empty unit
  // The bureau's records: a qualification whose issue date cannot be read keeps its level check
  // (the end waits for the start); a sanction with an unreadable kind still has its dates judged.
  got = fields(Post("/v1/vendors/" + v.id + "/qualifications",
                    {{"type", "CS"}, {"level", "CS9"}, {"certificate_no", ""}, {"issuer", "x"}, {"issued_on", "2025-13-01"},
                     {"expires_on", "2024-01-01"}}));
  for (const char* want : {"issued_on:invalid_date", "level:unknown", "certificate_no:required"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  EXPECT_EQ(got.count("expires_on:before_issue"), 0u) << json(got).dump();
  got = fields(Post("/v1/vendors/" + v.id + "/sanctions",
                    {{"kind", "exile"}, {"reason", ""}, {"starts_on", "2026-06-01"}, {"ends_on", "2026-01-01"}}));
  for (const char* want : {"kind:enum", "reason:required", "ends_on:before_start"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  EXPECT_EQ(Get("/v1/vendors/" + v.id + "/qualifications").json()["items"].size(), 0u);
  EXPECT_EQ(Get("/v1/vendors/" + v.id + "/sanctions").json()["items"].size(), 0u);
  // A vendor's application: an evidence entry that is not an object keeps the next one's index;
  // the claim's type is judged though its issue date cannot be read.
  got = fields(Post("/v1/applications",
                    {{"kind", "qualification"},
                     {"qualification", {{"type", "NO_SUCH_TYPE"}, {"level", "x"}, {"certificate_no", "C-1"}, {"issuer", "x"},
                                        {"issued_on", 5}, {"expires_on", "2027-01-01"}}},
                     {"evidence", {7, {{"name", "a.pdf"}, {"sha256", "not-hex"}}}}},
                    v.token));
  for (const char* want : {"qualification.issued_on:type", "evidence[0]:type", "evidence[1].sha256:format",
                           "qualification.type:unknown"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  // A vendor's own patch: a contact phone of the wrong type, a bad address and region.
  got = fields(Call("PATCH", "/v1/vendors/" + v.id, v.token,
                    {{"region_code", "4405"}, {"contact", {{"phone", 754}, {"email", "not-an-address"}}}}));
  for (const char* want : {"contact.phone:type", "contact.email:format", "region_code:format"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  // An account: a name of the wrong type, a bad login; the vendor binding waits for a readable role.
  got = fields(Post("/v1/accounts", {{"name", 5}, {"role", "officer"}, {"login", "A B"}, {"vendor_id", v.id}}));
  for (const char* want : {"name:type", "login:format", "vendor_id:not_allowed"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  got = fields(Post("/v1/accounts", {{"name", "某人"}, {"role", "boss"}, {"vendor_id", v.id}}));
  EXPECT_EQ(got, (std::set<std::string>{"role:enum"}));
  // A category: a requirement that is not an object keeps the next one's index.
  got = fields(Call("PUT", "/v1/categories/NEW_CAT", kAdmin,
                    {{"name", 5}, {"kind", "services"}, {"requirements", {3, {{"qualification", "NO_SUCH_TYPE"}}}}}));
  for (const char* want : {"name:type", "requirements[0]:type", "requirements[1].qualification:unknown"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  got = fields(Call("PUT", "/v1/qualification-types/NEW_TYPE", kAdmin,
                    {{"name", "新类型"}, {"holder", "vendor"}, {"levels", {"一级", 2, "一级"}}, {"validity_years", "3"}}));
  for (const char* want : {"levels[1]:type", "levels[2]:duplicate", "validity_years:type"}) {
    EXPECT_EQ(got.count(want), 1u) << want << " not in " << json(got).dump();
  }
  EXPECT_EQ(Get("/v1/applications").json()["items"].size(), 0u);
  EXPECT_EQ(Get("/v1/categories/NEW_CAT").status, 404);
  // Nothing was written.
  EXPECT_EQ(Get("/v1/vendors/" + v.id + "/practitioners").json()["items"].size(), 0u);
  EXPECT_EQ(Get("/v1/catalog/items?status=pending").json()["items"].size(), 0u);
  EXPECT_EQ(Get("/v1/vendors?q=91440507").json()["items"].size(), 1u);
}

TEST_P(RegistryE2eTest, ProfileUpdatesHonourIfMatchAndRoles) {
  VendorAccount a = Register(1, "甲公司");
  VendorAccount b = Register(2, "乙公司");
  std::string path = "/v1/vendors/" + a.id;
  HttpResult r = Call("PATCH", path, a.token, {{"contact", {{"name", "陈志强"}, {"email", "bid@a.example.cn"}}}},
                      {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["contact"]["name"], "陈志强");
  EXPECT_EQ(r.json()["contact"]["phone"], "0754-88123456");  // untouched fields stay
  EXPECT_EQ(r.header("etag"), "\"2\"");
  ExpectProblem(Call("PATCH", path, a.token, {{"region_code", "440511"}}, {{"If-Match", "\"1\""}}), 412,
                "version_mismatch");
  ExpectProblem(Call("PATCH", path, b.token, {{"region_code", "440511"}}), 403, "forbidden");
  ExpectProblem(Call("PATCH", path, a.token, {{"name", "改名"}}), 403, "forbidden");
  ExpectProblem(Call("PATCH", path, a.token, {{"colour", "blue"}}), 422, "validation", "colour");
  HttpResult bureau = Call("PATCH", path, kAdmin, {{"enterprise_size", "medium"}}, {{"If-Match", "\"2\""}});
  EXPECT_EQ(bureau.status, 200) << bureau.body;
  EXPECT_EQ(bureau.json()["enterprise_size"], "medium");
  EXPECT_EQ(bureau.json()["version"], 3);
}

TEST_P(RegistryE2eTest, ListingThroughAnApplication) {
  VendorAccount v = Register(1, "甲公司");
  HttpResult app = Post("/v1/applications", {{"kind", "listing"}}, v.token);
  ASSERT_EQ(app.status, 201) << app.body;
  EXPECT_EQ(app.json()["status"], "submitted");
  ExpectProblem(Post("/v1/applications", {{"kind", "listing"}}, v.token), 409, "conflict");  // one open at a time
  std::string id = app.json()["id"];
  ExpectProblem(Post("/v1/applications/" + id + "/decision", {{"decision", "approve"}}, v.token), 403, "forbidden");
  HttpResult decided = Post("/v1/applications/" + id + "/decision", {{"decision", "approve"}, {"comment", "材料齐全"}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["status"], "approved");
  EXPECT_EQ(Get("/v1/vendors/" + v.id).json()["status"], "listed");
  ExpectProblem(Post("/v1/applications/" + id + "/decision", {{"decision", "reject"}}), 409, "invalid_state");
  ExpectProblem(Post("/v1/applications", {{"kind", "listing"}}, v.token), 409, "invalid_state");
  // Delisting and listing again by the bureau.
  ExpectProblem(Post("/v1/vendors/" + v.id + "/listing", {{"decision", "list"}, {"reason", "x"}}), 409, "invalid_state");
  EXPECT_EQ(Post("/v1/vendors/" + v.id + "/listing", {{"decision", "delist"}, {"reason", "违规"}}).json()["status"],
            "delisted");
}

TEST_P(RegistryE2eTest, QualificationApplicationAndLifecycle) {
  VendorAccount v = Register(1, "甲公司");
  std::string sha(64, 'a');
  json claim = {{"type", "ITSS"}, {"level", "三级"}, {"certificate_no", "ITSS-YW-3-44-0001"},
                {"issuer", "ITSS 分会"}, {"issued_on", Day(-100)}, {"expires_on", Day(900)}};
  HttpResult bad = Post("/v1/applications", {{"kind", "qualification"},
                                             {"qualification", {{"type", "ITSS"}, {"level", "五级"}, {"certificate_no", "x"},
                                                                {"issuer", "x"}, {"issued_on", Day(-100)}, {"expires_on", Day(-200)}}},
                                             {"evidence", {{{"name", "证书扫描件.pdf"}, {"sha256", "XYZ"}}}}},
                        v.token);
  ExpectProblem(bad, 422, "validation");
  std::set<std::string> fields;
  const json problem = bad.json();
  for (const auto& e : problem["errors"]) fields.insert(e["field"]);
  EXPECT_TRUE(fields.count("evidence[0].sha256")) << bad.body;
  ExpectProblem(Post("/v1/applications", {{"kind", "qualification"}, {"qualification", {{"type", "ITSS"}, {"level", "五级"},
      {"certificate_no", "x"}, {"issuer", "x"}, {"issued_on", Day(-100)}, {"expires_on", Day(900)}}}}, v.token),
      422, "validation", "qualification.level");
  ExpectProblem(Post("/v1/applications", {{"kind", "qualification"}, {"qualification", {{"type", "ITSS"}, {"level", "三级"},
      {"certificate_no", "x"}, {"issuer", "x"}, {"issued_on", Day(-100)}, {"expires_on", Day(2000)}}}}, v.token),
      422, "validation", "qualification.expires_on");  // ITSS is valid 3 years at most
  ExpectProblem(Post("/v1/applications", {{"kind", "listing"}}, kAdmin), 403, "forbidden");

  HttpResult app = Post("/v1/applications", {{"kind", "qualification"}, {"qualification", claim},
                                             {"evidence", {{{"name", "证书扫描件.pdf"}, {"sha256", sha}}}}},
                        v.token);
  ASSERT_EQ(app.status, 201) << app.body;
  EXPECT_EQ(app.json()["evidence"][0]["sha256"], sha);
  HttpResult ok = Post("/v1/applications/" + app.json()["id"].get<std::string>() + "/decision", {{"decision", "approve"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  std::string qid = ok.json()["qualification_id"];
  auto quals = Get("/v1/vendors/" + v.id + "/qualifications", v.token).json()["items"];
  ASSERT_EQ(quals.size(), 1u);
  EXPECT_EQ(quals[0]["id"], qid);
  EXPECT_EQ(quals[0]["status"], "active");
  EXPECT_EQ(quals[0]["level"], "三级");
  // expired is derived from the date
  EXPECT_EQ(Get("/v1/vendors/" + v.id + "/qualifications?on=" + Day(901)).json()["items"][0]["status"], "expired");

  std::string q = "/v1/qualifications/" + qid;
  ExpectProblem(Post(q + "/reinstate", {{"reason", "x"}}), 409, "invalid_state");
  EXPECT_EQ(Post(q + "/suspend", {{"reason", "年检未通过"}}).json()["status"], "suspended");
  ExpectProblem(Post(q + "/suspend", {{"reason", "again"}}), 409, "invalid_state");
  EXPECT_EQ(Post(q + "/reinstate", {{"reason", "整改完成"}}).json()["status"], "active");
  ExpectProblem(Post(q + "/revoke", {{"reason", "x"}}, v.token), 403, "forbidden");
  ExpectProblem(Post(q + "/revoke", json::object()), 422, "validation", "reason");
  HttpResult revoked = Post(q + "/revoke", {{"reason", "伪造材料"}});
  EXPECT_EQ(revoked.json()["status"], "revoked");
  EXPECT_EQ(revoked.json()["status_reason"], "伪造材料");
  ExpectProblem(Post(q + "/revoke", {{"reason", "x"}}), 409, "invalid_state");
}

TEST_P(RegistryE2eTest, ApplicationsArePrivateToTheirVendor) {
  VendorAccount a = Register(1, "甲公司");
  VendorAccount b = Register(2, "乙公司");
  std::string app_a = Post("/v1/applications", {{"kind", "listing"}}, a.token).json()["id"];
  Post("/v1/applications", {{"kind", "listing"}}, b.token);
  auto mine = Get("/v1/applications", a.token).json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["vendor_id"], a.id);
  ExpectProblem(Get("/v1/applications?vendor_id=" + b.id, a.token), 403, "forbidden");
  ExpectProblem(Get("/v1/applications/" + app_a, b.token), 404, "not_found");
  EXPECT_EQ(Get("/v1/applications/" + app_a, a.token).status, 200);
  EXPECT_EQ(Get("/v1/applications").json()["items"].size(), 2u);  // the bureau sees all
  EXPECT_EQ(Get("/v1/applications?status=submitted").json()["items"].size(), 2u);
  std::string officer = Post("/v1/accounts", {{"name", "officer"}, {"role", "officer"}}).json()["token"];
  ExpectProblem(Get("/v1/applications", officer), 403, "forbidden");
}

TEST_P(RegistryE2eTest, PractitionersAreMaskedAndHashed) {
  VendorAccount a = Register(1, "甲公司");
  VendorAccount b = Register(2, "乙公司");
  std::string path = "/v1/vendors/" + a.id + "/practitioners";
  HttpResult p = Post(path, {{"name", "陈志强"}, {"id_number", IdNumber(1)},
                             {"credentials", {{{"type", "RK_PM_SR"}, {"certificate_no", "PM-1"}, {"issued_on", "2019-05-20"}},
                                              {{"type", "CISP"}, {"certificate_no", "CISP-1"}, {"issued_on", "2025-09-01"}}}}},
                      a.token);
  ASSERT_EQ(p.status, 201) << p.body;
  std::string masked = IdNumber(1).substr(0, 4) + std::string(10, '*') + IdNumber(1).substr(14);
  EXPECT_EQ(p.json()["id_number"], masked);
  EXPECT_TRUE(p.json()["credentials"][0]["expires_on"].is_null());           // 软考 never expires
  EXPECT_EQ(p.json()["credentials"][1]["expires_on"], "2028-08-31");         // CISP: three years
  ExpectProblem(Post(path, {{"name", "再来"}, {"id_number", IdNumber(1)}}, a.token), 409, "conflict");
  std::string bad = IdNumber(2);
  bad[17] = bad[17] == '0' ? '1' : '0';
  ExpectProblem(Post(path, {{"name", "x"}, {"id_number", bad}}, a.token), 422, "validation", "id_number");
  ExpectProblem(Post(path, {{"name", "x"}, {"id_number", IdNumber(3)},
                            {"credentials", {{{"type", "CS"}, {"certificate_no", "x"}, {"issued_on", "2020-01-01"}}}}},
                     a.token),
                422, "validation", "credentials[0].type");  // CS is a vendor qualification
  ExpectProblem(Post(path, {{"name", "x"}, {"id_number", IdNumber(4)}}, b.token), 403, "forbidden");

  EXPECT_EQ(Get(path, a.token).json()["items"][0]["id_number"], masked);
  ExpectProblem(Get(path, b.token), 403, "forbidden");
  std::string officer = Post("/v1/accounts", {{"name", "o"}, {"role", "officer"}}).json()["token"];
  std::string expert = Post("/v1/accounts", {{"name", "e"}, {"role", "expert"}}).json()["token"];
  EXPECT_EQ(Get(path, officer).status, 200);
  ExpectProblem(Get(path, expert), 403, "forbidden");

  // The number itself is nowhere in the database.
  auto db = tdb_->Open(1);
  ASSERT_NE(db, nullptr);
  int64_t found = -1;
  ASSERT_TRUE(db->Transact(storage::Database::Mode::kRead, [&](storage::Tx& tx) -> common::Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT (SELECT COUNT(*) FROM practitioners WHERE id_number_hash = ? OR "
                                         "id_number_masked = ? OR name = ?) + (SELECT COUNT(*) FROM audit_log WHERE "
                                         "details LIKE ?)",
                                         {IdNumber(1), IdNumber(1), IdNumber(1), "%" + IdNumber(1) + "%"}));
    found = rows.at(0).Int(0);
    return common::Status::Ok();
  }).ok());
  EXPECT_EQ(found, 0);
}

// The trust issue's practitioner scenario, replayed: invented people no longer make a vendor
// eligible, the same person cannot be held by two vendors (挂证), and a person who leaves stops
// counting from the day they left.
TEST_P(RegistryE2eTest, PractitionersAreReviewedHeldOnceAndDepart) {
  VendorAccount a = QualifiedVendor(1);  // its two RK_SI_PM people were approved
  VendorAccount b = Register(2, "乙公司");
  std::string auditor = Post("/v1/accounts", {{"name", "审计"}, {"role", "auditor"}}).json()["token"];
  std::string officer = Post("/v1/accounts", {{"name", "采购"}, {"role", "officer"}}).json()["token"];
  auto person = [](const std::string& name, int n) {
    return json{{"name", name}, {"id_number", IdNumber(n)},
                {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "SI-X-" + std::to_string(n)},
                                  {"issued_on", Day(-1000)}}}}};
  };
  auto access_codes = [&](const std::string& vendor, const std::string& on) {
    std::vector<std::string> codes;
    json d = Get("/v1/vendors/" + vendor + "/market-access?category=SYSTEM_INTEGRATION&on=" + on).json();
    EXPECT_TRUE(d.contains("reasons")) << d.dump();
    for (const auto& r : d["reasons"]) codes.push_back(r["code"]);
    return codes;
  };
  ASSERT_TRUE(access_codes(a.id, Day(0)).empty());

  // B declares two invented people: both pending, B gains nothing.
  std::string bpath = "/v1/vendors/" + b.id + "/practitioners";
  HttpResult p1 = Post(bpath, person("张三", 201), b.token);
  HttpResult p2 = Post(bpath, person("李四", 202), b.token);
  ASSERT_EQ(p1.status, 201) << p1.body;
  ASSERT_EQ(p2.status, 201) << p2.body;
  EXPECT_EQ(p1.json()["status"], "pending");
  EXPECT_TRUE(p1.json()["departed_on"].is_null());
  EXPECT_EQ(access_codes(b.id, Day(0)), (std::vector<std::string>{"not_listed", "missing_qualification",
                                                                  "insufficient_practitioners"}));
  std::string id1 = p1.json()["id"], id2 = p2.json()["id"];

  // The review queue: bureau and auditors, nobody else; only pending ones.
  HttpResult queue = Get("/v1/practitioners?status=pending", auditor);
  ASSERT_EQ(queue.status, 200) << queue.body;
  std::vector<std::string> queued;
  json queue_doc = queue.json();
  for (const auto& x : queue_doc["items"]) queued.push_back(x["id"]);
  EXPECT_EQ(queued, (std::vector<std::string>{std::min(id1, id2), std::max(id1, id2)}));
  ExpectProblem(Get("/v1/practitioners?status=pending", b.token), 403, "forbidden");
  ExpectProblem(Get("/v1/practitioners?status=pending", officer), 403, "forbidden");
  ExpectProblem(Get("/v1/practitioners?status=sleeping"), 422, "validation", "status");
  EXPECT_EQ(Get("/v1/practitioners?status=pending&limit=1").json()["items"].size(), 1u);

  // 挂证: A's own people, registered again by B, are refused without naming A.
  std::string held = IdNumber(1 * 10 + 0);  // QualifiedVendor(1)'s first engineer
  HttpResult dup = Post(bpath, {{"name", "工程师0"}, {"id_number", held}}, b.token);
  ExpectProblem(dup, 409, "conflict");
  EXPECT_EQ(dup.body.find(a.id), std::string::npos) << dup.body;
  EXPECT_EQ(dup.body.find("汕头市测试1"), std::string::npos) << dup.body;
  ExpectProblem(Post(bpath, {{"name", "工程师0"}, {"id_number", held}}), 409, "conflict");  // the bureau too
  // A pending person is held as well.
  ExpectProblem(Post("/v1/vendors/" + a.id + "/practitioners", person("张三", 201), a.token), 409, "conflict");

  // Decisions: the bureau only, once, a reason to reject.
  ExpectProblem(Post("/v1/practitioners/" + id1 + "/decision", {{"decision", "approve"}}, b.token), 403, "forbidden");
  ExpectProblem(Post("/v1/practitioners/" + id1 + "/decision", {{"decision", "approve"}}, auditor), 403, "forbidden");
  ExpectProblem(Post("/v1/practitioners/" + id2 + "/decision", {{"decision", "reject"}}), 422, "validation", "comment");
  ExpectProblem(Post("/v1/practitioners/" + id2 + "/decision", {{"decision", "maybe"}}), 422, "validation", "decision");
  ExpectProblem(Post("/v1/practitioners/prc_nosuch/decision", {{"decision", "approve"}}), 404, "not_found");
  HttpResult ok1 = Post("/v1/practitioners/" + id1 + "/decision", {{"decision", "approve"}, {"comment", "证书核验无误"}});
  ASSERT_EQ(ok1.status, 200) << ok1.body;
  EXPECT_EQ(ok1.json()["status"], "active");
  EXPECT_FALSE(ok1.json()["decided_by"].is_null());
  HttpResult no2 = Post("/v1/practitioners/" + id2 + "/decision", {{"decision", "reject"}, {"comment", "查无此证"}});
  ASSERT_EQ(no2.status, 200) << no2.body;
  EXPECT_EQ(no2.json()["status"], "rejected");
  ExpectProblem(Post("/v1/practitioners/" + id1 + "/decision", {{"decision", "reject"}, {"comment", "x"}}), 409,
                "invalid_state");
  EXPECT_TRUE(Get("/v1/practitioners?status=pending").json()["items"].empty());
  EXPECT_EQ(Get("/v1/practitioners?status=rejected").json()["items"][0]["id"], id2);
  // A rejected person is free: another vendor may declare them (to be reviewed again).
  HttpResult again = Post("/v1/vendors/" + a.id + "/practitioners", person("李四", 202), a.token);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["status"], "pending");

  // Departure: its vendor or the bureau; from that day the person counts for nothing.
  // A's people by name (ids are random, so list order is not creation order).
  std::map<std::string, std::string> a_people;
  json a_list = Get("/v1/vendors/" + a.id + "/practitioners", a.token).json();
  for (const auto& x : a_list["items"]) a_people[x["name"]] = x["id"];
  std::string a_first = a_people["工程师0"];
  std::string depart = "/v1/practitioners/" + a_first + "/depart";
  ExpectProblem(Post(depart, {{"on", Day(0)}, {"reason", "离职"}}, b.token), 404, "not_found");
  ExpectProblem(Post(depart, {{"on", Day(0)}, {"reason", "离职"}}, officer), 403, "forbidden");
  ExpectProblem(Post(depart, {{"on", Day(0)}}, a.token), 422, "validation", "reason");
  ExpectProblem(Post(depart, {{"on", "2026-13-01"}, {"reason", "离职"}}, a.token), 422, "validation", "on");
  ExpectProblem(Post(depart, {{"on", Day(-3000)}, {"reason", "离职"}}, a.token), 422, "validation", "on");
  HttpResult gone = Post(depart, {{"on", Day(0)}, {"reason", "离职"}}, a.token);
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_EQ(gone.json()["status"], "departed");
  EXPECT_EQ(gone.json()["departed_on"], Day(0));
  ExpectProblem(Post(depart, {{"on", Day(0)}, {"reason", "离职"}}, a.token), 409, "invalid_state");
  EXPECT_EQ(access_codes(a.id, Day(0)), std::vector<std::string>{"insufficient_practitioners"});
  EXPECT_TRUE(access_codes(a.id, Day(-1)).empty());  // the day before, they still counted
  // Gone from A, the person may now join B (pending again).
  HttpResult joined = Post(bpath, {{"name", "工程师0"}, {"id_number", held}}, b.token);
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["status"], "pending");

  // A departure announced for a later day: counts until then, and holds the person until then.
  std::string a_second = a_people["工程师1"];
  HttpResult later = Post("/v1/practitioners/" + a_second + "/depart", {{"on", Day(10)}, {"reason", "合同到期"}});
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(later.json()["status"], "departed");
  EXPECT_EQ(access_codes(a.id, Day(9)), std::vector<std::string>{"insufficient_practitioners"});  // one left
  ExpectProblem(Post(bpath, {{"name", "工程师1"}, {"id_number", IdNumber(11)}}, b.token), 409, "conflict");

  // A person who left may come back to the same vendor.
  HttpResult back = Post("/v1/vendors/" + b.id + "/practitioners", person("张三", 203), b.token);
  ASSERT_EQ(back.status, 201) << back.body;
  ASSERT_EQ(Post("/v1/practitioners/" + back.json()["id"].get<std::string>() + "/depart",
                 {{"on", Day(0)}, {"reason", "离职"}}, b.token).status, 200);
  HttpResult returned = Post("/v1/vendors/" + b.id + "/practitioners", person("张三", 203));
  ASSERT_EQ(returned.status, 201) << returned.body;
  EXPECT_EQ(returned.json()["status"], "active");  // added by the bureau: active at once

  // One practitioner by id, for those who may see the vendor's practitioners.
  EXPECT_EQ(Get("/v1/practitioners/" + id1, b.token).json()["status"], "active");
  EXPECT_EQ(Get("/v1/practitioners/" + id1, officer).status, 200);
  ExpectProblem(Get("/v1/practitioners/" + id1, a.token), 404, "not_found");

  // Each step is in the audit log.
  std::vector<std::string> actions;
  json entries = Get("/v1/audit?entity_type=practitioner&entity_id=" + id1).json();
  for (const auto& e : entries["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"practitioner.add", "practitioner.approve"}));
}

// The trust issue's tampering scenarios, replayed against the real registryd by someone who can
// write the database but does not hold the audit key: each one fails verify.
TEST_P(RegistryE2eTest, TamperingWithoutTheKeyFailsVerify) {
  VendorAccount v = QualifiedVendor(1);
  HttpResult debar = Post("/v1/vendors/" + v.id + "/sanctions",
                          {{"kind", "debarment"}, {"reason", "提供虚假材料"}, {"starts_on", Day(-10)}, {"ends_on", Day(1000)}});
  ASSERT_EQ(debar.status, 201) << debar.body;
  std::string sanction = debar.json()["id"];
  VendorAccount other = Register(2, "乙公司");
  auto db = tdb_->Open(1);
  ASSERT_NE(db, nullptr);
  auto sql = [&](const std::string& stmt, const std::vector<storage::Value>& params = {}) {
    ASSERT_TRUE(db->Transact(storage::Database::Mode::kWrite, [&](storage::Tx& tx) {
      return tx.Exec(stmt, params).status();
    }).ok()) << stmt;
  };
  auto verify = [&](const std::string& query = "") { return Get("/v1/audit/verify" + query).json(); };
  auto mismatched = [](const json& report) {
    std::vector<std::string> out;
    for (const auto& m : report["mismatched"]) out.push_back(m["entity_type"].get<std::string>() + ":" + m["entity_id"].get<std::string>());
    return out;
  };
  json clean = verify();
  ASSERT_EQ(clean["ok"], true) << clean.dump();
  EXPECT_TRUE(clean["first_bad_seq"].is_null());
  EXPECT_TRUE(clean["mismatched"].empty());

  // A checkpoint, kept outside the database, and verified against.
  HttpResult cp = Get("/v1/audit/checkpoint");
  ASSERT_EQ(cp.status, 200) << cp.body;
  int64_t cp_seq = cp.json()["seq"];
  std::string cp_hash = cp.json()["hash"];
  EXPECT_EQ(cp_hash, clean["head_hash"]);
  EXPECT_FALSE(cp.json()["at"].is_null());
  std::string with_cp = "?checkpoint_seq=" + std::to_string(cp_seq) + "&checkpoint_hash=" + cp_hash;
  EXPECT_EQ(verify(with_cp)["checkpoint"], "ok");
  EXPECT_EQ(verify(with_cp)["ok"], true);
  ExpectProblem(Get("/v1/audit/verify?checkpoint_seq=0&checkpoint_hash=" + cp_hash), 422, "validation", "checkpoint_seq");
  ExpectProblem(Get("/v1/audit/verify?checkpoint_seq=3&checkpoint_hash=xyz"), 422, "validation", "checkpoint_hash");
  ExpectProblem(Get("/v1/audit/verify?checkpoint_seq=3"), 422, "validation", "checkpoint_hash");
  ExpectProblem(Get("/v1/audit/checkpoint", v.token), 403, "forbidden");

  // 1. A debarment lifted in SQL: the chain holds, the sanction no longer matches its entry.
  sql("UPDATE sanctions SET lifted = 1, lift_reason = 'x' WHERE id = ?", {sanction});
  json lifted = verify();
  EXPECT_EQ(lifted["ok"], false);
  EXPECT_TRUE(lifted["first_bad_seq"].is_null()) << lifted.dump();
  EXPECT_EQ(mismatched(lifted), std::vector<std::string>{"sanction:" + sanction});
  sql("UPDATE sanctions SET lifted = 0, lift_reason = '' WHERE id = ?", {sanction});
  EXPECT_EQ(verify()["ok"], true);  // it is the row that was caught
  // A vendor listed in SQL, and a vendor inserted in SQL with no entry at all.
  sql("UPDATE vendors SET status = 'listed' WHERE id = ?", {other.id});
  sql("INSERT INTO vendors (id, name, credit_code, enterprise_size, status, created_at, updated_at, version) "
      "VALUES ('ven_forged', '伪造公司', ?, 'small', 'listed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)",
      {CreditCode(3)});
  json listed = verify();
  EXPECT_EQ(listed["ok"], false);
  EXPECT_EQ(mismatched(listed), (std::vector<std::string>{"vendor:" + std::min(other.id, std::string("ven_forged")),
                                                          "vendor:" + std::max(other.id, std::string("ven_forged"))}));
  sql("UPDATE vendors SET status = 'registered' WHERE id = ?", {other.id});
  sql("DELETE FROM vendors WHERE id = 'ven_forged'");
  ASSERT_EQ(verify()["ok"], true);

  // 2. A middle entry deleted.
  int64_t middle = cp_seq / 2;
  sql("CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE seq = " + std::to_string(middle));
  sql("DELETE FROM audit_log WHERE seq = ?", {middle});
  json gap = verify();
  EXPECT_EQ(gap["ok"], false);
  EXPECT_EQ(gap["first_bad_seq"], middle);
  sql("INSERT INTO audit_log SELECT * FROM audit_saved");
  sql("DROP TABLE audit_saved");
  ASSERT_EQ(verify()["ok"], true);

  // 3. The tail truncated and the head moved back to the last entry left: the chain alone
  // verifies, but the checkpoint is gone and the records those entries changed do not match.
  int64_t cut = cp_seq - 4;
  sql("CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE seq > " + std::to_string(cut));
  sql("CREATE TABLE head_saved AS SELECT * FROM audit_head");
  sql("DELETE FROM audit_log WHERE seq > ?", {cut});
  sql("UPDATE audit_head SET seq = ?, hash = (SELECT hash FROM audit_log WHERE seq = ?) WHERE id = 1", {cut, cut});
  json truncated = verify(with_cp);
  EXPECT_EQ(truncated["ok"], false);
  EXPECT_EQ(truncated["checkpoint"], "missing");
  EXPECT_EQ(truncated["first_bad_seq"], cut + 1);
  // The cut entries listed the first vendor, imposed the debarment and registered the second.
  std::vector<std::string> cut_records = mismatched(truncated);
  std::sort(cut_records.begin(), cut_records.end());
  std::vector<std::string> want = {"sanction:" + sanction, "vendor:" + v.id, "vendor:" + other.id};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(cut_records, want);
  EXPECT_EQ(verify()["ok"], false);  // even without the checkpoint
  sql("INSERT INTO audit_log SELECT * FROM audit_saved");
  sql("UPDATE audit_head SET seq = (SELECT seq FROM head_saved), hash = (SELECT hash FROM head_saved) WHERE id = 1");
  sql("DROP TABLE audit_saved");
  sql("DROP TABLE head_saved");
  ASSERT_EQ(verify(with_cp)["ok"], true);

  // 4. An entry edited and every hash after it recomputed, as the chain once was (plain SHA-256),
  // the head moved along: without the key the forgery fails at the first entry.
  std::vector<registry::AuditEntry> chain;
  ASSERT_TRUE(db->Transact(storage::Database::Mode::kRead, [&](storage::Tx& tx) -> common::Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT seq, at, actor, action, entity_type, entity_id, details, digest, "
                                         "row_digest FROM audit_log ORDER BY seq"));
    for (const auto& r : rows) {
      registry::AuditEntry e;
      e.seq = r.Int(0);
      e.at = *common::ParseTimestamp(r.Text(1));
      e.actor = r.Text(2);
      e.action = r.Text(3);
      e.entity_type = r.Text(4);
      e.entity_id = r.Text(5);
      e.details = r.Text(6);
      e.digest = r.Text(7);
      e.row_digest = r.Text(8);
      chain.push_back(e);
    }
    return common::Status::Ok();
  }).ok());
  std::string prev = registry::kGenesisHash;
  for (auto& e : chain) {
    if (e.entity_id == sanction) e.details = "{\"reason\":\"tampered\"}";
    e.digest = registry::AuditDigest(e.details);
    e.prev_hash = prev;
    e.hash = registry::LegacyAuditHash(e);
    prev = e.hash;
    sql("UPDATE audit_log SET details = ?, digest = ?, prev_hash = ?, hash = ? WHERE seq = ?",
        {e.details, e.digest, e.prev_hash, e.hash, e.seq});
  }
  sql("UPDATE audit_head SET hash = ? WHERE id = 1", {prev});
  json forged = verify();
  EXPECT_EQ(forged["ok"], false);
  EXPECT_EQ(forged["first_bad_seq"], 1);
  EXPECT_EQ(verify(with_cp)["checkpoint"], "unverified");  // the chain broke before reaching it
}

TEST_P(RegistryE2eTest, MarketAccessExplainsEveryReason) {
  VendorAccount v = Register(1, "甲公司");
  std::string access = "/v1/vendors/" + v.id + "/market-access?category=SYSTEM_INTEGRATION&on=" + Day(0);
  auto d = Get(access, v.token).json();
  EXPECT_EQ(d["eligible"], false);
  std::vector<std::string> codes;
  for (const auto& r : d["reasons"]) codes.push_back(r["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"not_listed", "missing_qualification", "insufficient_practitioners"}));
  EXPECT_EQ(d["reasons"][1]["requirement"], json({{"qualification", "CS"}, {"min_level", "CS3"}}));

  VendorAccount q = QualifiedVendor(2);
  std::string ok = "/v1/vendors/" + q.id + "/market-access?category=SYSTEM_INTEGRATION";
  auto good = Get(ok + "&on=" + Day(0)).json();
  EXPECT_EQ(good["eligible"], true) << good.dump();
  EXPECT_TRUE(good["reasons"].empty());
  EXPECT_EQ(good["on"], Day(0));
  EXPECT_EQ(Get(ok).json()["on"], Day(0));  // on defaults to today
  // The qualification's first and last valid days; the day after it expired.
  EXPECT_EQ(Get(ok + "&on=" + Day(-365)).json()["eligible"], true);
  EXPECT_EQ(Get(ok + "&on=" + Day(-366)).json()["reasons"][0]["code"], "not_yet_valid");
  EXPECT_EQ(Get(ok + "&on=" + Day(700)).json()["eligible"], true);
  EXPECT_EQ(Get(ok + "&on=" + Day(701)).json()["reasons"][0]["code"], "qualification_expired");

  // Day 15 is answered (and its rendered text memoised) before the sanction; the same request
  // after it must not get the memoised text: the sanction moves the access generation.
  EXPECT_EQ(Get(ok + "&on=" + Day(15)).json()["eligible"], true);
  HttpResult s = Post("/v1/vendors/" + q.id + "/sanctions",
                      {{"kind", "suspension"}, {"reason", "围标串标"}, {"starts_on", Day(10)}, {"ends_on", Day(20)}});
  ASSERT_EQ(s.status, 201) << s.body;
  EXPECT_EQ(Get(ok + "&on=" + Day(15)).json()["reasons"][0]["code"], "sanctioned");
  EXPECT_EQ(Get(ok + "&on=" + Day(9)).json()["eligible"], true);
  EXPECT_EQ(Get(ok + "&on=" + Day(10)).json()["reasons"][0]["code"], "sanctioned");
  EXPECT_EQ(Get(ok + "&on=" + Day(20)).json()["reasons"][0]["code"], "sanctioned");
  EXPECT_EQ(Get(ok + "&on=" + Day(21)).json()["eligible"], true);
  std::string sid = s.json()["id"];
  ExpectProblem(Post("/v1/sanctions/" + sid + "/lift", {{"reason", "x"}}, q.token), 403, "forbidden");
  EXPECT_EQ(Post("/v1/sanctions/" + sid + "/lift", {{"reason", "复议撤销"}}).json()["status"], "lifted");
  EXPECT_EQ(Get("/v1/vendors/" + q.id + "/sanctions").json()["items"][0]["vendor_name"], "汕头市测试2信息技术有限公司");
  EXPECT_EQ(Get(ok + "&on=" + Day(15)).json()["eligible"], true);
  ExpectProblem(Post("/v1/sanctions/" + sid + "/lift", {{"reason", "x"}}), 409, "invalid_state");
  ExpectProblem(Post("/v1/vendors/" + q.id + "/sanctions",
                     {{"kind", "suspension"}, {"reason", "x"}, {"starts_on", Day(5)}, {"ends_on", Day(1)}}),
                422, "validation", "ends_on");

  ExpectProblem(Get("/v1/vendors/" + q.id + "/market-access?category=NOPE"), 404, "not_found");
  ExpectProblem(Get("/v1/vendors/ven_nobody/market-access?category=SYSTEM_INTEGRATION"), 404, "not_found");
  ExpectProblem(Get("/v1/vendors/" + q.id + "/market-access"), 422, "validation", "category");
  ExpectProblem(Get("/v1/vendors/" + q.id + "/market-access?category=SYSTEM_INTEGRATION&on=2026-02-30"), 422,
                "validation", "on");
}

// The console issue's work queue: the bureau finds pending items (GET /v1/catalog?status=pending
// was 422 and an item's id was known only to its vendor), with vendor names beside ids.
TEST_P(RegistryE2eTest, CatalogWorkQueueListsItemsByStatusWithVendorNames) {
  VendorAccount a = QualifiedVendor(1);
  VendorAccount b = Register(2, "乙软件公司");
  auto propose = [&](const VendorAccount& v, const std::string& name, const std::string& category) {
    HttpResult r = Post("/v1/catalog/items", {{"category", category}, {"name", name}, {"description", "说明"},
                                              {"domestic", true}, {"unit_price", "100.00"}, {"unit", "项"}},
                        v.token);
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["vendor_name"], &v == &a ? "汕头市测试1信息技术有限公司" : "乙软件公司");
    return r.json().value("id", "");
  };
  std::string a1 = propose(a, "系统集成服务一", "SYSTEM_INTEGRATION");
  std::string a2 = propose(a, "运维服务二", "OPERATIONS");
  std::string b1 = propose(b, "系统集成服务三", "SYSTEM_INTEGRATION");
  ASSERT_EQ(Post("/v1/catalog/items/" + a1 + "/decision", {{"decision", "approve"}}).status, 200);
  auto ids = [&](const std::string& query, const std::string& token = kAdmin) {
    HttpResult r = Get("/v1/catalog/items" + query, token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> out;
    json doc = r.json();
    for (const auto& it : doc["items"]) out.insert(it["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids("?status=pending"), (std::set<std::string>{a2, b1}));
  EXPECT_EQ(ids("?status=listed"), (std::set<std::string>{a1}));
  EXPECT_EQ(ids("?status=pending&category=SYSTEM_INTEGRATION"), (std::set<std::string>{b1}));
  EXPECT_EQ(ids("?vendor_id=" + b.id), (std::set<std::string>{b1}));
  json pending = Get("/v1/catalog/items?status=pending&vendor_id=" + b.id).json();
  EXPECT_EQ(pending["items"][0]["vendor_name"], "乙软件公司");
  // A vendor sees its own, of every status; another vendor's is refused; officers are refused.
  EXPECT_EQ(ids("", a.token), (std::set<std::string>{a1, a2}));
  ExpectProblem(Get("/v1/catalog/items?vendor_id=" + b.id, a.token), 403, "forbidden");
  std::string officer = Post("/v1/accounts", {{"name", "o"}, {"role", "officer"}}).json()["token"];
  ExpectProblem(Get("/v1/catalog/items?status=pending", officer), 403, "forbidden");
  ExpectProblem(Get("/v1/catalog/items?status=waiting"), 422, "validation", "status");
  ExpectProblem(Get("/v1/catalog/items?colour=red"), 422, "validation");
  // Paged by id.
  HttpResult first = Get("/v1/catalog/items?limit=2");
  ASSERT_EQ(first.json()["items"].size(), 2u);
  std::string cursor = first.json()["next_cursor"];
  HttpResult rest = Get("/v1/catalog/items?limit=2&cursor=" + cursor);
  ASSERT_EQ(rest.json()["items"].size(), 1u);
  EXPECT_TRUE(rest.json()["next_cursor"].is_null());
  // Applications carry the vendor's name too.
  HttpResult app = Post("/v1/applications", {{"kind", "listing"}, {"evidence", json::array()}}, b.token);
  ASSERT_EQ(app.status, 201) << app.body;
  EXPECT_EQ(app.json()["vendor_name"], "乙软件公司");
  EXPECT_EQ(Get("/v1/applications?status=submitted").json()["items"][0]["vendor_name"], "乙软件公司");
}

// The console issue's expiry queue: qualifications across vendors, soonest expiry first.
TEST_P(RegistryE2eTest, QualificationQueueListsSoonestExpiryFirst) {
  VendorAccount a = Register(1, "甲公司");
  VendorAccount b = Register(2, "乙公司");
  auto record = [&](const VendorAccount& v, const std::string& no, int issued, int expires) {
    HttpResult r = Post("/v1/vendors/" + v.id + "/qualifications",
                        {{"type", "ITSS"}, {"level", "三级"}, {"certificate_no", no}, {"issuer", "中国电子工业标准化技术协会"},
                         {"issued_on", Day(issued)}, {"expires_on", Day(expires)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  };
  std::string late = record(a, "A-LATE", -100, 400);
  std::string soon = record(b, "B-SOON", -100, 20);
  std::string gone = record(a, "A-GONE", -800, -5);  // expired five days ago
  std::string mid = record(b, "B-MID", -100, 60);
  ASSERT_EQ(Post("/v1/qualifications/" + mid + "/suspend", {{"reason", "年检未通过"}}).status, 200);
  auto ids = [&](const std::string& query, const std::string& token = kAdmin) {
    HttpResult r = Get("/v1/qualifications" + query, token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    json doc = r.json();
    for (const auto& q : doc["items"]) out.push_back(q["id"]);
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::string>{gone, soon, mid, late}));
  EXPECT_EQ(ids("?status=active&expiring_before=" + Day(90)), (std::vector<std::string>{soon}));
  EXPECT_EQ(ids("?status=expired"), (std::vector<std::string>{gone}));
  EXPECT_EQ(ids("?status=suspended"), (std::vector<std::string>{mid}));
  EXPECT_EQ(ids("?vendor_id=" + a.id), (std::vector<std::string>{gone, late}));
  json first = Get("/v1/qualifications?status=active&expiring_before=" + Day(90)).json()["items"][0];
  EXPECT_EQ(first["vendor_name"], "乙公司");
  EXPECT_EQ(first["status"], "active");
  EXPECT_EQ(ids("", a.token), (std::vector<std::string>{gone, late}));  // a vendor: its own
  ExpectProblem(Get("/v1/qualifications?vendor_id=" + b.id, a.token), 403, "forbidden");
  std::string officer = Post("/v1/accounts", {{"name", "o"}, {"role", "officer"}}).json()["token"];
  ExpectProblem(Get("/v1/qualifications", officer), 403, "forbidden");
  ExpectProblem(Get("/v1/qualifications?status=lapsed"), 422, "validation", "status");
  ExpectProblem(Get("/v1/qualifications?expiring_before=2026-02-30"), 422, "validation", "expiring_before");
  // Paged in the same order.
  HttpResult p1 = Get("/v1/qualifications?limit=3");
  ASSERT_EQ(p1.json()["items"].size(), 3u);
  HttpResult p2 = Get("/v1/qualifications?limit=3&cursor=" + p1.json()["next_cursor"].get<std::string>());
  ASSERT_EQ(p2.json()["items"].size(), 1u);
  EXPECT_EQ(p2.json()["items"][0]["id"], late);
  ExpectProblem(Get("/v1/qualifications?cursor=forged"), 422, "validation", "cursor");
}

// "Which vendors may bid in SYSTEM_INTEGRATION" took 14 requests; now it is one.
TEST_P(RegistryE2eTest, VendorsEligibleForACategoryOnADay) {
  VendorAccount one = QualifiedVendor(1);
  VendorAccount unlisted = Register(2, "未入围公司");
  VendorAccount debarred = QualifiedVendor(3);
  VendorAccount four = QualifiedVendor(4);
  ASSERT_EQ(Post("/v1/vendors/" + debarred.id + "/sanctions",
                 {{"kind", "debarment"}, {"reason", "围标"}, {"starts_on", Day(-1)}, {"ends_on", Day(365)}})
                .status,
            201);
  auto ids = [&](const std::string& query) {
    HttpResult r = Get("/v1/vendors" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> out;
    json doc = r.json();
    for (const auto& v : doc["items"]) out.insert(v["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids("?eligible_for=SYSTEM_INTEGRATION"), (std::set<std::string>{one.id, four.id}));
  EXPECT_EQ(ids("?eligible_for=SYSTEM_INTEGRATION&on=" + Day(0)), (std::set<std::string>{one.id, four.id}));
  // Before the debarment began, the debarred vendor could; before the qualifications, nobody.
  EXPECT_EQ(ids("?eligible_for=SYSTEM_INTEGRATION&on=" + Day(-2)), (std::set<std::string>{one.id, debarred.id, four.id}));
  EXPECT_TRUE(ids("?eligible_for=SYSTEM_INTEGRATION&on=" + Day(-400)).empty());
  EXPECT_EQ(ids("?eligible_for=SYSTEM_INTEGRATION&q=%E6%B5%8B%E8%AF%954"), (std::set<std::string>{four.id}));  // 测试4
  // Paged: one at a time.
  HttpResult p1 = Get("/v1/vendors?eligible_for=SYSTEM_INTEGRATION&limit=1");
  ASSERT_EQ(p1.json()["items"].size(), 1u);
  ASSERT_TRUE(p1.json()["next_cursor"].is_string()) << p1.body;
  HttpResult p2 = Get("/v1/vendors?eligible_for=SYSTEM_INTEGRATION&limit=1&cursor=" + p1.json()["next_cursor"].get<std::string>());
  ASSERT_EQ(p2.json()["items"].size(), 1u);
  EXPECT_TRUE(p2.json()["next_cursor"].is_null()) << p2.body;
  EXPECT_NE(p1.json()["items"][0]["id"], p2.json()["items"][0]["id"]);
  // Refusals.
  ExpectProblem(Get("/v1/vendors?eligible_for=SYSTEM_INTEGRATION", one.token), 403, "forbidden");
  ExpectProblem(Get("/v1/vendors?eligible_for=NOPE"), 422, "validation", "eligible_for");
  ExpectProblem(Get("/v1/vendors?on=" + Day(0)), 422, "validation", "on");
  ExpectProblem(Get("/v1/vendors?eligible_for=SYSTEM_INTEGRATION&on=2026-13-01"), 422, "validation", "on");
  std::string officer = Post("/v1/accounts", {{"name", "o"}, {"role", "officer"}}).json()["token"];
  EXPECT_EQ(Get("/v1/vendors?eligible_for=SYSTEM_INTEGRATION", officer).status, 200);
  (void)unlisted;
}

TEST_P(RegistryE2eTest, CatalogListingVerifiesDomesticAndSearchFindsChinese) {
  VendorAccount q = QualifiedVendor(1);
  VendorAccount other = Register(2, "未入围公司");  // not listed: no market access
  json item = {{"category", "SYSTEM_INTEGRATION"}, {"name", "政务云平台系统集成实施服务"},
               {"description", "市级政务云资源池建设与运维，含国产化适配"}, {"domestic", true},
               {"unit_price", "1280000.00"}, {"unit", "项"}};
  HttpResult made = Post("/v1/catalog/items", item, q.token);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["status"], "pending");
  EXPECT_EQ(made.json()["domestic_verified"], false);
  std::string id = made.json()["id"];
  std::string search = "/v1/catalog?q=%E8%BF%90%E7%BB%B4";  // 运维
  EXPECT_TRUE(Get(search).json()["items"].empty());           // pending items are not in the catalog
  ExpectProblem(Get("/v1/catalog/items/" + id, other.token), 404, "not_found");  // nor visible to others
  EXPECT_EQ(Get("/v1/catalog/items/" + id, q.token).status, 200);

  ExpectProblem(Post("/v1/catalog/items/" + id + "/decision", {{"decision", "approve"}}, q.token), 403, "forbidden");
  HttpResult listed = Post("/v1/catalog/items/" + id + "/decision", {{"decision", "approve"}, {"comment", "核验通过"}});
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["status"], "listed");
  EXPECT_EQ(listed.json()["domestic_verified"], true);
  ExpectProblem(Post("/v1/catalog/items/" + id + "/decision", {{"decision", "reject"}}), 409, "invalid_state");

  json item2 = item;
  item2["name"] = "进口设备集成服务";
  item2["description"] = "进口品牌服务器安装调试";
  item2["domestic"] = false;
  item2["unit_price"] = "99.50";
  std::string id2 = Post("/v1/catalog/items", item2, q.token).json()["id"];
  Post("/v1/catalog/items/" + id2 + "/decision", {{"decision", "approve"}});
  std::string id3 = Post("/v1/catalog/items", item, other.token).json()["id"];  // a vendor without access
  Post("/v1/catalog/items/" + id3 + "/decision", {{"decision", "approve"}});

  auto names = [&](const std::string& target) {
    std::vector<std::string> out;
    const json page = Get(target).json();
    for (const auto& i : page["items"]) out.push_back(i["name"]);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(search), V{"政务云平台系统集成实施服务"});  // a two-character word, and no vendor without access
  EXPECT_EQ(names("/v1/catalog?q=%E5%9B%BD%E4%BA%A7"), V{"政务云平台系统集成实施服务"});  // 国产
  EXPECT_EQ(names("/v1/catalog?q=%E8%BF%9B%E5%8F%A3"), V{"进口设备集成服务"});  // 进口
  EXPECT_EQ(names("/v1/catalog?q=%E9%9B%86%E6%88%90&domestic=true"), V{"政务云平台系统集成实施服务"});  // 集成
  EXPECT_EQ(names("/v1/catalog?max_price=100"), V{"进口设备集成服务"});
  EXPECT_EQ(names("/v1/catalog?vendor_id=" + other.id), V{});
  EXPECT_EQ(names("/v1/catalog?q=%E4%BA%91%E8%BF%90").size(), 0u);  // 云运: both characters occur, not together
  EXPECT_EQ(Get("/v1/catalog?category=SYSTEM_INTEGRATION&limit=1").json()["items"].size(), 1u);
  auto page = Get("/v1/catalog?limit=1").json();
  ASSERT_FALSE(page["next_cursor"].is_null());
  auto next = Get("/v1/catalog?limit=1&cursor=" + page["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(next["items"].size(), 1u);
  EXPECT_NE(next["items"][0]["id"], page["items"][0]["id"]);
  ExpectProblem(Get("/v1/catalog?max_price=1.234"), 422, "validation", "max_price");
  ExpectProblem(Get("/v1/catalog?domestic=yes"), 422, "validation", "domestic");
  ExpectProblem(Get("/v1/catalog?category=NOPE"), 422, "validation", "category");

  ExpectProblem(Post("/v1/catalog/items", item, kAdmin), 403, "forbidden");
  json bad = item;
  bad["unit_price"] = 1280000;
  ExpectProblem(Post("/v1/catalog/items", bad, q.token), 422, "validation", "unit_price");
  bad["unit_price"] = "-1.00";
  ExpectProblem(Post("/v1/catalog/items", bad, q.token), 422, "validation", "unit_price");
  bad = item;
  bad["category"] = "NOPE";
  ExpectProblem(Post("/v1/catalog/items", bad, q.token), 422, "validation", "category");
}

TEST_P(RegistryE2eTest, BureauMaintainsTypesAndCategories) {
  std::string officer = Post("/v1/accounts", {{"name", "o"}, {"role", "officer"}}).json()["token"];
  json type = {{"name", "信创适配认证"}, {"holder", "vendor"}, {"levels", {"三级", "二级", "一级"}}, {"validity_years", 2}};
  ExpectProblem(Call("PUT", "/v1/qualification-types/XC", officer, type), 403, "forbidden");
  HttpResult made = Call("PUT", "/v1/qualification-types/XC", kAdmin, type);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["version"], 1);
  VendorAccount v = Register(1, "甲公司");
  ASSERT_EQ(Post("/v1/vendors/" + v.id + "/qualifications", {{"type", "XC"}, {"level", "二级"}, {"certificate_no", "XC-1"},
                                                              {"issuer", "x"}, {"issued_on", Day(-1)}, {"expires_on", Day(300)}})
                .status,
            201);
  json fewer = type;
  fewer["levels"] = {"三级", "一级"};
  ExpectProblem(Call("PUT", "/v1/qualification-types/XC", kAdmin, fewer), 409, "conflict");  // 二级 is in use
  json more = type;
  more["levels"] = {"三级", "二级", "一级", "特级"};
  HttpResult replaced = Call("PUT", "/v1/qualification-types/XC", kAdmin, more);
  EXPECT_EQ(replaced.status, 200);
  EXPECT_EQ(replaced.json()["version"], 2);
  ExpectProblem(Call("PUT", "/v1/qualification-types/bad%20code", kAdmin, type), 422, "validation", "code");

  json cat = {{"name", "信创适配服务"}, {"kind", "services"},
              {"requirements", {{{"qualification", "XC"}, {"min_level", "二级"}}, {{"credential", "CISP"}, {"min_count", 1}}}}};
  HttpResult c = Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, cat);
  ASSERT_EQ(c.status, 201) << c.body;
  auto access = Get("/v1/vendors/" + v.id + "/market-access?category=XC_SERVICES").json();
  ASSERT_EQ(access["reasons"].size(), 2u) << access.dump();
  EXPECT_EQ(access["reasons"][0]["code"], "not_listed");
  EXPECT_EQ(access["reasons"][1]["code"], "insufficient_practitioners");
  json wrong = cat;
  wrong["requirements"] = {{{"qualification", "NOPE"}, {"min_level", "x"}}};
  ExpectProblem(Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, wrong), 422, "validation", "requirements[0].qualification");
  wrong["requirements"] = {{{"qualification", "CISP"}}};
  ExpectProblem(Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, wrong), 422, "validation", "requirements[0].qualification");
  wrong["requirements"] = {{{"qualification", "XC"}, {"min_level", "五级"}}};
  ExpectProblem(Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, wrong), 422, "validation", "requirements[0].min_level");

  // Round trip (the console issue): what GET serves goes back as it is, code and version
  // included; a stale version is 412, a different code or two versions that disagree 422.
  json served = Get("/v1/categories/XC_SERVICES").json();
  served["name"] = "信创适配与迁移服务";
  HttpResult back = Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, served);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["version"], 2);
  EXPECT_EQ(back.json()["name"], "信创适配与迁移服务");
  ExpectProblem(Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, served), 412, "version_mismatch");  // still says 1
  json other = Get("/v1/categories/XC_SERVICES").json();
  other["code"] = "SOMETHING_ELSE";
  ExpectProblem(Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, other), 422, "validation", "code");
  other["code"] = "XC_SERVICES";
  ExpectProblem(Call("PUT", "/v1/categories/XC_SERVICES", kAdmin, other, {{"If-Match", "\"1\""}}), 422, "validation",
                "version");
  json type_served;
  json all_types = Get("/v1/qualification-types").json();
  for (const auto& t : all_types["items"]) {
    if (t["code"] == "XC") type_served = t;
  }
  ASSERT_FALSE(type_served.is_null());
  type_served["validity_years"] = 3;
  HttpResult type_back = Call("PUT", "/v1/qualification-types/XC", kAdmin, type_served);
  ASSERT_EQ(type_back.status, 200) << type_back.body;
  EXPECT_EQ(type_back.json()["validity_years"], 3);
  ExpectProblem(Call("PUT", "/v1/qualification-types/XC", kAdmin, type_served), 412, "version_mismatch");
  ExpectProblem(Call("PUT", "/v1/qualification-types/XC", kAdmin, more, {{"If-Match", "\"1\""}}), 412, "version_mismatch");
  // A new code with version 0 in If-Match: "create, only if nobody did".
  EXPECT_EQ(Call("PUT", "/v1/qualification-types/XC2", kAdmin, type, {{"If-Match", "\"0\""}}).status, 201);
  ExpectProblem(Call("PUT", "/v1/qualification-types/XC2", kAdmin, type, {{"If-Match", "\"0\""}}), 412, "version_mismatch");
}

// The console issue's audit filters: by actor, by time, with the actor's name and a sentence.
TEST_P(RegistryE2eTest, AuditFiltersByActorAndTimeWithNamesAndSentences) {
  HttpResult clerk = Post("/v1/accounts", {{"name", "王小明"}, {"role", "bureau"}});
  ASSERT_EQ(clerk.status, 201) << clerk.body;
  std::string clerk_id = clerk.json()["id"], clerk_token = clerk.json()["token"];
  VendorAccount v = Register(1, "甲公司");
  ASSERT_EQ(Post("/v1/vendors/" + v.id + "/listing", {{"decision", "list"}, {"reason", "审核通过"}}, clerk_token).status, 200);
  json mine = Get("/v1/audit?actor=" + clerk_id).json()["items"];
  ASSERT_EQ(mine.size(), 1u) << mine.dump();
  EXPECT_EQ(mine[0]["action"], "vendor.list");
  EXPECT_EQ(mine[0]["actor_name"], "王小明");
  EXPECT_EQ(mine[0]["summary"], "王小明将供应商列入了名录（" + v.id + "）。");
  json registered = Get("/v1/audit?entity_type=vendor&entity_id=" + v.id).json()["items"][0];
  EXPECT_NE(registered["summary"].get<std::string>().find("登记了供应商「甲公司」"), std::string::npos) << registered.dump();
  // Time: everything is from today (Beijing); nothing before yesterday or from tomorrow on.
  EXPECT_FALSE(Get("/v1/audit?since=" + Day(-1)).json()["items"].empty());
  EXPECT_TRUE(Get("/v1/audit?until=" + Day(-1)).json()["items"].empty());
  EXPECT_TRUE(Get("/v1/audit?since=" + Day(1)).json()["items"].empty());
  EXPECT_FALSE(Get("/v1/audit?since=2020-01-01T00:00:00Z&until=2100-01-01T00:00:00Z").json()["items"].empty());
  ExpectProblem(Get("/v1/audit?since=yesterday"), 422, "validation", "since");
  ExpectProblem(Get("/v1/audit?until=2026-02-30"), 422, "validation", "until");
}

// The console issue's language rule: with Accept-Language preferring Chinese, a problem's title,
// detail and messages are Chinese (the English kept beside them); otherwise English as before.
TEST_P(RegistryE2eTest, ProblemsAreChineseWhenChineseIsPreferred) {
  auto has_cjk = [](const std::string& s) {
    for (size_t i = 0; i + 2 < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0xE4 && c <= 0xE9) return true;  // lead bytes of U+4000..U+9FFF
    }
    return false;
  };
  json bad = {{"name", "甲公司"}, {"credit_code", "91440500MA4UNKE12X"}, {"enterprise_size", "small"}};
  HttpResult zh = Call("POST", "/v1/vendors", "", bad, {{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"}});
  ASSERT_EQ(zh.status, 422) << zh.body;
  json doc = zh.json();
  EXPECT_EQ(doc["type"], "validation");  // types, fields and codes stay as the contract names them
  EXPECT_EQ(doc["title"], "请求内容不正确");
  EXPECT_TRUE(has_cjk(doc["detail"])) << zh.body;
  EXPECT_EQ(doc["errors"][0]["field"], "credit_code");
  EXPECT_TRUE(has_cjk(doc["errors"][0]["message"])) << zh.body;
  EXPECT_FALSE(doc["errors"][0]["message_en"].get<std::string>().empty());
  EXPECT_NE(zh.body.find("detail_en"), std::string::npos);
  EXPECT_EQ(zh.headers["vary"], "Accept-Language");

  HttpResult en = Call("POST", "/v1/vendors", "", bad);
  ASSERT_EQ(en.status, 422);
  EXPECT_EQ(en.json()["title"], "The request is not valid");
  EXPECT_FALSE(has_cjk(en.json()["errors"][0]["message"]));
  EXPECT_EQ(Call("POST", "/v1/vendors", "", bad, {{"Accept-Language", "en-US,zh;q=0.5"}}).json()["title"],
            "The request is not valid");
  EXPECT_EQ(Call("POST", "/v1/vendors", "", bad, {{"Accept-Language", "zh;q=0.9, en;q=0.8"}}).json()["title"],
            "请求内容不正确");

  HttpResult missing = Call("GET", "/v1/vendors/ven_nosuch", kAdmin, nullptr, {{"Accept-Language", "zh-CN"}});
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json()["title"], "找不到该资源");
  EXPECT_EQ(missing.json()["detail"], "没有这个供应商。");
  HttpResult anon = Call("GET", "/v1/me", "", nullptr, {{"Accept-Language", "zh-CN"}});
  ASSERT_EQ(anon.status, 401);
  EXPECT_EQ(anon.json()["title"], "需要登录");
  HttpResult refused = Call("GET", "/v1/practitioners?status=pending", Register(1, "乙公司").token, nullptr,
                            {{"Accept-Language", "zh-CN"}});
  ASSERT_EQ(refused.status, 403);
  EXPECT_TRUE(has_cjk(refused.json()["detail"])) << refused.body;
}

// Evidence files (the console issue): certificate scans uploaded, their type checked against
// their bytes, kept in the database, served only to their vendor, the bureau and auditors.
TEST_P(RegistryE2eTest, EvidenceFilesAreCheckedStoredAndServedSafely) {
  VendorAccount v = Register(1, "甲公司");
  VendorAccount other = Register(2, "乙公司");
  auto upload = [&](const std::string& name, const std::string& type, const std::string& bytes, const std::string& token) {
    std::vector<std::pair<std::string, std::string>> h = {{"Content-Type", type}};
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return Http(port_, "POST", "/v1/files?name=" + name, bytes, h);
  };
  static const char kBinary[] = "\0\x01\x02\xff binary \0 part";  // NULs inside: length from sizeof
  std::string pdf = std::string("%PDF-1.7\n") + std::string(kBinary, sizeof kBinary - 1) + "\n%%EOF\n";
  HttpResult made = upload("%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf", "application/pdf", pdf, v.token);  // 营业执照.pdf
  ASSERT_EQ(made.status, 201) << made.body;
  json f = made.json();
  EXPECT_EQ(f["name"], "营业执照.pdf");
  EXPECT_EQ(f["content_type"], "application/pdf");
  EXPECT_EQ(f["size"], static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(f["sha256"], common::Sha256Hex(pdf));
  std::string id = f["id"];

  HttpResult got = Http(port_, "GET", "/v1/files/" + id, "", {{"Authorization", "Bearer " + v.token}});
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);  // byte for byte, NULs included, on both backends
  EXPECT_EQ(got.headers["content-type"], "application/pdf");
  EXPECT_EQ(got.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(got.headers["content-disposition"].rfind("attachment;", 0), 0u) << got.headers["content-disposition"];
  EXPECT_NE(got.headers["content-disposition"].find("UTF-8''%E8%90%A5"), std::string::npos);
  EXPECT_EQ(Get("/v1/files/" + id).status, 200);  // the bureau
  std::string auditor = Post("/v1/accounts", {{"name", "a"}, {"role", "auditor"}}).json()["token"];
  std::string officer = Post("/v1/accounts", {{"name", "o"}, {"role", "officer"}}).json()["token"];
  EXPECT_EQ(Get("/v1/files/" + id, auditor).status, 200);
  ExpectProblem(Get("/v1/files/" + id, other.token), 404, "not_found");
  ExpectProblem(Get("/v1/files/" + id, officer), 404, "not_found");

  // Refusals: the type must be one of three and match the bytes; a name; not empty; 10 MiB.
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "rest";
  std::string jpeg = std::string("\xff\xd8\xff\xe0", 4) + "rest";
  EXPECT_EQ(upload("a.png", "image/png", png, v.token).status, 201);
  EXPECT_EQ(upload("a.jpg", "image/jpeg", jpeg, v.token).status, 201);
  ExpectProblem(upload("a.txt", "text/plain", "hello", v.token), 415, "unsupported_media_type");
  ExpectProblem(upload("fake.pdf", "application/pdf", png, v.token), 415, "unsupported_media_type");
  ExpectProblem(upload("fake.png", "image/png", "<html><script>alert(1)</script>", v.token), 415, "unsupported_media_type");
  ExpectProblem(upload("empty.pdf", "application/pdf", "", v.token), 415, "unsupported_media_type");
  ExpectProblem(Http(port_, "POST", "/v1/files", pdf, {{"Content-Type", "application/pdf"}, {"Authorization", "Bearer " + v.token}}),
                422, "validation", "name");
  ExpectProblem(upload("a%2Fb.pdf", "application/pdf", pdf, v.token), 422, "validation", "name");
  ExpectProblem(upload("a.pdf", "application/pdf", pdf, officer), 403, "forbidden");
  ExpectProblem(upload("a.pdf", "application/pdf", pdf, ""), 401, "unauthenticated");
  std::string big = "%PDF-1.7\n" + std::string((10u << 20) - 9, 'x');  // exactly 10 MiB: accepted
  EXPECT_EQ(upload("big.pdf", "application/pdf", big, v.token).status, 201);
  ExpectProblem(upload("bigger.pdf", "application/pdf", big + "x", v.token), 413, "payload_too_large");

  // Evidence by file: the application carries the file's name and digest; another vendor's file
  // or an unknown one is refused; a file_id with a name is refused.
  HttpResult app = Post("/v1/applications", {{"kind", "listing"}, {"evidence", {{{"file_id", id}}}}}, v.token);
  ASSERT_EQ(app.status, 201) << app.body;
  EXPECT_EQ(app.json()["evidence"][0], json({{"file_id", id}, {"name", "营业执照.pdf"}, {"sha256", common::Sha256Hex(pdf)}}));
  ExpectProblem(Post("/v1/applications", {{"kind", "listing"}, {"evidence", {{{"file_id", id}}}}}, other.token), 422,
                "validation", "evidence[0].file_id");
  ExpectProblem(Post("/v1/applications", {{"kind", "listing"}, {"evidence", {{{"file_id", id}, {"name", "x"}}}}}, v.token),
                422, "validation", "evidence[0].file_id");
  EXPECT_EQ(Get("/v1/audit?entity_type=file&entity_id=" + id).json()["items"][0]["action"], "file.upload");
}

TEST_P(RegistryE2eTest, EveryChangeIsAuditedAndTheChainHolds) {
  VendorAccount v = QualifiedVendor(1);
  std::set<std::string> actions;
  const json audit = Get("/v1/audit?entity_type=vendor&entity_id=" + v.id).json();
  for (const auto& e : audit["items"]) actions.insert(e["action"]);
  EXPECT_TRUE(actions.count("vendor.register"));
  EXPECT_TRUE(actions.count("vendor.list"));
  auto verify = Get("/v1/audit/verify").json();
  EXPECT_EQ(verify["ok"], true);
}

// The verification reads the chain and then every record: with writers committing in between,
// a read that is not one snapshot reported fresh records as not matching their entries (MySQL,
// READ COMMITTED; found by the backup test). Verified over and over while vendors register.
TEST_P(RegistryE2eTest, VerifyingWhileOthersWriteSeesOneInstant) {
  std::atomic<bool> stop{false};
  std::atomic<int> registered{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&, t] {
      for (int n = 0; !stop; ++n) {
        HttpResult r = Post("/v1/vendors", {{"name", "核验并发" + std::to_string(t) + "-" + std::to_string(n)},
                                            {"credit_code", CreditCode(200000 + t * 10000 + n)},
                                            {"enterprise_size", "small"}}, kAdmin);
        if (r.status == 201) ++registered;
      }
    });
  }
  int verified = 0;
  std::string bad;
  while (verified < 30 || registered < 30) {
    json verify = Get("/v1/audit/verify").json();
    if (verify["ok"] != true && bad.empty()) bad = verify.dump();
    ++verified;
  }
  stop = true;
  for (auto& w : writers) w.join();
  EXPECT_TRUE(bad.empty()) << bad;
  EXPECT_GE(registered, 30);
}

// Issue 6, concurrency: N simultaneous updates carrying the same If-Match admit exactly one.
TEST_P(RegistryE2eTest, ConcurrentIfMatchUpdatesAdmitExactlyOne) {
  VendorAccount v = Register(61, "汕头市并发信息技术有限公司");
  const int n = 12;
  std::vector<int> status(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      status[i] = Call("PATCH", "/v1/vendors/" + v.id, v.token, {{"contact", {{"phone", "0754-8812" + std::to_string(1000 + i)}}}},
                       {{"If-Match", "\"1\""}})
                      .status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(status.begin(), status.end(), 200), 1);
  EXPECT_EQ(std::count(status.begin(), status.end(), 412), n - 1);
  HttpResult now = Get("/v1/vendors/" + v.id);
  EXPECT_EQ(now.json()["version"], 2) << now.body;
  EXPECT_EQ(now.header("etag"), "\"2\"");
}

// Issue 6, concurrency: simultaneous repeats of one registration under one Idempotency-Key
// create one vendor; every answer is the first response or "still in progress", never a second record.
TEST_P(RegistryE2eTest, ConcurrentIdempotentReplaysCreateOneRecord) {
  json body = {{"name", "汕头市幂等信息技术有限公司"}, {"credit_code", CreditCode(62)}, {"enterprise_size", "small"}};
  const int n = 12;
  std::vector<HttpResult> got(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] { got[i] = Call("POST", "/v1/vendors", "", body, {{"Idempotency-Key", "register-62"}}); });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> ids;
  int created = 0;
  for (const auto& r : got) {
    ASSERT_TRUE(r.status == 201 || r.status == 409) << r.status << " " << r.body;
    if (r.status == 201) {
      ++created;
      ids.insert(r.json()["vendor"]["id"].get<std::string>());
    } else {
      EXPECT_NE(r.body.find("still in progress"), std::string::npos) << r.body;
    }
  }
  EXPECT_GE(created, 1);
  EXPECT_EQ(ids.size(), 1u) << "replays must all name the one vendor";
  json found = Get("/v1/vendors?q=" + CreditCode(62)).json()["items"];
  EXPECT_EQ(found.size(), 1u) << found.dump();
  // A later replay answers with the same record.
  HttpResult again = Call("POST", "/v1/vendors", "", body, {{"Idempotency-Key", "register-62"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.json()["vendor"]["id"], *ids.begin());
}

// Trust issue, item 7: names that would read otherwise than they are are refused (and change
// nothing); names are stored NFC; personal data reaches the audit log only as a keyed digest.
TEST_P(RegistryE2eTest, DeceptiveNamesAreRefusedNamesAreNfcAndAuditKeepsNoPersonalData) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"汕头市\u202E司公限有技科", "bidi_control"},
      {"汕头\u200B科技有限公司", "invisible_character"},
      {"汕头\uE000科技有限公司", "private_use"},
      {"\u3000\u3000\u3000", "required"},
  };
  int n = 900;
  for (const auto& [name, code] : refused) {
    HttpResult r = Post("/v1/vendors", {{"name", json::parse("\"" + name + "\"")}, {"credit_code", CreditCode(++n)},
                                        {"enterprise_size", "small"}},
                        "");
    ExpectProblem(r, 422, "validation", "name");
    EXPECT_EQ(r.json()["errors"][0]["code"], code) << name;
    ExpectProblem(Post("/v1/accounts", {{"name", json::parse("\"" + name + "\"")}, {"role", "auditor"}}), 422, "validation",
                  "name");
  }
  EXPECT_EQ(Get("/v1/vendors").json()["items"].size(), 0u) << "a refused registration wrote something";

  // "Café" typed with a combining accent is stored precomposed.
  HttpResult cafe = Post("/v1/vendors", {{"name", "Cafe\u0301 信息技术有限公司"}, {"credit_code", CreditCode(++n)},
                                         {"enterprise_size", "small"}},
                         "");
  ASSERT_EQ(cafe.status, 201) << cafe.body;
  EXPECT_EQ(cafe.json()["vendor"]["name"], "Caf\u00e9 信息技术有限公司");
  const std::string id = cafe.json()["vendor"]["id"], token = cafe.json()["token"];

  const std::string phone = "0754-88997766", email = "li.si@example.cn", address = "汕头市金平区 私人住址 8 号";
  HttpResult patched = Call("PATCH", "/v1/vendors/" + id, token,
                            {{"contact", {{"name", "李四"}, {"phone", phone}, {"email", email}, {"address", address}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["contact"]["phone"], phone);  // the record itself keeps it
  HttpResult audit = Get("/v1/audit?entity_type=vendor&entity_id=" + id);
  ASSERT_EQ(audit.status, 200);
  auto db = tdb_->Open(1);
  std::string details;
  ASSERT_TRUE(db->Transact(storage::Database::Mode::kRead, [&](storage::Tx& tx) -> common::Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT details FROM audit_log WHERE entity_id = ?", {id}));
    for (const auto& r : rows) details += r.Text(0) + "\n";
    return common::Status::Ok();
  }).ok());
  EXPECT_NE(details.find("contact.phone"), std::string::npos) << details;  // the change is recorded...
  EXPECT_NE(details.find("hmac-sha256:"), std::string::npos) << details;   // ...as a digest
  for (const std::string& personal : {phone, email, address, std::string("李四")}) {
    EXPECT_EQ(details.find(personal), std::string::npos) << "personal data in the audit log: " << personal;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

// What the demo shows on the day it is loaded: the same whatever that day is (its dates move
// with it; fixtures/README.md). Loaded today and, through the clock file, in 2031.
struct DemoPicture {
  size_t expired = 0, expiring_90d = 0, debarred = 0, listed = 0;
  std::string excluded_reason, tie_break;
  bool operator==(const DemoPicture& o) const {
    return expired == o.expired && expiring_90d == o.expiring_90d && debarred == o.debarred && listed == o.listed &&
           excluded_reason == o.excluded_reason && tie_break == o.tie_break;
  }
};

// `today`: the loading day in Beijing on registryd's clock (the clock file's when given).
DemoPicture LoadDemoAndLook(const std::string& clock_file_content, common::Date today) {
  TestDatabase tdb("sqlite");
  EXPECT_TRUE(tdb.ok());
  std::map<std::string, std::string> env = {{"REGISTRY_ADMIN_TOKEN", kAdmin}};
  if (!clock_file_content.empty()) {
    std::ofstream(tdb.dir() + "/clock") << clock_file_content << "\n";
    env["REGISTRY_CLOCK_FILE"] = tdb.dir() + "/clock";
  }
  std::string error;
  auto server = RegistrydProcess::Start({tdb.url(), tdb.dir(), {"--demo"}, env}, &error);
  EXPECT_NE(server, nullptr) << error;
  DemoPicture pic;
  if (!server) return pic;
  auto get = [&](const std::string& t) {
    return Http(server->port(), "GET", t, "", {{"Authorization", std::string("Bearer ") + kAdmin}}).json();
  };
  auto vendors = get("/v1/vendors?limit=500")["items"];
  EXPECT_EQ(vendors.size(), 12u);
  std::string debarred;
  for (const auto& v : vendors) {
    pic.listed += v["status"] == "listed";
    auto access = get("/v1/vendors/" + v["id"].get<std::string>() + "/market-access?category=SYSTEM_INTEGRATION");
    for (const auto& r : access["reasons"]) pic.debarred += r["code"] == "sanctioned";
  }
  auto in_90 = common::FormatDate(today.AddDays(90));
  pic.expired = get("/v1/qualifications?status=expired&limit=500")["items"].size();
  pic.expiring_90d = get("/v1/qualifications?status=active&expiring_before=" + in_90 + "&limit=500")["items"].size();
  EXPECT_GE(get("/v1/catalog?q=%E5%9B%BD%E4%BA%A7")["items"].size(), 3u);  // 国产
  EXPECT_EQ(get("/v1/audit/verify")["ok"], true);
  EXPECT_NE(server->log().find("loaded the demo data: 12 vendors"), std::string::npos);
  // The demo tender: evaluated, and its stored report shows the domestic tie-break.
  auto tenders = get("/v1/tenders?status=evaluated")["items"];
  EXPECT_EQ(tenders.size(), 1u);
  if (tenders.size() == 1) {
    std::string auditor = Http(server->port(), "POST", "/v1/accounts", json({{"name", "审计"}, {"role", "auditor"}}).dump(),
                               {{"Authorization", std::string("Bearer ") + kAdmin}}).json()["token"];
    auto report = Http(server->port(), "GET", "/v1/tenders/" + tenders[0]["id"].get<std::string>() + "/evaluation", "",
                       {{"Authorization", "Bearer " + auditor}}).json();
    EXPECT_EQ(report["status"], "recommended");
    pic.tie_break = report["ranking"][0].value("tie_break", "");
    EXPECT_EQ(report["ranking"][0]["total"], report["ranking"][1]["total"]);
    pic.excluded_reason = report["excluded"][0]["reasons"][0].value("code", "");  // its CS3 had expired
    // The second demo tender: awarded a day ago, its notice's period running, one bidder's
    // challenge awaiting the answer (issue 20).
    auto awarded = get("/v1/tenders?status=awarded")["items"];
    EXPECT_EQ(awarded.size(), 1u);
    if (awarded.size() == 1) {
      EXPECT_TRUE(awarded[0]["award_notice"].is_object()) << awarded[0];
      auto challenges = Http(server->port(), "GET", "/v1/tenders/" + awarded[0]["id"].get<std::string>() + "/challenges", "",
                             {{"Authorization", "Bearer " + auditor}}).json()["items"];
      EXPECT_EQ(challenges.size(), 1u);
      if (challenges.size() == 1) {
        EXPECT_EQ(challenges[0]["status"], "submitted");
      }
    }
  }
  // A second --demo start leaves the database as it is.
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  server = RegistrydProcess::Start({tdb.url(), tdb.dir(), {"--demo"}, env}, &error);
  EXPECT_NE(server, nullptr) << error;
  if (server) {
    EXPECT_NE(server->log().find("already holds vendors"), std::string::npos) << server->log();
    EXPECT_EQ(Http(server->port(), "GET", "/v1/vendors?limit=500", "", {{"Authorization", std::string("Bearer ") + kAdmin}})
                  .json()["items"].size(), 12u);
    EXPECT_EQ(server->Stop(SIGTERM), 0);
  }
  return pic;
}

TEST(DemoFixturesTest, DemoLoadsOnceWithMarketAccessAndSearchAndNeverAges) {
  DemoPicture now = LoadDemoAndLook("", common::BeijingDate(common::SystemClock().Now()));
  EXPECT_EQ(now.listed, 11u);
  EXPECT_EQ(now.debarred, 1u);
  EXPECT_EQ(now.tie_break, "domestic_preference");
  EXPECT_EQ(now.excluded_reason, "not_eligible");
  EXPECT_GE(now.expired, 3u);       // the ITSS certificate, the CS3, an ISO 9001 ...
  EXPECT_GE(now.expiring_90d, 1u);  // and one for the bureau's expiry queue
  // Five years on, the demo reads the same.
  DemoPicture later = LoadDemoAndLook("2031-03-01T09:00:00Z", *common::ParseDate("2031-03-01"));
  EXPECT_TRUE(later == now) << "expired " << later.expired << " vs " << now.expired << ", expiring "
                            << later.expiring_90d << " vs " << now.expiring_90d << ", debarred " << later.debarred
                            << " vs " << now.debarred << ", listed " << later.listed << ", excluded "
                            << later.excluded_reason << ", tie " << later.tie_break;
}

}  // namespace

namespace {

TEST(RegistryctlFixturesTest, LoadsTheDemoDirectoryOnceIntoAnEmptyDatabase) {
  testing_support::TestDatabase tdb("sqlite");
  ASSERT_TRUE(tdb.ok());
  std::string out;
  std::vector<std::string> args = {"--storage=" + tdb.url(), "load-fixtures", std::string(FIXTURES_DIR) + "/demo"};
  // Only migrate makes a database; load-fixtures into none fails and names it.
  EXPECT_EQ(testing_support::RunRegistryctl(args, {}, &out), 1) << out;
  EXPECT_NE(out.find("no database at"), std::string::npos) << out;
  ASSERT_EQ(testing_support::RunRegistryctl({"--storage=" + tdb.url(), "migrate"}, {}, &out), 0) << out;
  ASSERT_EQ(testing_support::RunRegistryctl(args, {}, &out), 0) << out;
  EXPECT_NE(out.find("loaded 12 vendors"), std::string::npos) << out;
  ASSERT_EQ(testing_support::RunRegistryctl(args, {}, &out), 0) << out;
  EXPECT_NE(out.find("the database holds vendors; left as it is"), std::string::npos) << out;
  EXPECT_EQ(testing_support::RunRegistryctl({"--storage=" + tdb.url(), "load-fixtures", "/nonexistent"}, {}, &out), 1);
  ASSERT_EQ(testing_support::RunRegistryctl({"--storage=" + tdb.url(), "verify-audit"}, {}, &out), 0) << out;
}

}  // namespace
