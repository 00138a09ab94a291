// Data exchange end to end on both backends (the exchange issue; CONTRACT.md "Data exchange"):
// the staff exports (CSV with a BOM, XLSX) and the public information routes (no account, ETag,
// caching, never a private field).
#include <gtest/gtest.h>

#include <set>

#include "e2e/tender_fixture.h"

namespace {

using namespace tender_fixture;

class ExchangeE2eTest : public TenderFixture {
 protected:
  // The CSV's rows (a simple reader for the exports' own output: every field quoted, no quote or
  // line break inside the fields these tests look at).
  static std::vector<std::vector<std::string>> Rows(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    size_t at = csv.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    while (at < csv.size()) {
      size_t end = csv.find("\r\n", at);
      if (end == std::string::npos) end = csv.size();
      std::vector<std::string> cells;
      std::string line = csv.substr(at, end - at);
      size_t p = 0;
      while (p < line.size()) {
        size_t close = line.find('"', p + 1);
        while (close + 1 < line.size() && line[close + 1] == '"') close = line.find('"', close + 2);
        std::string cell = line.substr(p + 1, close - p - 1);
        for (size_t q = cell.find("\"\""); q != std::string::npos; q = cell.find("\"\"", q + 1)) cell.erase(q, 1);
        cells.push_back(cell);
        p = close + 2;  // past the quote and the comma
      }
      rows.push_back(cells);
      at = end + 2;
    }
    return rows;
  }
  static std::map<std::string, std::string> Record(const std::vector<std::string>& header, const std::vector<std::string>& row) {
    std::map<std::string, std::string> out;
    for (size_t i = 0; i < header.size() && i < row.size(); ++i) out[header[i]] = row[i];
    return out;
  }
  HttpResult Anonymous(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return Http(server_->port(), "GET", target, "", headers);
  }
};

TEST_P(ExchangeE2eTest, StaffExportTheApprovedListSanctionsAndCatalog) {
  Vendor listed = MakeVendor(1);
  Vendor unlisted = MakeVendor(2, /*listed=*/false);
  Vendor sanctioned = MakeVendor(3);
  std::string item = DomesticItem(listed);
  HttpResult pending = Post("/v1/catalog/items", {{"category", "SYSTEM_INTEGRATION"}, {"name", "待审核的服务"}, {"domestic", true},
                                                  {"unit_price", "100.00"}, {"unit", "项"}},
                            unlisted.token);
  ASSERT_EQ(pending.status, 201) << pending.body;
  HttpResult imposed = Post("/v1/vendors/" + sanctioned.id + "/sanctions",
                            {{"kind", "suspension"}, {"reason", "提供虚假材料"}, {"starts_on", "2026-11-01"}, {"ends_on", "2027-10-31"}},
                            kAdmin);
  ASSERT_EQ(imposed.status, 201) << imposed.body;
  HttpResult lifted = Post("/v1/vendors/" + listed.id + "/sanctions",
                           {{"kind", "suspension"}, {"reason", "误录"}, {"starts_on", "2026-11-01"}, {"ends_on", "2027-10-31"}}, kAdmin);
  ASSERT_EQ(lifted.status, 201) << lifted.body;
  ASSERT_EQ(Post("/v1/sanctions/" + lifted.json().value("id", "") + "/lift", {{"reason", "录入错误，撤销"}}, kAdmin).status, 200);

  // The approved list: listed vendors only, the columns the vendors import reads first.
  HttpResult csv = Get("/v1/exports/approved-list.csv", officer_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"approved-list-2026-12-01.csv\"");
  EXPECT_EQ(csv.header("cache-control"), "no-store");
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u) << "a UTF-8 byte-order mark first";
  auto rows = Rows(csv.body);
  ASSERT_EQ(rows.size(), 3u) << csv.body;  // the header, vendors 1 and 3 (listed; a sanction does not unlist)
  EXPECT_EQ(rows[0], (std::vector<std::string>{"name", "credit_code", "enterprise_size", "region_code", "status", "categories",
                                               "qualifications"}));
  std::map<std::string, std::map<std::string, std::string>> by_code;
  for (size_t i = 1; i < rows.size(); ++i) by_code[rows[i][1]] = Record(rows[0], rows[i]);
  ASSERT_TRUE(by_code.count(CreditCode(1))) << csv.body;
  EXPECT_FALSE(by_code.count(CreditCode(2))) << "an unlisted vendor is not on the approved list";
  EXPECT_EQ(by_code[CreditCode(1)]["name"], "投标人1");
  EXPECT_EQ(by_code[CreditCode(1)]["status"], "listed");
  EXPECT_EQ(by_code[CreditCode(1)]["categories"], "SYSTEM_INTEGRATION");
  EXPECT_EQ(by_code[CreditCode(1)]["qualifications"], "CS CS3 CS3-1 (2028-12-31)");
  EXPECT_EQ(by_code[CreditCode(3)]["categories"], "") << "a sanction in force takes market access away";

  HttpResult xlsx = Get("/v1/exports/approved-list.xlsx", auditor_);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.header("content-disposition"), "attachment; filename=\"approved-list-2026-12-01.xlsx\"");
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4)) << "an XLSX is a zip archive";

  HttpResult sanctions = Get("/v1/exports/sanctions.csv", kAdmin);
  ASSERT_EQ(sanctions.status, 200) << sanctions.body;
  rows = Rows(sanctions.body);
  ASSERT_EQ(rows.size(), 3u) << sanctions.body;
  EXPECT_EQ(rows[0][0], "vendor_name");
  std::map<std::string, std::string> state;
  for (size_t i = 1; i < rows.size(); ++i) state[Record(rows[0], rows[i])["credit_code"]] = Record(rows[0], rows[i])["state"];
  EXPECT_EQ(state[CreditCode(3)], "in_force");
  EXPECT_EQ(state[CreditCode(1)], "lifted");

  HttpResult catalog = Get("/v1/exports/catalog.csv", officer_);
  ASSERT_EQ(catalog.status, 200) << catalog.body;
  rows = Rows(catalog.body);
  ASSERT_EQ(rows.size(), 2u) << "the listed item only, not the pending one: " << catalog.body;
  auto exported = Record(rows[0], rows[1]);
  EXPECT_EQ(exported["credit_code"], CreditCode(1));
  EXPECT_EQ(exported["category"], "SYSTEM_INTEGRATION");
  EXPECT_EQ(exported["domestic"], "true");
  EXPECT_EQ(exported["id"], item);

  // Exports are for staff.
  for (const char* file : {"approved-list.csv", "approved-list.xlsx", "sanctions.csv", "catalog.csv"}) {
    ExpectProblem(Get(std::string("/v1/exports/") + file, listed.token), 403, "forbidden");
    ExpectProblem(Get(std::string("/v1/exports/") + file, panel_[0]), 403, "forbidden");
    ExpectProblem(Anonymous(std::string("/v1/exports/") + file), 401, "unauthenticated");
  }
}

TEST_P(ExchangeE2eTest, PublicInformationNeedsNoAccountAndIsCacheable) {
  Vendor a = MakeVendor(1), b = MakeVendor(2);
  MakeVendor(3, /*listed=*/false);
  HttpResult page1 = Anonymous("/public/v1/approved-list?limit=1");
  ASSERT_EQ(page1.status, 200) << page1.body;
  EXPECT_EQ(page1.header("cache-control"), "public, max-age=60");
  EXPECT_EQ(page1.header("access-control-allow-origin"), "*");
  std::string etag = page1.header("etag");
  ASSERT_EQ(etag.size(), 34u) << etag;
  const json first = page1.json();
  EXPECT_EQ(first["on"], "2026-12-01");
  ASSERT_EQ(first["items"].size(), 1u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  HttpResult page2 = Anonymous("/public/v1/approved-list?limit=1&cursor=" + first["next_cursor"].get<std::string>());
  ASSERT_EQ(page2.status, 200) << page2.body;
  const json second = page2.json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_TRUE(second["next_cursor"].is_null()) << "the unlisted vendor is not on the list";
  std::set<std::string> ids = {first["items"][0]["id"], second["items"][0]["id"]};
  EXPECT_EQ(ids, (std::set<std::string>{a.id, b.id}));
  const json entry = first["items"][0];
  EXPECT_EQ(entry["categories"], json::array({"SYSTEM_INTEGRATION"}));
  EXPECT_EQ(entry["qualifications"][0]["type"], "CS");
  EXPECT_FALSE(entry.contains("contact"));
  // The names of what the page names, for readers without an account.
  EXPECT_FALSE(first["category_names"].value("SYSTEM_INTEGRATION", "").empty()) << page1.body;
  EXPECT_FALSE(first["type_names"].value("CS", "").empty()) << page1.body;

  // The client's copy is current: 304 with no body; after a change, a new ETag.
  HttpResult same = Anonymous("/public/v1/approved-list?limit=1", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(same.header("etag"), etag);
  ASSERT_EQ(Post("/v1/vendors/" + first["items"][0]["id"].get<std::string>() + "/listing",
                 {{"decision", "delist"}, {"reason", "资质失效"}}, kAdmin).status, 200);
  HttpResult changed = Anonymous("/public/v1/approved-list?limit=1", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("etag"), etag);
  const bool a_gone = first["items"][0]["id"] == a.id;
  const Vendor& gone = a_gone ? a : b;
  const Vendor& kept = a_gone ? b : a;
  DomesticItem(kept);

  // Credentials are never read there: a token that is not valid changes nothing.
  EXPECT_EQ(Http(server_->port(), "GET", "/public/v1/sanctions", "", {{"Authorization", "Bearer not-a-token"}}).status, 200);

  // Sanctions: only those in force today.
  HttpResult now = Post("/v1/vendors/" + gone.id + "/sanctions",
                        {{"kind", "debarment"}, {"reason", "串通投标"}, {"starts_on", "2026-11-01"}, {"ends_on", "2027-10-31"}}, kAdmin);
  ASSERT_EQ(now.status, 201);
  ASSERT_EQ(Post("/v1/vendors/" + kept.id + "/sanctions",
                 {{"kind", "suspension"}, {"reason", "将来"}, {"starts_on", "2027-01-01"}, {"ends_on", "2027-10-31"}}, kAdmin).status,
            201);
  HttpResult sanctions = Anonymous("/public/v1/sanctions");
  ASSERT_EQ(sanctions.status, 200) << sanctions.body;
  const json in_force = sanctions.json()["items"];
  ASSERT_EQ(in_force.size(), 1u) << sanctions.body;
  EXPECT_EQ(in_force[0]["vendor_id"], gone.id);
  EXPECT_EQ(in_force[0]["credit_code"], CreditCode(a_gone ? 1 : 2));
  EXPECT_EQ(in_force[0]["kind"], "debarment");

  // The catalog, searched in Chinese.
  HttpResult found = Anonymous("/public/v1/catalog?q=" + std::string("%E9%9B%86%E6%88%90"));  // 集成
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.json()["items"][0]["domestic"], true);
  ExpectProblem(Anonymous("/public/v1/catalog?domestic=maybe"), 422, "validation");
  ExpectProblem(Anonymous("/public/v1/catalog?vendor=x"), 422, "validation");
}

// Every public route, walked as an anonymous client: no contact detail, practitioner, pending
// item or unlisted vendor anywhere in what it says.
TEST_P(ExchangeE2eTest, NoPublicRouteShowsAPrivateField) {
  Vendor v = MakeVendor(1);
  Vendor hidden = MakeVendor(2, /*listed=*/false);
  DomesticItem(v);
  ASSERT_EQ(Call("PATCH", "/v1/vendors/" + v.id, v.token,
                 {{"contact", {{"name", "联系人甲乙"}, {"phone", "0754-88123456"}, {"email", "secret@vendor.example.cn"},
                               {"address", "汕头市金平区秘密路1号"}}}})
                .status,
            200);
  HttpResult p = Post("/v1/vendors/" + v.id + "/practitioners",
                      {{"name", "隐私工程师"}, {"id_number", IdNumber(777)},
                       {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "SI-PRIVATE-1"}, {"issued_on", "2020-05-20"}}}}},
                      v.token);
  ASSERT_EQ(p.status, 201) << p.body;
  ASSERT_EQ(Post("/v1/catalog/items", {{"category", "SYSTEM_INTEGRATION"}, {"name", "未审核产品"}, {"domestic", true},
                                       {"unit_price", "100.00"}, {"unit", "项"}},
                 v.token).status,
            201);
  const std::vector<std::string> secrets = {"联系人甲乙", "0754-88123456", "secret@vendor.example.cn", "秘密路", "隐私工程师",
                                            IdNumber(777).substr(0, 4) + "**", "SI-PRIVATE-1", "未审核产品", "投标人2",
                                            hidden.id, "\"contact\"", "practitioner"};
  HttpResult spec = Anonymous("/openapi.json");
  ASSERT_EQ(spec.status, 200);
  const json paths = spec.json()["paths"];
  int walked = 0;
  for (auto it = paths.begin(); it != paths.end(); ++it) {
    const std::string& path = it.key();
    if (path.rfind("/public/", 0) != 0 || !it.value().contains("get")) continue;
    ASSERT_EQ(path.find('{'), std::string::npos) << "a public route with a parameter needs a value here: " << path;
    HttpResult r = Anonymous(path);
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
    for (const std::string& s : secrets) EXPECT_EQ(r.body.find(s), std::string::npos) << path << " shows " << s << ": " << r.body;
    ++walked;
  }
  EXPECT_GE(walked, 3);
}

TEST_P(ExchangeE2eTest, PublicReadsHaveTheirOwnAllowance) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin, {{"REGISTRY_CLOCK_FILE", clock_file_}, {"REGISTRY_PUBLIC_RATE_LIMIT", "3"}}));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Anonymous("/public/v1/sanctions").status, 200);
  HttpResult limited = Anonymous("/public/v1/approved-list");
  ExpectProblem(limited, 429, "rate_limited");
  EXPECT_FALSE(limited.header("retry-after").empty());
  // The accounts' routes are not held back by it (REGISTRY_RATE_LIMIT is off in the tests).
  EXPECT_EQ(Get("/v1/me", kAdmin).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
