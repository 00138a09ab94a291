// Issue 6: the role matrix, generated from one table. Every endpoint of the router × every
// role and anonymous → the expected answer, over real HTTP to the real registryd, each backend.
// Bodies are valid, so a refusal can only come from the role check. A test also keeps the
// table covering every route the server has (GET /openapi.json).
//
// Cells: 'A' allowed (any answer but 401/403: the request reached the use case), 'F' 403
// forbidden, 'S' 403 sealed, 'U' 401 unauthenticated, 'N' 404 (another vendor's record is
// invisible rather than forbidden).
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <set>

#include "support/registryd_process.h"
#include "support/server_test.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;

const char* kAdmin = "role-matrix-admin-token-0123456789";

// Column order of the cells.
const std::vector<std::string> kRoles = {"anonymous", "bureau", "officer", "expert", "auditor", "vendor", "other_vendor",
                                         "department", "finance"};

struct Row {
  std::string method;
  std::string path;  // {vendor} {quali} {sanction} {app} {item} {tender} {prac} are filled in
  std::string body;  // JSON, or empty
  std::string cells; // one per kRoles entry
};

// The contract's "who may" column (../shared/api/CONTRACT.md, docs/api.md), as observed state
// allows: the tender is open (bids sealed) until the rows that open it.
const std::vector<Row> kMatrix = {
    //                                                                                   anon bur off exp aud ven oth dep fin
    {"GET", "/healthz", "", "AAAAAAAAA"},
    {"GET", "/readyz", "", "AAAAAAAAA"},
    {"GET", "/metrics", "", "UAFFAFFFF"},
    {"GET", "/openapi.json", "", "AAAAAAAAA"},
    {"GET", "/v1/me", "", "UAAAAAAAA"},
    {"POST", "/v1/accounts", R"({"name":"新账户","role":"auditor"})", "UAFFFFFFF"},
    {"GET", "/v1/audit", "", "UAFFAFFFF"},
    {"GET", "/v1/audit/verify", "", "UAFFAFFFF"},
    {"GET", "/v1/audit/checkpoint", "", "UAFFAFFFF"},
    {"GET", "/v1/qualification-types", "", "UAAAAAAAA"},
    {"PUT", "/v1/qualification-types/MATRIX_T",
     R"({"name":"矩阵类型","holder":"vendor","levels":["一级"],"validity_years":3})", "UAFFFFFFF"},
    {"GET", "/v1/categories", "", "UAAAAAAAA"},
    {"GET", "/v1/categories/SYSTEM_INTEGRATION", "", "UAAAAAAAA"},
    {"PUT", "/v1/categories/MATRIX_C", R"({"name":"矩阵品目","kind":"services","requirements":[]})", "UAFFFFFFF"},
    {"POST", "/v1/vendors", R"({"name":"矩阵注册","credit_code":"{creditcode}","enterprise_size":"micro"})", "AAAAAAAAA"},
    {"GET", "/v1/vendors", "", "UAAAAAAAA"},
    {"GET", "/v1/vendors?eligible_for=SYSTEM_INTEGRATION", "", "UAAAAFFAA"},
    {"GET", "/v1/vendors/{vendor}", "", "UAAAAAAAA"},
    {"PATCH", "/v1/vendors/{vendor}", R"({"contact":{"phone":"0754-88000000"}})", "UAFFFAFFF"},
    {"POST", "/v1/vendors/{vendor}/listing", R"({"decision":"list","reason":"矩阵"})", "UAFFFFFFF"},
    {"GET", "/v1/vendors/{vendor}/qualifications", "", "UAAAAAAAA"},
    {"POST", "/v1/vendors/{vendor}/qualifications",
     R"({"type":"ITSS","level":"三级","certificate_no":"M-2","issuer":"x","issued_on":"2025-01-01","expires_on":"2027-12-31"})",
     "UAFFFFFFF"},
    {"GET", "/v1/qualifications?status=active", "", "UAFFAAAFF"},
    {"POST", "/v1/qualifications/{quali}/suspend", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/qualifications/{quali}/reinstate", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/qualifications/{quali}/revoke", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"GET", "/v1/vendors/{vendor}/practitioners", "", "UAAFAAFFF"},
    {"POST", "/v1/vendors/{vendor}/practitioners",
     R"({"name":"矩阵工程师","id_number":"{idnumber}","credentials":[{"type":"RK_SI_PM","certificate_no":"M-P","issued_on":"2020-01-01"}]})",
     "UAFFFAFFF"},
    {"GET", "/v1/practitioners?status=pending", "", "UAFFAFFFF"},
    {"POST", "/v1/files?name=matrix.pdf", "{}", "UAFFFAAFF"},
    {"GET", "/v1/files/{file}", "", "UANNAANNN"},
    {"GET", "/v1/practitioners/{prac}", "", "UAANAANNN"},
    {"POST", "/v1/practitioners/{prac}/decision", R"({"decision":"reject","comment":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/practitioners/{prac}/depart", R"({"on":"2030-01-01","reason":"矩阵"})", "UAFNFANNN"},
    {"GET", "/v1/vendors/{vendor}/sanctions", "", "UAAAAAAAA"},
    {"POST", "/v1/vendors/{vendor}/sanctions",
     R"({"kind":"suspension","reason":"矩阵","starts_on":"2020-01-01","ends_on":"2020-01-02"})", "UAFFFFFFF"},
    {"POST", "/v1/sanctions/{sanction}/lift", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"GET", "/v1/vendors/{vendor}/market-access?category=SYSTEM_INTEGRATION", "", "UAAAAAAAA"},
    {"POST", "/v1/applications", R"({"kind":"listing","evidence":[]})", "UFFFFAAFF"},
    {"GET", "/v1/applications", "", "UAFFAAAFF"},  // auditors read everything; a vendor sees its own
    {"GET", "/v1/applications/{app}", "", "UAFFAANFF"},
    {"POST", "/v1/applications/{app}/decision", R"({"decision":"reject","comment":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/catalog/items",
     R"({"category":"SYSTEM_INTEGRATION","name":"矩阵服务","description":"运维","unit":"项","unit_price":"10.00","domestic":true})",
     "UFFFFAAFF"},
    {"GET", "/v1/catalog/items?status=pending", "", "UAFFAAAFF"},
    {"GET", "/v1/catalog/items/{item}", "", "UAAAAAAAA"},
    {"POST", "/v1/catalog/items/{item}/decision", R"({"decision":"approve","comment":"矩阵"})", "UAFFFFFFF"},
    {"GET", "/v1/catalog?q=%E8%BF%90%E7%BB%B4", "", "UAAAAAAAA"},
    {"POST", "/v1/evaluations/simulate", "{simulate}", "UAAAAFFAA"},
    {"POST", "/v1/tenders",
     R"({"title":"矩阵项目","category":"SYSTEM_INTEGRATION","budget":"1000.00","method":"lowest_price","bid_deadline":"2030-01-01T00:00:00Z"})",
     "UFAFFFFFF"},
    {"GET", "/v1/tenders", "", "UAAAAAAAA"},
    {"GET", "/v1/tenders/{tender}", "", "UAAAAAAAA"},
    {"POST", "/v1/tenders/{tender}/publish", "{}", "UFAFFFFFF"},
    {"POST", "/v1/tenders/{tender}/bids", R"({"price":"900.00","domestic":true})", "UFFFFAAFF"},
    {"GET", "/v1/tenders/{tender}/bids", "", "UFSSSAAFF"},
    {"POST", "/v1/tenders/{tender}/bids/withdraw", "{}", "UFFFFAAFF"},  // the other vendor: 404, no bid
    // The procedure before the opening (issue 19). A vendor asks; the owner clarifies; the
    // reveal and its closing reach a tender sealed by the server (409, so 'A'); the bureau keeps
    // the expert's profile, which the expert reads too.
    {"POST", "/v1/tenders/{tender}/questions", R"({"text":"矩阵提问"})", "UFFFFAAFF"},
    {"GET", "/v1/tenders/{tender}/questions", "", "UAAFAAAFF"},  // a vendor reads its own
    {"POST", "/v1/tenders/{tender}/clarifications", R"({"text":"矩阵澄清"})", "UFAFFFFFF"},
    {"GET", "/v1/tenders/{tender}/clarifications", "", "UAAAAAAAA"},
    {"POST", "/v1/tenders/{tender}/bids/reveal", R"({"price":"900.00","nonce":"00000000000000000000000000000000"})", "UFFFFAAFF"},
    {"POST", "/v1/tenders/{tender}/close-reveal", "{}", "UFAFFFFFF"},
    {"PUT", "/v1/experts/{expert}", R"({"specialties":["SYSTEM_INTEGRATION"],"affiliations":[]})", "UAFFFFFFF"},
    {"GET", "/v1/experts/{expert}", "", "UAFAFFFFF"},  // the bureau and the expert itself
    {"POST", "/v1/tenders/{tender}/open", "{}", "UFAFFFFFF"},
    {"POST", "/v1/tenders/{tender}/committee", R"({"size":4})", "UFAFFFFFF"},  // 422 for the officer: even
    {"GET", "/v1/tenders/{tender}/committee", "", "UAAFAFFFF"},  // 404 before the draw; an expert outside it: 403
    {"POST", "/v1/tenders/{tender}/scores", R"({"scores":[]})", "UFFAFFFFF"},  // experts only, each in their own name
    {"POST", "/v1/tenders/{tender}/evaluate", "{}", "UFAFFFFFF"},
    {"GET", "/v1/tenders/{tender}/evaluation", "", "UFAFAFFFF"},  // among experts, only the committee's members
    {"POST", "/v1/tenders/{tender}/award", "{}", "UFAFFFFFF"},
    // After the award (issue 20). Neither vendor has a live bid here (one withdrew, the other
    // never bid), so a challenge is refused to both: the allowed case is after_award_e2e_test's.
    // Unknown challenge and complaint ids reach the use case as 404 ('A').
    {"GET", "/v1/calendar/2026", "", "UAAAAAAAA"},
    {"PUT", "/v1/calendar/2027", R"({"holidays":[],"workdays":[]})", "UAFFFFFFF"},
    {"POST", "/v1/tenders/{tender}/challenges", R"({"grounds":"矩阵质疑"})", "UFFFFFFFF"},
    {"GET", "/v1/tenders/{tender}/challenges", "", "UAAFAAAFF"},  // a vendor reads its own
    {"POST", "/v1/challenges/chl-none/answer", R"({"decision":"dismissed","answer":"矩阵"})", "UFAFFFFFF"},
    {"POST", "/v1/challenges/chl-none/complaint", R"({"grounds":"矩阵投诉"})", "UFFFFAAFF"},
    {"POST", "/v1/complaints/cmp-none/decision", R"({"decision":"dismissed","reason":"矩阵"})", "UAFFFFFFF"},
    {"GET", "/v1/complaints", "", "UAFFAAAFF"},  // a vendor its own
    {"GET", "/v1/complaints/cmp-none", "", "UAAFAAAFF"},
    {"POST", "/v1/tenders/{tender}/contract", R"({"signed_on":"2026-01-01","amount":"900.00"})", "UFAFFFFFF"},
    {"GET", "/v1/tenders/{tender}/evaluations", "", "UFAFAFFFF"},  // as /evaluation
    {"GET", "/v1/deadlines", "", "UAAFAAAFF"},
    // Data exchange (the exchange issue): exports for staff; public information for everyone.
    {"GET", "/v1/exports/approved-list.csv", "", "UAAFAFFFF"},
    {"GET", "/v1/exports/approved-list.xlsx", "", "UAAFAFFFF"},
    {"GET", "/v1/exports/sanctions.csv", "", "UAAFAFFFF"},
    {"GET", "/v1/exports/qualifications.csv", "", "UAAFAFFFF"},
    {"GET", "/v1/changes?limit=1", "", "UAAFAFFFF"},
    {"POST", "/v1/imports?kind=vendors&dry_run=true", "", "UAFFFFFFF"},
    {"GET", "/v1/imports/imp-none", "", "UAFFFFFFF"},
    {"GET", "/v1/exports/catalog.csv", "", "UAAFAFFFF"},
    {"GET", "/public/v1/approved-list", "", "AAAAAAAAA"},
    {"GET", "/public/v1/sanctions", "", "AAAAAAAAA"},
    {"GET", "/public/v1/catalog", "", "AAAAAAAAA"},
    {"GET", "/public/v1/tenders", "", "AAAAAAAAA"},
    {"GET", "/public/v1/ocds/releases", "", "AAAAAAAAA"},
    {"GET", "/ocds/extensions/domestic_preference/extension.json", "", "AAAAAAAAA"},
    {"GET", "/ocds/extensions/domestic_preference/release-schema.json", "", "AAAAAAAAA"},
    {"GET", "/v1/tenders/{tender}/ocds", "", "UAAAAAAAA"},
    {"GET", "/v1/policy-limits", "", "UAAAAAAAA"},
    {"PUT", "/v1/policy-limits", R"({"min_valid_bids_min":3,"domestic_price_deduction_pct_max":20,"sme_price_deduction_pct_max":20})", "UAFFFFFFF"},
    {"POST", "/v1/tenders/{tender}/officers", R"({"account_id":"{acct}"})", "UAAFFFFFF"},  // 422: not an officer
    {"POST", "/v1/tenders/{tender}/cancel", R"({"reason":"矩阵"})", "UFAFFFFFF"},
    // Projects (the projects issue): the bureau's plans, read by every account; a department's
    // projects, read by the bureau, finance, officers, auditors and that department.
    {"POST", "/v1/plans", R"({"title":"矩阵规划","period_start":"2026-01-01","period_end":"2028-12-31","items":[{"code":"M-1","title":"矩阵项","budget_ceiling":"100.00"}]})",
     "UAFFFFFFF"},
    {"GET", "/v1/plans", "", "UAAAAAAAA"},
    {"GET", "/v1/plans/{plan}", "", "UAAAAAAAA"},
    {"POST", "/v1/plans/{plan}/adopt", "{}", "UAFFFFFFF"},  // 409 for the bureau: adopted already
    {"POST", "/v1/projects",
     R"({"title":"矩阵项目","plan_id":"{plan}","plan_item":"M-1","description":"矩阵","budget_requested":"10.00","information_sharing":{"provides":["矩阵数据"],"uses":[]}})",
     "UFFFFFFAF"},
    {"GET", "/v1/projects", "", "UAAAAFFAA"},  // an expert: those whose budget review names it
    {"GET", "/v1/projects?status=proposed", "", "UAAAAFFAA"},
    {"GET", "/v1/projects/{project}", "", "UAANANNAA"},
    // The budget review: the bureau opens and closes it (409 here: the project is not in that
    // state), named experts give opinions (the row before names the matrix's expert), finance
    // approves (409 here: not reviewed).
    {"POST", "/v1/projects/{project}/budget-reviews", R"({"expert_ids":["{expert}"]})", "UAFFFFFFF"},
    {"POST", "/v1/projects/{project}/budget-reviews/opinions", R"({"recommended_budget":"5.00","opinion":"矩阵"})", "UFFAFFFFF"},
    {"POST", "/v1/projects/{project}/budget-reviews/close", "{}", "UAFFFFFFF"},
    {"POST", "/v1/projects/{project}/budget", R"({"approved_budget":"5.00"})", "UFFFFFFFA"},
    {"POST", "/v1/projects/{project}/reject", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    // Accounts and sign-in. {acct} is a spare auditor account, {spare} a spare vendor: changing
    // them leaves every role's own token working for the rows after.
    {"GET", "/v1/accounts?role=auditor", "", "UAFFAFFFF"},
    {"GET", "/v1/accounts/{acct}", "", "UAFFAFFFF"},
    {"POST", "/v1/accounts/{acct}/disable", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/accounts/{acct}/enable", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/accounts/{acct}/token", "{}", "UAFFFFFFF"},
    {"POST", "/v1/accounts/{acct}/password-reset", "{}", "UAFFFFFFF"},
    {"POST", "/v1/vendors/{spare}/reset-access", R"({"reason":"矩阵"})", "UAFFFFFFF"},
    {"POST", "/v1/sessions", "{signin}", "AAAAAAAAA"},
    {"DELETE", "/v1/sessions/current", "", "UUUUUUUUU"},  // bearer callers carry no session
    {"PUT", "/v1/me/password", R"({"current_password":"x","new_password":"y"})", "UAAAAAAAA"},
    {"POST", "/v1/me/token", "{}", "UAAAAAAAA"},  // last: it replaces each caller's token
};

const char* kSimulate =
    R"({"method":"comprehensive","price_weight":30,"budget":"1000.00","bids":[{"id":"A","price":"900.00","technical_score":60}]})";

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  for (size_t at = 0; at <= path.size();) {
    size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(at, slash - at));
    at = slash + 1;
  }
  return out;
}

// Whether a row's path (placeholders like {vendor}, or literal codes) is an instance of the
// router's pattern (segments like {id} match any one segment).
bool RouteMatches(const std::string& pattern, const std::string& path) {
  auto want = Segments(pattern), got = Segments(path);
  if (want.size() != got.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (!(want[i].size() > 1 && want[i].front() == '{') && want[i] != got[i]) return false;
  }
  return true;
}

class RoleMatrixTest : public testing_support::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin));
  }
  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") {
    std::vector<std::pair<std::string, std::string>> h;
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Http(server_->port(), method, path, body, h);
  }
  std::string Made(const HttpResult& r, const char* key) {
    EXPECT_EQ(r.status / 100, 2) << r.body;
    json j = r.json();
    if (j.contains("vendor")) return j["vendor"].value(key, "");
    return j.value(key, "");
  }

};

TEST_P(RoleMatrixTest, EveryEndpointAgainstEveryRole) {
  std::map<std::string, std::string> token = {{"anonymous", ""}, {"bureau", kAdmin}};
  for (const char* role : {"officer", "expert", "auditor", "finance"}) {
    token[role] = Made(Call("POST", "/v1/accounts", kAdmin, json({{"name", role}, {"role", role}}).dump()), "token");
  }
  token["department"] = Made(Call("POST", "/v1/accounts", kAdmin,
                                   json({{"name", "矩阵部门"}, {"role", "department"}, {"department", "市矩阵局"}}).dump()),
                              "token");
  std::map<std::string, std::string> ids;
  int n = 0;
  for (const char* who : {"vendor", "other_vendor"}) {
    ++n;
    HttpResult r = Call("POST", "/v1/vendors", "",
                        json({{"name", std::string("矩阵供应商") + who}, {"credit_code", testing_support::ValidCreditCode(70 + n)},
                              {"enterprise_size", "small"}})
                            .dump());
    token[who] = r.json().value("token", "");
    ids[who] = Made(r, "id");
  }
  ids["quali"] = Made(Call("POST", "/v1/vendors/" + ids["vendor"] + "/qualifications", kAdmin,
                           R"({"type":"CS","level":"CS3","certificate_no":"M-1","issuer":"x","issued_on":"2025-01-01","expires_on":"2028-12-31"})"),
                      "id");
  ids["sanction"] = Made(Call("POST", "/v1/vendors/" + ids["vendor"] + "/sanctions", kAdmin,
                              R"({"kind":"suspension","reason":"预置","starts_on":"2020-01-01","ends_on":"2020-01-02"})"),
                         "id");
  ids["prac"] = Made(Call("POST", "/v1/vendors/" + ids["vendor"] + "/practitioners", token["vendor"],
                          json({{"name", "矩阵人员"}, {"id_number", testing_support::ValidIdNumber(690)}}).dump()),
                     "id");
  ids["file"] = Made(Http(server_->port(), "POST", "/v1/files?name=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf",
                          "%PDF-1.4\n% matrix\n", {{"Authorization", "Bearer " + token["vendor"]}, {"Content-Type", "application/pdf"}}),
                     "id");
  ids["app"] = Made(Call("POST", "/v1/applications", token["vendor"], R"({"kind":"listing","evidence":[]})"), "id");
  ids["item"] = Made(Call("POST", "/v1/catalog/items", token["vendor"],
                          R"({"category":"SYSTEM_INTEGRATION","name":"预置服务","description":"运维","unit":"项","unit_price":"10.00","domestic":true})"),
                     "id");
  ids["tender"] = Made(Call("POST", "/v1/tenders", token["officer"],
                            R"({"title":"预置项目","category":"SYSTEM_INTEGRATION","budget":"1000.00","method":"lowest_price","bid_deadline":"2030-01-01T00:00:00Z"})"),
                       "id");
  ASSERT_EQ(Call("POST", "/v1/tenders/" + ids["tender"] + "/publish", token["officer"], "{}").status, 200);
  ids["acct"] = Made(Call("POST", "/v1/accounts", kAdmin, R"({"name":"矩阵备用","role":"auditor"})"), "id");
  ids["expert"] = Call("GET", "/v1/me", token["expert"]).json().value("id", "");
  HttpResult with_login = Call("POST", "/v1/accounts", kAdmin, R"({"name":"矩阵登录","role":"auditor","login":"matrix.login"})");
  const std::string signin = json({{"login", "matrix.login"}, {"password", Made(with_login, "password")}}).dump();
  ids["plan"] = Made(Call("POST", "/v1/plans", kAdmin,
                          R"({"title":"预置规划","period_start":"2026-01-01","period_end":"2028-12-31","items":[{"code":"M-1","title":"预置项","budget_ceiling":"100.00"}]})"),
                     "id");
  ASSERT_EQ(Call("POST", "/v1/plans/" + ids["plan"] + "/adopt", kAdmin, "{}").status, 200);
  ids["project"] = Made(Call("POST", "/v1/projects", token["department"],
                             json({{"title", "预置项目"}, {"plan_id", ids["plan"]}, {"plan_item", "M-1"}, {"description", "预置"},
                                   {"budget_requested", "10.00"}, {"information_sharing", {{"provides", {"预置数据"}}, {"uses", json::array()}}}})
                                 .dump()),
                        "id");
  ids["spare"] = Made(Call("POST", "/v1/vendors", "",
                           json({{"name", "矩阵备用供应商"}, {"credit_code", testing_support::ValidCreditCode(79)},
                                 {"enterprise_size", "small"}})
                               .dump()),
                      "id");

  auto fill = [&](std::string s) {
    if (s == "{signin}") return signin;
    for (const char* k : {"vendor", "quali", "sanction", "app", "item", "tender", "acct", "spare", "prac", "file", "expert", "plan", "project"}) {
      std::string key = std::string("{") + k + "}";
      for (size_t at; (at = s.find(key)) != std::string::npos;) s.replace(at, key.size(), ids[k]);
    }
    for (size_t at; (at = s.find("{idnumber}")) != std::string::npos;) {
      s.replace(at, 10, testing_support::ValidIdNumber(700 + n++));
    }
    for (size_t at; (at = s.find("{creditcode}")) != std::string::npos;) {
      s.replace(at, 12, testing_support::ValidCreditCode(800 + n++));
    }
    if (s == "{simulate}") s = kSimulate;
    return s;
  };

  std::set<std::string> covered;
  for (const Row& row : kMatrix) {
    ASSERT_EQ(row.cells.size(), kRoles.size()) << row.path;
    std::string path = fill(row.path);
    covered.insert(row.method + " " + row.path.substr(0, row.path.find('?')));
    for (size_t c = 0; c < kRoles.size(); ++c) {
      HttpResult r = Call(row.method, path, token[kRoles[c]], fill(row.body));
      std::string where = row.method + " " + row.path + " as " + kRoles[c] + ": " + std::to_string(r.status) + " " + r.body;
      std::string type = r.status >= 400 ? r.json().value("type", "") : "";
      switch (row.cells[c]) {
        case 'A':
          EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status < 500) << where;
          break;
        case 'F':
          EXPECT_EQ(r.status, 403) << where;
          EXPECT_EQ(type, "forbidden") << where;
          break;
        case 'S':
          EXPECT_EQ(r.status, 403) << where;
          EXPECT_EQ(type, "sealed") << where;
          break;
        case 'U':
          EXPECT_EQ(r.status, 401) << where;
          EXPECT_EQ(type, "unauthenticated") << where;
          break;
        case 'N':
          EXPECT_EQ(r.status, 404) << where;
          break;
        default:
          FAIL() << "bad cell in " << row.path;
      }
    }
  }

  // The table covers every route the server serves.
  json spec = Call("GET", "/openapi.json", "").json();
  for (const auto& [path, ops] : spec["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      if (method != "get" && method != "post" && method != "put" && method != "patch" && method != "delete") continue;
      std::string m = method;
      for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      const std::string& p = path;
      bool found = false;
      for (const Row& row : kMatrix) {
        found = found || (row.method == m && RouteMatches(p, row.path.substr(0, row.path.find('?'))));
      }
      EXPECT_TRUE(found) << m << " " << p << " is served but not in the role matrix";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RoleMatrixTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
