// Issue 6, hostile input: a catalogue of malformed, oversized, ill-typed, out-of-range and
// unauthorised requests against the real registryd, on each backend. Every one must get a 4xx
// RFC 9457 problem document (never a 5xx, never a success), and the database must be unchanged
// afterwards: every row of every table is dumped before and after and compared.
#include <gtest/gtest.h>
#include <signal.h>

#include <functional>
#include <iostream>

#include "storage/database.h"
#include "support/registryd_process.h"
#include "support/server_test.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;
using testing_support::RawHttp;

const char* kAdmin = "hostile-admin-token-0123456789abcdef";

struct Case {
  std::string name;
  std::string method, target, body;
  std::string token;  // empty: anonymous
  std::vector<std::pair<std::string, std::string>> headers;
  std::string raw;  // when set, sent byte for byte instead
};

class HostileInputTest : public testing_support::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin));
  }
  HttpResult Send(const Case& c) {
    if (!c.raw.empty()) return RawHttp(server_->port(), c.raw);
    auto h = c.headers;
    if (!c.token.empty()) h.emplace_back("Authorization", "Bearer " + c.token);
    return Http(server_->port(), c.method, c.target, c.body, h);
  }
  std::string Token(const std::string& role, const std::string& vendor_id = "") {
    json body = {{"name", role}, {"role", role}};
    if (!vendor_id.empty()) body["vendor_id"] = vendor_id;
    HttpResult r = Http(server_->port(), "POST", "/v1/accounts", body.dump(), {{"Authorization", std::string("Bearer ") + kAdmin}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("token", "");
  }

};

TEST_P(HostileInputTest, EveryHostileRequestGetsAProblemAndChangesNothing) {
  // Setup that the catalogue aims at: accounts of each role, one vendor, one open tender.
  std::string officer = Token("officer"), expert = Token("expert"), auditor = Token("auditor");
  HttpResult reg = Http(server_->port(), "POST", "/v1/vendors",
                        json({{"name", "靶子公司"}, {"credit_code", testing_support::ValidCreditCode(1)},
                              {"enterprise_size", "small"}})
                            .dump());
  ASSERT_EQ(reg.status, 201) << reg.body;
  std::string vendor_id = reg.json()["vendor"]["id"], vendor = reg.json()["token"];
  HttpResult tender = Http(server_->port(), "POST", "/v1/tenders",
                           json({{"title", "靶子项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000.00"},
                                 {"method", "lowest_price"}, {"bid_deadline", "2030-01-01T00:00:00Z"}})
                               .dump(),
                           {{"Authorization", "Bearer " + officer}});
  ASSERT_EQ(tender.status, 201) << tender.body;
  std::string tender_id = tender.json()["id"];
  ASSERT_EQ(Http(server_->port(), "POST", "/v1/tenders/" + tender_id + "/publish", "{}", {{"Authorization", "Bearer " + officer}}).status, 200);

  std::vector<Case> cases;
  auto add = [&](std::string name, std::string method, std::string target, std::string body, std::string token,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    cases.push_back({std::move(name), std::move(method), std::move(target), std::move(body), std::move(token), std::move(headers), ""});
  };
  auto raw = [&](std::string name, std::string bytes) { cases.push_back({std::move(name), "", "", "", "", {}, std::move(bytes)}); };

  // 1. Registration bodies: every field with every wrong JSON type.
  const json good = {{"name", "某某信息技术有限公司"}, {"credit_code", testing_support::ValidCreditCode(2)}, {"enterprise_size", "small"}};
  const std::vector<json> wrong = {json(1), json(true), json::array(), json::object(), json(nullptr), json(1.5)};
  for (const char* field : {"name", "credit_code", "enterprise_size", "region_code", "contact"}) {
    for (const json& w : wrong) {
      if (std::string(field) == "contact" && w.is_object()) continue;  // an empty contact is valid
      // null for an optional field means "not given", as the API documents
      if ((std::string(field) == "contact" || std::string(field) == "region_code") && w.is_null()) continue;
      json b = good;
      b[field] = w;
      add(std::string("register: ") + field + " = " + w.dump(), "POST", "/v1/vendors", b.dump(), "");
    }
  }
  // 2. Syntax: duplicates, nesting, not JSON, wrong top level, unknown fields, NUL, bad UTF-8.
  add("duplicate key", "POST", "/v1/vendors", R"({"name":"a","name":"b","credit_code":"x","enterprise_size":"small"})", "");
  add("deep nesting", "POST", "/v1/vendors", std::string(5000, '[') + std::string(5000, ']'), "");
  add("deep object nesting", "POST", "/v1/vendors", [] {
    std::string s;
    for (int i = 0; i < 2000; ++i) s += "{\"a\":";
    s += "1";
    for (int i = 0; i < 2000; ++i) s += "}";
    return s;
  }(), "");
  for (const char* body : {"", "nope", "{", "}", "[]", "\"text\"", "123", "null", "{\"name\":}", "{'name':'x'}",
                           "{\"name\":\"a\",}", "{\"name\":\"a\"} trailing", "\xEF\xBB\xBF{}"}) {
    add(std::string("not a JSON object: ") + body, "POST", "/v1/vendors", body, "");
  }
  {
    json b = good;
    b["is_admin"] = true;
    add("unknown field", "POST", "/v1/vendors", b.dump(), "");
  }
  add("escaped NUL in name", "POST", "/v1/vendors", R"({"name":"a\u0000b","credit_code":"91440500MA4UABCD0X","enterprise_size":"small"})", "");
  add("raw NUL in body", "POST", "/v1/vendors", std::string("{\"name\":\"a") + '\0' + "b\",\"enterprise_size\":\"small\"}", "");
  add("invalid UTF-8 in name", "POST", "/v1/vendors", "{\"name\":\"\xC3\x28\",\"credit_code\":\"x\",\"enterprise_size\":\"small\"}", "");
  add("overlong UTF-8", "POST", "/v1/vendors", "{\"name\":\"\xC0\xAF\",\"enterprise_size\":\"small\"}", "");
  add("lone surrogate escape", "POST", "/v1/vendors", R"({"name":"\ud800","enterprise_size":"small"})", "");
  // 3. Values: sizes, injection, enums, checksums.
  for (size_t n : {201u, 1000u, 200000u}) {  // names hold at most 200 characters
    json b = good;
    b["name"] = std::string(n, 'x');
    add("name of " + std::to_string(n) + " characters", "POST", "/v1/vendors", b.dump(), "");
  }
  add("body over 1 MiB", "POST", "/v1/vendors", "{\"name\":\"" + std::string(1100000, 'x') + "\"}", "");
  for (const char* code : {"'; DROP TABLE vendors; --", "91440500MA4UABCD0\" OR 1=1 --", "914405007083889910",
                           "91440500708388991", "9144050070838899100", "91440500708388991O", "", " 914405007083889910"}) {
    json b = good;
    b["credit_code"] = code;
    add(std::string("credit code ") + code, "POST", "/v1/vendors", b.dump(), "");
  }
  for (const char* size : {"huge", "SMALL", "", "small ", "0"}) {
    json b = good;
    b["enterprise_size"] = size;
    add(std::string("enterprise_size ") + size, "POST", "/v1/vendors", b.dump(), "");
  }
  for (const char* region : {"44050", "4405071", "abcdef", "44050７"}) {
    json b = good;
    b["region_code"] = region;
    add(std::string("region ") + region, "POST", "/v1/vendors", b.dump(), "");
  }
  {
    json b = good;
    b["credit_code"] = testing_support::ValidCreditCode(1);  // taken
    add("duplicate credit code", "POST", "/v1/vendors", b.dump(), "");
  }
  // 4. Money and dates on a tender (as its officer).
  const json tender_good = {{"title", "项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000.00"},
                            {"method", "lowest_price"}, {"bid_deadline", "2030-01-01T00:00:00Z"}};
  for (const json& budget : {json("1.234"), json("-5.00"), json("0.00"), json("1e5"), json(1000), json(""),
                             json("１００.00"), json("99999999999999999999.00"), json("1,000.00"), json(" 1.00"),
                             json("NaN"), json("0x10"), json("+1.00"), json(".5")}) {
    json b = tender_good;
    b["budget"] = budget;
    add("budget " + budget.dump(), "POST", "/v1/tenders", b.dump(), officer);
  }
  for (const char* when : {"2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                           "2026-12-01T24:00:01Z", "2026-12-01", "yesterday", "2026-12-01T00:00:00", "0000-01-01T00:00:00Z",
                           "2020-01-01T00:00:00Z"}) {
    json b = tender_good;
    b["bid_deadline"] = when;
    add(std::string("deadline ") + when, "POST", "/v1/tenders", b.dump(), officer);
  }
  for (const json& w : {json("weird"), json(101), json(-1), json(1000), json("30")}) {
    json b = tender_good;
    b["method"] = "comprehensive";
    b["price_weight"] = w;
    add("price_weight " + w.dump(), "POST", "/v1/tenders", b.dump(), officer);
  }
  for (const char* method : {"auction", "", "LOWEST_PRICE"}) {
    json b = tender_good;
    b["method"] = method;
    add(std::string("method ") + method, "POST", "/v1/tenders", b.dump(), officer);
  }
  {
    json b = tender_good;
    b["category"] = "NO_SUCH";
    add("unknown category", "POST", "/v1/tenders", b.dump(), officer);
  }
  for (const char* price : {"-1.00", "0.00", "1.001", "abc", "10000000000000000000.00"}) {
    add(std::string("bid price ") + price, "POST", "/v1/tenders/" + tender_id + "/bids",
        json({{"price", price}, {"domestic", true}}).dump(), vendor);
  }
  // The procedure before the opening (issue 19): malformed commitments, clarifications, reveals,
  // questions, committee sizes and expert profiles.
  for (const char* commitment : {"", "ABCDEF", "zz", "0123456789abcdef", "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}) {
    add(std::string("bid commitment ") + commitment, "POST", "/v1/tenders/" + tender_id + "/bids",
        json({{"commitment", commitment}, {"domestic", false}}).dump(), vendor);
  }
  add("bid with a commitment and a price", "POST", "/v1/tenders/" + tender_id + "/bids",
      json({{"commitment", std::string(64, 'a')}, {"price", "1.00"}, {"domestic", false}}).dump(), vendor);
  for (const json& changes : {json({{"budget", "-1.00"}}), json({{"bid_deadline", "yesterday"}}), json({{"bid_deadline", "2020-01-01T00:00:00Z"}}),
                              json({{"requirements", "CS3"}}), json({{"requirements", json::array({json::object()})}}), json({{"nope", 1}}),
                              json("budget")}) {
    add("clarification changes " + changes.dump(), "POST", "/v1/tenders/" + tender_id + "/clarifications",
        json({{"text", "澄清"}, {"changes", changes}}).dump(), officer);
  }
  add("clarification without text", "POST", "/v1/tenders/" + tender_id + "/clarifications", R"({"text":""})", officer);
  add("clarification citing no question", "POST", "/v1/tenders/" + tender_id + "/clarifications",
      R"({"text":"x","question_id":"qst_nope"})", officer);
  add("question too long", "POST", "/v1/tenders/" + tender_id + "/questions", json({{"text", std::string(2001, 'q')}}).dump(), vendor);
  add("question without text", "POST", "/v1/tenders/" + tender_id + "/questions", R"({"text":"  "})", vendor);
  add("reveal before the opening", "POST", "/v1/tenders/" + tender_id + "/bids/reveal",
      json({{"price", "1.00"}, {"nonce", std::string(32, '0')}}).dump(), vendor);
  add("reveal with a number", "POST", "/v1/tenders/" + tender_id + "/bids/reveal", R"({"price":1,"nonce":1})", vendor);
  for (const json& size : {json(4), json(0), json(-5), json("five"), json(27)}) {
    add("committee size " + size.dump(), "POST", "/v1/tenders/" + tender_id + "/committee", json({{"size", size}}).dump(), officer);
  }
  add("expert profile of no account", "PUT", "/v1/experts/acc_nope", R"({"specialties":[],"affiliations":[]})", kAdmin);
  add("expert profile with a number", "PUT", "/v1/experts/acc_nope", R"({"specialties":[1],"affiliations":[]})", kAdmin);
  add("expert profile with a bad credit code", "PUT", "/v1/experts/acc_nope", R"({"specialties":[],"affiliations":["123"]})", kAdmin);
  // After the award (issue 20): calendars, challenges, answers, complaints, decisions, contracts.
  for (const json& cal : {json({{"holidays", {"2026-02-30"}}, {"workdays", json::array()}}),
                          json({{"holidays", {"2026-12-13"}}, {"workdays", json::array()}}),
                          json({{"holidays", {"2027-01-01"}}, {"workdays", json::array()}}),
                          json({{"holidays", json::array()}, {"workdays", {"2026-12-14"}}}),
                          json({{"holidays", {"2026-12-10", "2026-12-10"}}, {"workdays", json::array()}}),
                          json({{"holidays", {1}}, {"workdays", json::array()}}), json({{"holidays", "2026-12-10"}}),
                          json({{"holidays", json::array()}})}) {
    add("calendar " + cal.dump(), "PUT", "/v1/calendar/2026", cal.dump(), kAdmin);
  }
  for (const char* year : {"26", "1999", "2100", "20x6", "%20026"}) {
    add(std::string("calendar year ") + year, "PUT", std::string("/v1/calendar/") + year,
        R"({"holidays":[],"workdays":[]})", kAdmin);
  }
  add("challenge without grounds", "POST", "/v1/tenders/" + tender_id + "/challenges", R"({"grounds":" "})", vendor);
  add("challenge with control characters", "POST", "/v1/tenders/" + tender_id + "/challenges",
      json({{"grounds", std::string("a\x01" "b")}}).dump(), vendor);
  add("challenge too long", "POST", "/v1/tenders/" + tender_id + "/challenges",
      json({{"grounds", std::string(5001, 'g')}}).dump(), vendor);
  add("challenge before the award", "POST", "/v1/tenders/" + tender_id + "/challenges", R"({"grounds":"x"})", vendor);
  for (const json& answer : {json({{"decision", "maybe"}, {"answer", "x"}}), json({{"decision", "dismissed"}}),
                             json({{"decision", "dismissed"}, {"answer", "x"}, {"remedy", "cancel"}}),
                             json({{"decision", "upheld"}, {"answer", "x"}, {"remedy", "refund"}})}) {
    add("answer " + answer.dump(), "POST", "/v1/challenges/chl_nope/answer", answer.dump(), officer);
    json decision = answer;
    if (decision.contains("answer")) {
      decision["reason"] = decision["answer"];
      decision.erase("answer");
    }
    add("decision " + decision.dump(), "POST", "/v1/complaints/cmp_nope/decision", decision.dump(), kAdmin);
  }
  add("complaint about no challenge", "POST", "/v1/challenges/chl_nope/complaint", R"({"grounds":"x"})", vendor);
  for (const json& contract : {json({{"signed_on", "2026-02-30"}, {"amount", "1.00"}}), json({{"signed_on", "2026-12-01"}, {"amount", 1}}),
                               json({{"signed_on", "2026-12-01"}, {"amount", "-1.00"}}), json({{"amount", "1.00"}})}) {
    add("contract " + contract.dump(), "POST", "/v1/tenders/" + tender_id + "/contract", contract.dump(), officer);
  }
  for (const char* q : {"before=tomorrow", "before=2026-02-30", "after=2026-01-01"}) {
    add(std::string("deadlines?") + q, "GET", std::string("/v1/deadlines?") + q, "", officer);
  }
  add("complaints?status=open", "GET", "/v1/complaints?status=open", "", kAdmin);
  // Data exchange (the exchange issue): exports read no query; public routes refuse bad ones.
  add("export with a query", "GET", "/v1/exports/approved-list.csv?format=xls", "", kAdmin);
  for (const char* q : {"limit=0", "limit=501", "limit=x", "cursor=forged", "page=2"}) {
    add(std::string("public approved list ?") + q, "GET", std::string("/public/v1/approved-list?") + q, "", "");
  }
  for (const char* q : {"domestic=yes", "q=%21%21%21", "vendor_id=x", "max_price=1", "limit=-1"}) {
    add(std::string("public catalog ?") + q, "GET", std::string("/public/v1/catalog?") + q, "", "");
  }
  for (const char* q : {"after=x", "after=-5", "after=99999999999999999999", "types=vendor,tender", "types=", "wait=31",
                        "wait=-1", "limit=0", "since=1"}) {
    add(std::string("changes?") + q, "GET", std::string("/v1/changes?") + q, "", kAdmin);
  }
  for (const char* q : {"after=x", "after=-1", "limit=0", "cursor=1"}) {
    add(std::string("ocds releases?") + q, "GET", std::string("/public/v1/ocds/releases?") + q, "", "");
  }
  add("public tenders with a forged cursor", "GET", "/public/v1/tenders?cursor=forged", "", "");
  add("ocds of no tender", "GET", "/v1/tenders/tnd_nope/ocds", "", kAdmin);
  add("public sanctions with a query", "GET", "/public/v1/sanctions?all=true", "", "");
  // Projects (the projects issue): plans, proposals and the refusal, against every wrong shape.
  {
    HttpResult d = Http(server_->port(), "POST", "/v1/accounts",
                        json({{"name", "靶子部门"}, {"role", "department"}, {"department", "靶子局"}}).dump(),
                        {{"Authorization", std::string("Bearer ") + kAdmin}});
    ASSERT_EQ(d.status, 201) << d.body;
    const std::string dept = d.json()["token"];
    const json plan = {{"title", "靶子规划"}, {"period_start", "2026-01-01"}, {"period_end", "2026-12-31"},
                       {"items", {{{"code", "T-1"}, {"title", "靶子项"}, {"budget_ceiling", "100.00"}}}}};
    for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
             {"title", json(nullptr)}, {"title", json(std::string(201, 'x'))}, {"period_start", json("2026-02-30")},
             {"period_end", json(20261231)}, {"items", json("T-1")}, {"items", json::array({json("T-1")})},
             {"items", json::array({{{"code", "T-1"}, {"title", "x"}, {"budget_ceiling", 100}}})},
             {"items", json::array({{{"code", std::string(33, 'c')}, {"title", "x"}, {"budget_ceiling", "1.00"}}})},
             {"items", json::array({{{"code", "T-1"}, {"title", "x"}, {"budget_ceiling", "1.001"}}})},
             {"items", json::array({{{"code", "T-1"}, {"title", "x\u202Ey"}, {"budget_ceiling", "1.00"}, {"owner", "me"}}})},
             {"items", json(std::vector<json>(501, {{"code", "T"}, {"title", "x"}, {"budget_ceiling", "1.00"}}))},
             {"status", json("adopted")}}) {
      json b = plan;
      b[field] = value;
      add("plan " + field + " = " + value.dump().substr(0, 60), "POST", "/v1/plans", b.dump(), kAdmin);
    }
    HttpResult adopted = Http(server_->port(), "POST", "/v1/plans", plan.dump(), {{"Authorization", std::string("Bearer ") + kAdmin}});
    ASSERT_EQ(adopted.status, 201) << adopted.body;
    const std::string plan_id = adopted.json()["id"];
    ASSERT_EQ(Http(server_->port(), "POST", "/v1/plans/" + plan_id + "/adopt", "{}", {{"Authorization", std::string("Bearer ") + kAdmin}}).status, 200);
    const json project = {{"title", "靶子项目"}, {"plan_id", plan_id}, {"plan_item", "T-1"}, {"description", "靶子"},
                          {"budget_requested", "10.00"}, {"information_sharing", {{"provides", {"靶子数据"}}, {"uses", json::array()}}}};
    for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
             {"budget_requested", json(10)}, {"budget_requested", json("-1.00")}, {"budget_requested", json("0.00")},
             {"budget_requested", json("100.01")}, {"budget_requested", json("1e3")}, {"plan_id", json(std::string(65, 'p'))},
             {"plan_item", json("T-9")}, {"description", json(std::string(2001, 'd'))}, {"description", json("")},
             {"information_sharing", json::array()}, {"information_sharing", json({{"provides", "靶子数据"}})},
             {"information_sharing", json({{"provides", {1, 2}}})}, {"information_sharing", json({{"provides", json::array()}, {"uses", json::array()}})},
             {"information_sharing", json({{"provides", std::vector<std::string>(51, "x")}})},
             {"information_sharing", json({{"provides", {std::string(201, 'x')}}})}, {"department", json("别的局")},
             {"status", json("approved")}}) {
      json b = project;
      b[field] = value;
      add("project " + field + " = " + value.dump().substr(0, 60), "POST", "/v1/projects", b.dump(), dept);
    }
    for (const char* q : {"status=bogus", "limit=0", "limit=501", "cursor=%FF", "department=x"}) {
      add(std::string("projects?") + q, "GET", std::string("/v1/projects?") + q, "", kAdmin);
      add(std::string("plans?") + q, "GET", std::string("/v1/plans?") + q, "", kAdmin);
    }
    add("reject no project", "POST", "/v1/projects/prj_nope/reject", R"({"reason":"x"})", kAdmin);
    add("adopt no plan", "POST", "/v1/plans/pln_nope/adopt", "{}", kAdmin);
    add("department account without its department", "POST", "/v1/accounts", R"({"name":"x","role":"department"})", kAdmin);
    add("finance account with a department", "POST", "/v1/accounts", R"({"name":"x","role":"finance","department":"y"})", kAdmin);
    add("department name with a bidi control", "POST", "/v1/accounts",
        R"({"name":"x","role":"department","department":"教育\u202E局"})", kAdmin);
  }
  for (const char* day : {"2026-02-30", "2025-02-29", "2026-00-10", "26-01-01"}) {
    add(std::string("qualification issued_on ") + day, "POST", "/v1/vendors/" + vendor_id + "/qualifications",
        json({{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "X"}, {"issuer", "x"}, {"issued_on", day},
              {"expires_on", "2028-01-01"}})
            .dump(),
        kAdmin);
  }
  add("qualification expires before issue", "POST", "/v1/vendors/" + vendor_id + "/qualifications",
      json({{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "X"}, {"issuer", "x"}, {"issued_on", "2026-01-01"},
            {"expires_on", "2025-01-01"}})
          .dump(),
      kAdmin);
  add("unknown qualification level", "POST", "/v1/vendors/" + vendor_id + "/qualifications",
      json({{"type", "CS"}, {"level", "CS9"}, {"certificate_no", "X"}, {"issuer", "x"}, {"issued_on", "2026-01-01"},
            {"expires_on", "2027-01-01"}})
          .dump(),
      kAdmin);
  for (const char* id : {"110101199003077", "11010119900307757X", "110101199002307758", "abcdefghijklmnopqr"}) {
    add(std::string("ID number ") + id, "POST", "/v1/vendors/" + vendor_id + "/practitioners",
        json({{"name", "张三"}, {"id_number", id}, {"credentials", json::array()}}).dump(), vendor);
  }
  // 5. Query strings.
  for (const char* q : {"limit=0", "limit=501", "limit=-1", "limit=abc", "limit=1e3", "cursor=garbage", "cursor=c1:%FF",
                        "status=bogus", "unknown=1", "limit=1&limit=2"}) {
    add(std::string("vendors?") + q, "GET", std::string("/v1/vendors?") + q, "", kAdmin);
  }
  for (const char* q : {"q=%EF%BC%8C%E3%80%82", "q=" /* empty ok? no: paired with bad */ "&max_price=-1",
                        "max_price=1.001", "domestic=yes", "category=NOPE", "q=%FF%FE"}) {
    add(std::string("catalog?") + q, "GET", std::string("/v1/catalog?") + q, "", kAdmin);
  }
  add("market access without category", "GET", "/v1/vendors/" + vendor_id + "/market-access", "", kAdmin);
  add("market access on 2026-02-30", "GET", "/v1/vendors/" + vendor_id + "/market-access?category=SYSTEM_INTEGRATION&on=2026-02-30", "", kAdmin);
  // 6. Paths and methods.
  for (const char* path : {"/v1/vendors/../accounts", "/v1/vendors/%2e%2e/accounts", "/v1/vendors/%00", "//v1/vendors",
                           "/v1/vendors/ven_nope", "/v1/nothing", "/v1/vendors/%zz", "/v1/tenders/x/../../accounts",
                           "/V1/VENDORS", "/v1/vendors/ven_1/qualifications/extra"}) {
    add(std::string("path ") + path, "GET", path, "", kAdmin);
  }
  add("long path", "GET", "/v1/vendors/" + std::string(5000, 'a'), "", kAdmin);
  for (const char* m : {"DELETE", "PUT", "BREW", "TRACE"}) add(std::string("method ") + m, m, "/v1/vendors", "", kAdmin);
  // 7. Headers and authentication.
  add("wrong content type", "POST", "/v1/vendors", good.dump(), "", {{"Content-Type", "text/plain"}});
  add("form content type", "POST", "/v1/vendors", "name=x", "", {{"Content-Type", "application/x-www-form-urlencoded"}});
  add("unknown token", "GET", "/v1/me", "", "rgt_not-a-real-token");
  add("huge token", "GET", "/v1/me", "", std::string(8000, 'A'));
  add("basic auth", "GET", "/v1/me", "", "", {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  add("bearer without token", "GET", "/v1/me", "", "", {{"Authorization", "Bearer "}});
  add("bad If-Match", "PATCH", "/v1/vendors/" + vendor_id, R"({"region_code":"440507"})", kAdmin, {{"If-Match", "not-a-version"}});
  add("stale If-Match", "PATCH", "/v1/vendors/" + vendor_id, R"({"region_code":"440507"})", kAdmin, {{"If-Match", "\"7\""}});
  add("idempotency key too long", "POST", "/v1/vendors", good.dump(), "", {{"Idempotency-Key", std::string(300, 'k')}});
  raw("header block over 16 KiB", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  raw("malformed request line", "GARBAGE\r\n\r\n");
  raw("bad content length", "POST /v1/vendors HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}");
  raw("negative content length", "POST /v1/vendors HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}");
  raw("declared body over 1 MiB", "POST /v1/vendors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
  raw("HTTP/0.9", "GET /healthz\r\n\r\n");
  // 8. Roles: each role against writes it may not make (the full matrix is role_matrix_e2e_test).
  const std::vector<std::pair<std::string, std::string>> roles = {{"officer", officer}, {"expert", expert},
                                                                   {"auditor", auditor}, {"vendor", vendor}, {"anonymous", ""}};
  const std::vector<std::tuple<std::string, std::string, std::string>> bureau_only = {
      {"POST", "/v1/accounts", R"({"name":"x","role":"bureau"})"},
      {"POST", "/v1/vendors/" + vendor_id + "/listing", R"({"decision":"list","reason":"x"})"},
      {"PUT", "/v1/categories/EVIL", R"({"name":"x","kind":"services","requirements":[]})"},
      {"POST", "/v1/vendors/" + vendor_id + "/sanctions", R"({"kind":"debarment","reason":"x","starts_on":"2026-01-01","ends_on":"2026-12-31"})"},
      {"POST", "/v1/tenders", tender_good.dump()},
      {"POST", "/v1/tenders/" + tender_id + "/cancel", R"({"reason":"x"})"}};
  for (const auto& [method, target, body] : bureau_only) {
    for (const auto& [role, token] : roles) {
      if (role == "officer" && target.rfind("/v1/tenders", 0) == 0) continue;  // officers may
      add(role + " " + method + " " + target, method, target, body, token);
    }
  }

  ASSERT_GE(cases.size(), 150u);
  auto db = tdb_->Open(2);
  ASSERT_NE(db, nullptr);
  std::string before = testing_support::DumpTables(*db);
  ASSERT_NE(before.find("== vendors (1)"), std::string::npos) << "the dump must see the data it guards";
  ASSERT_NE(before.find("== tenders (1)"), std::string::npos);
  std::cout << cases.size() << " hostile requests\n";
  for (const Case& c : cases) {
    HttpResult r = Send(c);
    SCOPED_TRACE(c.name);
    EXPECT_GE(r.status, 400) << r.status << " " << r.body.substr(0, 300) << r.error;
    EXPECT_LT(r.status, 500) << r.status << " " << r.body.substr(0, 300) << r.error;
    if (r.status >= 400 && !r.body.empty()) {
      EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body.substr(0, 300);
      json doc = json::parse(r.body, nullptr, false);
      EXPECT_TRUE(doc.is_object() && doc.contains("type") && doc.contains("status")) << r.body.substr(0, 300);
    }
  }
  std::string after = testing_support::DumpTables(*db);
  EXPECT_EQ(before, after) << "a hostile request changed the database";
  EXPECT_EQ(Http(server_->port(), "GET", "/healthz").status, 200) << "the server must still be up";
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileInputTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
