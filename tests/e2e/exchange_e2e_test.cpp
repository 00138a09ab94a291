// Data exchange end to end on both backends (the exchange issue; CONTRACT.md "Data exchange"):
// the staff exports (CSV with a BOM, XLSX) and the public information routes (no account, ETag,
// caching, never a private field).
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>
#include <tuple>

#include <fstream>
#include <sstream>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/id_number.h"
#include "e2e/tender_fixture.h"
#include "support/test_db.h"

namespace {

using namespace tender_fixture;

json ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// The OCDS 1.1.5 schemas (tests/data/ocds, unchanged copies) with the bid extension and the
// registry's domestic-preference extension merged into the release schema (RFC 7396, as OCDS
// extensions are applied), read once; validates a release package and each of its releases
// (JSON Schema draft-04, by valijson). Returns every error found, empty when valid.
class OcdsValidator {
 public:
  OcdsValidator() {
    const std::string data = OCDS_DATA_DIR;
    release_ = ReadJsonFile(data + "/1.1.5/release-schema.json");
    release_.merge_patch(ReadJsonFile(data + "/bid_extension_v1.1.5/release-schema.json"));
    release_.merge_patch(ReadJsonFile(std::string(OCDS_EXTENSION_DIR) + "/release-schema.json"));
    package_ = ReadJsonFile(data + "/1.1.5/release-package-schema.json");
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::NlohmannJsonAdapter release_adapter(release_);
    parser.populateSchema(release_adapter, release_schema_);
    // The package schema names the release schema by its URL: given the merged one.
    valijson::adapters::NlohmannJsonAdapter package_adapter(package_);
    auto fetch = [this](const std::string& uri) -> const json* {
      return uri.find("release-schema.json") != std::string::npos ? &release_ : nullptr;
    };
    parser.populateSchema(package_adapter, package_schema_, fetch, [](const json*) {});
  }
  std::vector<std::string> Check(const json& package) const {
    std::vector<std::string> out = Errors(package_schema_, package, "package");
    if (package.contains("releases")) {
      for (const json& r : package["releases"]) {
        auto more = Errors(release_schema_, r, r.value("id", "?"));
        out.insert(out.end(), more.begin(), more.end());
      }
    }
    return out;
  }
  // The merged release schema knows the extensions' fields: a bid's domestic must be a boolean.
  const json& release_schema() const { return release_; }

 private:
  static std::vector<std::string> Errors(const valijson::Schema& schema, const json& doc, const std::string& what) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    std::vector<std::string> out;
    if (validator.validate(schema, adapter, &results)) return out;
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
      std::string where;
      for (const auto& c : e.context) where += c;
      out.push_back(what + " " + where + ": " + e.description);
    }
    return out;
  }
  json release_, package_;
  valijson::Schema release_schema_, package_schema_;
};

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
  HttpResult Import(const std::string& kind, const std::string& csv, bool dry_run = false,
                    const std::string& token = kAdmin, const std::string& lang = "en") {
    return Http(server_->port(), "POST", "/v1/imports?kind=" + kind + (dry_run ? "&dry_run=true" : ""), csv,
                {{"Authorization", "Bearer " + token}, {"Content-Type", "text/csv"}, {"Accept-Language", lang}});
  }
  // The rows of an export without its header, each as a column -> value map without `drop`.
  std::vector<std::map<std::string, std::string>> ExportRecords(int port, const std::string& file, const std::set<std::string>& drop) {
    HttpResult r = Http(port, "GET", "/v1/exports/" + file, "", {{"Authorization", std::string("Bearer ") + kAdmin}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto rows = Rows(r.body);
    std::vector<std::map<std::string, std::string>> out;
    for (size_t i = 1; i < rows.size(); ++i) {
      auto rec = Record(rows[0], rows[i]);
      for (const auto& d : drop) rec.erase(d);
      out.push_back(rec);
    }
    std::sort(out.begin(), out.end());
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

// Export, import into an empty registry, export again: the same approved list (every vendor
// column and qualification; categories too, where they rest on qualifications alone) and the
// same catalog. Imported again: nothing new.
TEST_P(ExchangeE2eTest, AnExportImportsIntoAnEmptyRegistryAsTheSameApprovedList) {
  MakeVendor(1);
  Vendor b = MakeVendor(2);
  MakeVendor(3, /*listed=*/false);
  DomesticItem(b);
  ASSERT_EQ(Post("/v1/vendors/" + b.id + "/qualifications",
                 {{"type", "ISO9001"}, {"certificate_no", "QMS-2"}, {"issuer", "中国质量认证中心"}, {"issued_on", "2025-03-01"},
                  {"expires_on", "2028-02-28"}},
                 kAdmin).status,
            201);
  std::map<std::string, std::string> files;
  for (const char* f : {"approved-list.csv", "qualifications.csv", "catalog.csv"}) {
    HttpResult r = Get(std::string("/v1/exports/") + f, kAdmin);
    ASSERT_EQ(r.status, 200) << r.body;
    files[f] = r.body;
  }
  testing_support::TestDatabase empty(GetParam());
  ASSERT_TRUE(empty.ok()) << empty.error();
  std::string error;
  auto other = testing_support::RegistrydProcess::Start(
      {empty.url(), empty.dir(), {}, {{"REGISTRY_ADMIN_TOKEN", kAdmin}, {"REGISTRY_RATE_LIMIT", "0"}, {"REGISTRY_CLOCK_FILE", clock_file_}}},
      &error);
  ASSERT_NE(other, nullptr) << error;
  auto import_into = [&](const std::string& kind, const std::string& csv) {
    return Http(other->port(), "POST", "/v1/imports?kind=" + kind, csv,
                {{"Authorization", std::string("Bearer ") + kAdmin}, {"Content-Type", "text/csv"}});
  };
  HttpResult v = import_into("vendors", files["approved-list.csv"]);
  ASSERT_EQ(v.status, 201) << v.body;
  EXPECT_EQ(v.json()["created"], 2);
  HttpResult q = import_into("qualifications", files["qualifications.csv"]);
  ASSERT_EQ(q.status, 201) << q.body;
  EXPECT_EQ(q.json()["created"], 3);
  HttpResult c = import_into("catalog_items", files["catalog.csv"]);
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(c.json()["created"], 1);

  // Categories resting on practitioners (SYSTEM_INTEGRATION needs two) cannot move: ID numbers
  // are never stored in clear, so no export holds them. Everything else is the same.
  EXPECT_EQ(ExportRecords(other->port(), "approved-list.csv", {"categories"}),
            ExportRecords(server_->port(), "approved-list.csv", {"categories"}));
  EXPECT_EQ(ExportRecords(other->port(), "qualifications.csv", {}), ExportRecords(server_->port(), "qualifications.csv", {}));
  EXPECT_EQ(ExportRecords(other->port(), "catalog.csv", {"id"}), ExportRecords(server_->port(), "catalog.csv", {"id"}));

  for (const auto& [kind, file] : {std::pair<std::string, std::string>{"vendors", "approved-list.csv"},
                                   {"qualifications", "qualifications.csv"}, {"catalog_items", "catalog.csv"}}) {
    HttpResult again = import_into(kind, files[file]);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.json()["created"], 0) << kind;
    EXPECT_EQ(again.json()["updated"], 0) << kind;
  }
  EXPECT_EQ(other->Stop(SIGTERM), 0);
}

TEST_P(ExchangeE2eTest, AnImportIsCheckedWholeAndWrittenAllOrNothing) {
  auto vendor_count = [&]() { return ExportRecords(server_->port(), "approved-list.csv", {}).size(); };
  // 5 000 rows, the last with a bad credit code: the dry run names it; the import writes nothing.
  std::string big = "name,credit_code,enterprise_size,status\n";
  for (int i = 1; i <= 4999; ++i) big += "批量供应商" + std::to_string(i) + "," + CreditCode(1000 + i) + ",small,listed\n";
  std::string bad_code = CreditCode(9999);
  bad_code.back() = bad_code.back() == '0' ? '1' : '0';
  big += "批量供应商5000," + bad_code + ",small,listed\n";
  HttpResult dry = Import("vendors", big, /*dry_run=*/true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json()["rows"], 5000);
  EXPECT_EQ(dry.json()["valid"], 4999);
  EXPECT_EQ(dry.json()["would_create"], 4999);
  ASSERT_EQ(dry.json()["errors"].size(), 1u) << dry.body;
  EXPECT_EQ(dry.json()["errors"][0]["row"], 5001) << "the header is row 1";
  EXPECT_EQ(dry.json()["errors"][0]["field"], "credit_code");
  HttpResult refused = Import("vendors", big);
  ExpectProblem(refused, 422, "validation");
  EXPECT_EQ(refused.json()["errors"][0]["row"], 5001);
  EXPECT_EQ(vendor_count(), 0u) << "nothing written";
  // In Chinese, the row kept and the English beside it.
  HttpResult zh = Import("vendors", big, false, kAdmin, "zh-CN");
  ExpectProblem(zh, 422, "validation");
  EXPECT_EQ(zh.json()["errors"][0]["row"], 5001);
  EXPECT_EQ(zh.json()["errors"][0]["message"], "credit_code：校验位不正确") << zh.body;
  EXPECT_FALSE(zh.json()["errors"][0].value("message_en", "").empty());

  // Duplicate rows, a column missing, a column unknown, a row too short.
  HttpResult dup = Import("vendors", "name,credit_code,enterprise_size\n甲," + CreditCode(1) + ",small\n乙," + CreditCode(1) + ",large\n");
  ExpectProblem(dup, 422, "validation");
  EXPECT_EQ(dup.json()["errors"][0]["row"], 3);
  EXPECT_EQ(dup.json()["errors"][0]["code"], "duplicate");
  HttpResult missing = Import("vendors", "name,enterprise_size\n甲,small\n", true);
  ASSERT_EQ(missing.status, 200);
  EXPECT_EQ(missing.json()["errors"][0]["row"], 1);
  EXPECT_EQ(missing.json()["errors"][0]["field"], "credit_code");
  EXPECT_EQ(missing.json()["errors"][0]["code"], "missing_column");
  HttpResult unknown = Import("vendors", "name,credit_code,enterprise_size,phone\n甲," + CreditCode(1) + ",small,1\n", true);
  EXPECT_EQ(unknown.json()["errors"][0]["code"], "unknown_column") << unknown.body;
  HttpResult shortrow = Import("vendors", "name,credit_code,enterprise_size\n甲," + CreditCode(1) + "\n", true);
  EXPECT_EQ(shortrow.json()["errors"][0]["code"], "columns") << shortrow.body;
  // Qualifications and items of a vendor the registry does not hold; a type that does not exist.
  HttpResult orphan = Import("qualifications", "credit_code,type,level,certificate_no,issuer,issued_on,expires_on\n" + CreditCode(5) +
                                                   ",CS,CS3,C-1,x,2025-01-01,2028-01-01\n" + CreditCode(5) + ",NOPE,,C-2,x,2025-01-01,2028-01-01\n",
                             true);
  ASSERT_EQ(orphan.status, 200) << orphan.body;
  std::set<std::string> codes;
  const json orphan_errors = orphan.json()["errors"];
  for (const auto& e : orphan_errors) codes.insert(e.value("code", ""));
  EXPECT_TRUE(codes.count("unknown_vendor")) << orphan.body;
  EXPECT_TRUE(codes.count("unknown")) << orphan.body;

  // Encodings: GB18030 (what spreadsheet programs in China save) is read; bytes that are
  // neither it nor UTF-8 are refused.
  std::string gb = "name,credit_code,enterprise_size\r\n\xBC\xD7\xB9\xAB\xCB\xBE," + CreditCode(7) + ",small\r\n";  // 甲公司
  HttpResult gbk = Import("vendors", gb);
  ASSERT_EQ(gbk.status, 201) << gbk.body;
  EXPECT_EQ(gbk.json()["encoding"], "GB18030");
  HttpResult listed = Get("/v1/vendors?q=" + CreditCode(7), kAdmin);
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  EXPECT_EQ(listed.json()["items"][0]["name"], "甲公司");
  EXPECT_EQ(listed.json()["items"][0]["status"], "registered");
  ExpectProblem(Import("vendors", "name,credit_code\n\x81\x20\n"), 422, "validation");
  EXPECT_EQ(Import("vendors", "name,credit_code\n\x81\x20\n").json()["errors"][0]["code"], "file_encoding");

  // A file over the import limit is refused from its Content-Length, before a byte of it is read.
  HttpResult huge = testing_support::RawHttp(server_->port(),
                                             "POST /v1/imports?kind=catalog_items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                                 std::string(kAdmin) + "\r\nContent-Type: text/csv\r\nContent-Length: 209715200\r\n\r\n");
  EXPECT_EQ(huge.status, 413) << huge.raw;
  EXPECT_NE(huge.body.find("payload_too_large"), std::string::npos) << huge.body;

  // Who and how.
  Vendor v = MakeVendor(8);
  ExpectProblem(Import("vendors", gb, false, v.token), 403, "forbidden");
  ExpectProblem(Import("vendors", gb, false, officer_), 403, "forbidden");
  ExpectProblem(Import("suppliers", gb), 422, "validation");
  ExpectProblem(Http(server_->port(), "POST", "/v1/imports", gb, {{"Authorization", std::string("Bearer ") + kAdmin}}), 422, "validation");
  ExpectProblem(Http(server_->port(), "POST", "/v1/imports?kind=vendors", "{}",
                     {{"Authorization", std::string("Bearer ") + kAdmin}, {"Content-Type", "application/json"}}),
                415, "unsupported_media_type");
}

// A file of more than 20 000 rows runs in the background: 202 and its job, followed to the end.
TEST_P(ExchangeE2eTest, ALargeImportRunsInTheBackgroundAndSaysHowFarItIs) {
  std::string big = "name,credit_code,enterprise_size,status\n";
  const int n = 20050;
  for (int i = 1; i <= n; ++i) big += "后台供应商" + std::to_string(i) + "," + CreditCode(30000 + i) + ",micro,listed\n";
  HttpResult started = Import("vendors", big);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string id = started.json()["id"];
  EXPECT_EQ(started.header("location"), "/v1/imports/" + id);
  EXPECT_EQ(started.json()["status"], "running");
  EXPECT_EQ(started.json()["rows_total"], n);
  json job;
  // Up to three minutes: a liveness wait (a sanitizer build on a loaded machine took over one).
  for (int i = 0; i < 1800; ++i) {
    HttpResult r = Get("/v1/imports/" + id, kAdmin);
    ASSERT_EQ(r.status, 200) << r.body;
    job = r.json();
    ASSERT_LE(job["rows_done"].get<int64_t>(), n);
    if (job["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(job["status"], "done") << job;
  EXPECT_EQ(job["rows_done"], n);
  EXPECT_EQ(job["created"], n);
  HttpResult audit = Get("/v1/audit?entity_type=import&entity_id=" + id, kAdmin);
  ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
  ExpectProblem(Get("/v1/imports/imp_none", kAdmin), 404, "not_found");
  ExpectProblem(Get("/v1/imports/" + id, officer_), 403, "forbidden");
  // A large file with an error: the job fails with the rows in error, nothing written.
  std::string bad = big;
  bad += "坏行,123,micro,listed\n";
  HttpResult second = Import("vendors", bad);
  ASSERT_EQ(second.status, 202) << second.body;
  const std::string id2 = second.json()["id"];
  for (int i = 0; i < 600; ++i) {
    job = Get("/v1/imports/" + id2, kAdmin).json();
    if (job["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(job["status"], "failed") << job;
  ASSERT_EQ(job["errors"].size(), 1u) << job;
  EXPECT_EQ(job["errors"][0]["row"], n + 2);
}

// registryctl import: the same import from the command line, beside the running service.
TEST_P(ExchangeE2eTest, RegistryctlImportsAFileAndListsTheRowsInError) {
  const std::map<std::string, std::string> env = {{"REGISTRY_STORAGE", tdb_->url()},
                                                  {"REGISTRY_AUDIT_KEY", testing_support::kAuditKey}};
  const std::string good = tdb_->dir() + "/vendors.csv", bad = tdb_->dir() + "/bad.csv";
  std::ofstream(good) << "name,credit_code,enterprise_size,status\n命令行甲," << CreditCode(41) << ",small,listed\n命令行乙,"
                      << CreditCode(42) << ",large,\n";
  std::ofstream(bad) << "name,credit_code,enterprise_size\n命令行丙,123,small\n";
  std::string out;
  EXPECT_EQ(testing_support::RunRegistryctl({"import", "--kind=vendors", "--dry-run=1", good}, env, &out), 0) << out;
  EXPECT_NE(out.find("would create 2, update 0"), std::string::npos) << out;
  EXPECT_NE(out.find("checking: 2/2"), std::string::npos) << "a progress line per phase when not on a terminal: " << out;
  EXPECT_EQ(testing_support::RunRegistryctl({"import", "--kind=vendors", bad}, env, &out), 1) << out;
  EXPECT_NE(out.find("row 2 credit_code"), std::string::npos) << out;
  EXPECT_NE(out.find("nothing was imported"), std::string::npos) << out;
  EXPECT_EQ(testing_support::RunRegistryctl({"import", "--kind=suppliers", good}, env, &out), 2) << out;
  EXPECT_EQ(testing_support::RunRegistryctl({"import", "--kind=vendors", good}, env, &out), 0) << out;
  EXPECT_NE(out.find("created 2, updated 0"), std::string::npos) << out;
  // The service sees them at once (the import moved the access generation), listed as the file said.
  HttpResult found = Get("/v1/vendors?q=" + CreditCode(41), kAdmin);
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.json()["items"][0]["status"], "listed");
  HttpResult audit = Get("/v1/audit?entity_type=import", kAdmin);
  ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
  EXPECT_EQ(audit.json()["items"][0]["actor"], "registryctl");
}

// An existing vendor whose row differs is updated (and listed when the row says listed); the
// audit log names the import.
TEST_P(ExchangeE2eTest, AnImportUpdatesWhatDiffersAndTheAuditLogSaysSo) {
  Vendor a = MakeVendor(1, /*listed=*/false);
  HttpResult r = Import("vendors", "name,credit_code,enterprise_size,region_code,status\n投标人1（更名）," + CreditCode(1) +
                                       ",medium,440507,listed\n新供应商," + CreditCode(2) + ",micro,,\n");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["created"], 1);
  EXPECT_EQ(r.json()["updated"], 1);
  const json got = Get("/v1/vendors/" + a.id, kAdmin).json();
  EXPECT_EQ(got["name"], "投标人1（更名）");
  EXPECT_EQ(got["enterprise_size"], "medium");
  EXPECT_EQ(got["region_code"], "440507");
  EXPECT_EQ(got["status"], "listed");
  HttpResult audit = Get("/v1/audit?entity_type=import", kAdmin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
  EXPECT_EQ(audit.json()["items"][0]["action"], "import.run");
  // An import never takes a vendor off the list.
  HttpResult same = Import("vendors", "name,credit_code,enterprise_size,region_code,status\n投标人1（更名）," + CreditCode(1) +
                                          ",medium,440507,registered\n");
  ASSERT_EQ(same.status, 201) << same.body;
  EXPECT_EQ(same.json()["updated"], 0);
  EXPECT_EQ(Get("/v1/vendors/" + a.id, kAdmin).json()["status"], "listed");
  // Items imported and then changed by a second import: every record matches its last audit
  // entry and the chain holds (the entries of one import share one lock of the head).
  HttpResult items = Import("catalog_items", "credit_code,category,name,unit_price,unit\n" + CreditCode(1) +
                                                 ",SYSTEM_INTEGRATION,集成服务甲,100.00,项\n" + CreditCode(2) + ",SOFTWARE_PRODUCTS,软件乙,200.00,套\n");
  ASSERT_EQ(items.status, 201) << items.body;
  HttpResult changed = Import("catalog_items", "credit_code,category,name,unit_price,unit,description\n" + CreditCode(1) +
                                                   ",SYSTEM_INTEGRATION,集成服务甲,150.00,项,含三年运维\n");
  ASSERT_EQ(changed.status, 201) << changed.body;
  EXPECT_EQ(changed.json()["updated"], 1);
  HttpResult found = Anonymous("/public/v1/catalog?q=%E8%BF%90%E7%BB%B4");  // 运维: the new description is searched
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.json()["items"][0]["unit_price"], "150.00");
  HttpResult verified = Get("/v1/audit/verify", auditor_);
  EXPECT_EQ(verified.json()["ok"], true) << verified.body;
}

// Practitioners: a person over one or more rows (a credential a row), matched by ID number
// through its keyed hash; the API's checks, and the person held by one vendor.
TEST_P(ExchangeE2eTest, PractitionersImportAsPeopleMatchedByTheirIdNumber) {
  Vendor a = MakeVendor(21);
  Vendor b = MakeVendor(22);  // holds IdNumber(220) and IdNumber(221), as 工程师
  const std::string access = "/v1/vendors/" + a.id + "/market-access?category=SUPERVISION";
  EXPECT_EQ(Get(access, kAdmin).json()["eligible"], false) << "no 信息系统监理师 yet";
  auto people = [&]() {
    std::map<std::string, json> out;  // by name
    const json list = Get("/v1/vendors/" + a.id + "/practitioners", kAdmin).json();
    for (const json& p : list["items"]) out[p["name"].get<std::string>()] = p;
    return out;
  };
  const size_t before = people().size();
  std::string with_x;  // an ID number whose check character is X, typed with a lowercase x
  for (int n = 500; with_x.empty(); ++n) {
    if (IdNumber(n).back() == 'X') with_x = IdNumber(n);
  }
  std::string typed_x = with_x;
  typed_x.back() = 'x';
  const std::string p1 = IdNumber(301), p2 = IdNumber(302), a_code = CreditCode(21);
  const std::string header = "credit_code,name,id_number,credential_type,credential_level,certificate_no,issued_on,expires_on\n";
  const std::string file = header +                                                   //
                           a_code + ",监理甲," + p1 + ",RK_SUPERVISOR,,JL-1,2021-03-01,\n" +  //
                           a_code + ",监理甲," + p1 + ",CISP,,CISP-1,2024-01-01,\n" +        // CISP runs 3 years
                           a_code + ",监理乙," + typed_x + ",RK_SUPERVISOR,,JL-2,2022-06-01,\n" +
                           a_code + ",项目经理丙," + p2 + ",,,,,\n";  // the person alone
  HttpResult dry = Import("practitioners", file, true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json()["rows"], 4);
  EXPECT_EQ(dry.json()["valid"], 4);
  EXPECT_EQ(dry.json()["would_create"], 3) << dry.body;
  EXPECT_EQ(people().size(), before) << "a dry run writes nothing";
  HttpResult done = Import("practitioners", file);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.json()["created"], 3);
  EXPECT_EQ(done.body.find(p1), std::string::npos);
  auto got = people();
  ASSERT_EQ(got.size(), before + 3);
  const json& jia = got["监理甲"];
  EXPECT_EQ(jia["status"], "active") << "the bureau's own record";
  EXPECT_EQ(jia["id_number"], common::MaskIdNumber(p1));
  ASSERT_EQ(jia["credentials"].size(), 2u) << jia;
  EXPECT_EQ(jia["credentials"][1]["expires_on"], "2026-12-31") << "a credential without an end runs its type's term";
  EXPECT_EQ(got["监理乙"]["id_number"], common::MaskIdNumber(with_x));
  EXPECT_EQ(got["项目经理丙"]["credentials"].size(), 0u);
  EXPECT_EQ(Get(access, kAdmin).json()["eligible"], true) << "two 信息系统监理师 now";
  // The same file again: nothing new. A credential added and one corrected: the person updated.
  HttpResult again = Import("practitioners", file);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["created"], 0);
  EXPECT_EQ(again.json()["updated"], 0);
  HttpResult amended = Import("practitioners", header + a_code + ",监理甲," + p1 + ",CISP,,CISP-1,2024-01-01,2025-12-31\n" + a_code +
                                                   ",监理甲," + p1 + ",RK_SEC_ENG,,AQ-9,2023-01-01,\n");
  ASSERT_EQ(amended.status, 201) << amended.body;
  EXPECT_EQ(amended.json()["created"], 0);
  EXPECT_EQ(amended.json()["updated"], 1);
  const json jia2 = people()["监理甲"];
  ASSERT_EQ(jia2["credentials"].size(), 3u) << jia2;
  EXPECT_EQ(jia2["credentials"][0]["certificate_no"], "JL-1") << "never removed";
  EXPECT_EQ(jia2["credentials"][1]["expires_on"], "2025-12-31");
  EXPECT_EQ(jia2["credentials"][2]["type"], "RK_SEC_ENG");

  // Every refusal, each on its row; nothing written.
  std::string bad_id = IdNumber(310);
  bad_id.back() = bad_id.back() == '0' ? '1' : '0';
  const std::string p3 = IdNumber(303);
  const std::string bad = header +                                                          //
                          a_code + ",丁," + bad_id + ",RK_SUPERVISOR,,JL-3,2022-01-01,\n" +   // 2: checksum
                          a_code + ",戊,4.40507E+17,,,,,\n" +                                // 3: a spreadsheet's number
                          a_code + ",己," + p3 + ",RK_SUPERVISOR,,JL-4,2022-01-01,\n" +       // 4
                          CreditCode(22) + ",己," + p3 + ",RK_SUPERVISOR,,JL-5,2022-01-01,\n" +  // 5: another vendor
                          a_code + ",庚," + p3 + ",CISP,,C-6,2022-01-01,\n" +                 // 6: another name
                          a_code + ",己," + p3 + ",RK_SUPERVISOR,,JL-4,2022-01-01,\n" +       // 7: the certificate twice
                          a_code + ",辛," + IdNumber(304) + ",CS,CS3,CS-8,2022-01-01,\n" +    // 8: a vendor's type
                          a_code + ",壬," + IdNumber(305) + ",NOPE,,N-9,2022-01-01,\n" +      // 9: no such type
                          a_code + ",癸," + IdNumber(220) + ",RK_SUPERVISOR,,JL-10,2022-01-01,\n" +  // 10: held by b
                          a_code + ",别名," + p2 + ",,,,,\n" +                                // 11: not the name held
                          a_code + ",监理甲," + p1 + ",CISP,,JL-1,2021-03-01,\n" +            // 12: JL-1 is another type
                          a_code + ",子," + IdNumber(306) + ",RK_SUPERVISOR,,,2022-01-01,\n" +  // 13: no certificate
                          a_code + ",丑," + IdNumber(307) + ",RK_SUPERVISOR,,JL-14,2022-01-01,2021-01-01\n";  // 14
  HttpResult refused = Import("practitioners", bad);
  ExpectProblem(refused, 422, "validation");
  std::set<std::tuple<int, std::string, std::string>> found;
  const json refusals = refused.json()["errors"];
  for (const json& e : refusals) found.insert({e["row"].get<int>(), e["field"].get<std::string>(), e["code"].get<std::string>()});
  for (const auto& want : std::vector<std::tuple<int, std::string, std::string>>{
           {2, "id_number", "checksum"},
           {3, "id_number", "spreadsheet_number"},
           {5, "credit_code", "other_vendor"},
           {6, "name", "mismatch"},
           {7, "certificate_no", "duplicate"},
           {8, "credential_type", "holder"},
           {9, "credential_type", "unknown"},
           {10, "id_number", "held_elsewhere"},
           {11, "name", "mismatch"},
           {12, "certificate_no", "conflict"},
           {13, "certificate_no", "required"},
           {14, "expires_on", "before_issue"}}) {
    EXPECT_TRUE(found.count(want)) << std::get<0>(want) << " " << std::get<1>(want) << " " << std::get<2>(want) << "\n" << refused.body;
  }
  EXPECT_FALSE(found.count({4, "id_number", "checksum"})) << refused.body;
  EXPECT_EQ(people().size(), before + 3) << "nothing written";
  EXPECT_EQ(Get("/v1/vendors/" + b.id + "/practitioners", kAdmin).json()["items"].size(), 2u);
  HttpResult zh = Import("practitioners", header + a_code + ",戊,4.40507E+17,,,,,\n", true, kAdmin, "zh-CN");
  ASSERT_EQ(zh.status, 200) << zh.body;
  EXPECT_NE(zh.json()["errors"][0]["message"].get<std::string>().find("文本"), std::string::npos) << zh.body;

  // Recorded: an entry per person naming the import, with the masked number only; the chain holds.
  HttpResult audit = Get("/v1/audit?entity_type=practitioner&limit=100", kAdmin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  int imported = 0, amends = 0;
  const json entries = audit.json()["items"];
  for (const json& e : entries) {
    imported += e["action"] == "practitioner.import";
    amends += e["action"] == "practitioner.amend";
  }
  EXPECT_EQ(imported, 3) << audit.body;
  EXPECT_EQ(amends, 1) << audit.body;
  EXPECT_EQ(audit.body.find(p1), std::string::npos) << "the ID number itself is never recorded";
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);
}

// A consumer that follows the change feed in small pages, keeping only its cursor and what it
// applied, ends with exactly the registry's records, though registryd is killed with SIGKILL
// (and started again) while it follows and while writes are under way.
TEST_P(ExchangeE2eTest, AConsumerOfTheChangeFeedEndsWithTheRegistrysState) {
  std::map<std::string, json> held;  // "type/id" -> the record as the feed last gave it
  std::string cursor = "0";
  int64_t last_seq = 0;
  auto follow = [&]() {
    for (;;) {
      HttpResult r = Get("/v1/changes?limit=7&after=" + cursor, auditor_);
      ASSERT_EQ(r.status, 200) << r.body;
      const json page = r.json();
      for (const json& c : page["items"]) {
        ASSERT_GT(c["seq"].get<int64_t>(), last_seq) << "oldest first, each once";
        last_seq = c["seq"];
        ASSERT_FALSE(c["summary"].get<std::string>().empty());
        held[c["type"].get<std::string>() + "/" + c["id"].get<std::string>()] = c["record"];
      }
      cursor = page["next_cursor"];
      if (page["items"].empty()) return;
    }
  };
  Vendor a = MakeVendor(1), b = MakeVendor(2, /*listed=*/false);
  DomesticItem(a);
  ASSERT_NO_FATAL_FAILURE(follow());
  // Writes go on while registryd is killed: some land, some are refused; the feed has each that landed.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      Call("PATCH", "/v1/vendors/" + b.id, kAdmin, {{"region_code", i % 2 ? "440507" : "440511"}});
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(server_->Stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  writer.join();
  ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin, {{"REGISTRY_CLOCK_FILE", clock_file_}}));
  HttpResult sanction = Post("/v1/vendors/" + a.id + "/sanctions",
                             {{"kind", "suspension"}, {"reason", "逾期未履约"}, {"starts_on", "2026-11-01"}, {"ends_on", "2027-10-31"}}, kAdmin);
  ASSERT_EQ(sanction.status, 201);
  ASSERT_EQ(Post("/v1/vendors/" + b.id + "/listing", {{"decision", "list"}, {"reason", "补齐材料"}}, kAdmin).status, 200);
  ASSERT_NO_FATAL_FAILURE(follow());

  // The registry's records, each kind read its own way, against what the consumer holds.
  std::map<std::string, json> registry;
  auto read_all = [&](const std::string& target, const std::string& type) {
    HttpResult r = Get(target, kAdmin);
    ASSERT_EQ(r.status, 200) << r.body;
    const json items = r.json()["items"];
    for (const json& it : items) registry[type + "/" + it["id"].get<std::string>()] = it;
  };
  read_all("/v1/vendors?limit=500", "vendor");
  read_all("/v1/qualifications?limit=500", "qualification");
  read_all("/v1/practitioners?limit=500", "practitioner");
  read_all("/v1/catalog/items?limit=500", "catalog_item");
  for (const Vendor& v : {a, b}) {
    HttpResult r = Get("/v1/vendors/" + v.id + "/sanctions", kAdmin);
    const json items = r.json()["items"];
    for (const json& it : items) registry["sanction/" + it["id"].get<std::string>()] = it;
  }
  std::set<std::string> held_keys, registry_keys;
  for (const auto& [k, v] : held) held_keys.insert(k);
  for (const auto& [k, v] : registry) registry_keys.insert(k);
  EXPECT_EQ(held_keys, registry_keys);
  for (const auto& [k, record] : registry) {
    const json& mine = held[k];
    for (const char* field : {"version", "status", "name", "region_code", "expires_on", "lifted", "in_force", "unit_price"}) {
      EXPECT_EQ(mine.value(field, json()), record.value(field, json())) << k << " " << field;
    }
  }
  EXPECT_EQ(held["vendor/" + b.id]["status"], "listed");
}

TEST_P(ExchangeE2eTest, TheChangeFeedWaitsForAChangeAndKeepsToItsReaders) {
  HttpResult now = Get("/v1/changes", kAdmin);
  ASSERT_EQ(now.status, 200) << now.body;
  const std::string cursor = now.json()["next_cursor"];
  auto waiting = std::async(std::launch::async, [&] {
    auto start = std::chrono::steady_clock::now();
    HttpResult r = Get("/v1/changes?wait=10&types=vendor&after=" + cursor, officer_);
    return std::make_pair(r, std::chrono::steady_clock::now() - start);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  Vendor v = MakeVendor(1);  // practitioners and a qualification first; the vendor's register entry is the first of them
  auto [r, took] = waiting.get();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(took, std::chrono::milliseconds(500)) << "it waited for the change";
  EXPECT_LT(took, std::chrono::seconds(8)) << "and answered when it came";
  const json items = r.json()["items"];
  ASSERT_FALSE(items.empty()) << r.body;
  EXPECT_EQ(items[0]["type"], "vendor");
  EXPECT_EQ(items[0]["id"], v.id);
  EXPECT_EQ(items[0]["action"], "vendor.register");
  // Only vendors, as asked.
  for (const json& c : items) EXPECT_EQ(c["type"], "vendor");
  // Nothing new: answered at once without wait, the cursor kept.
  HttpResult idle = Get("/v1/changes?after=" + r.json()["next_cursor"].get<std::string>() + "&types=sanction", kAdmin);
  EXPECT_EQ(idle.json()["items"].size(), 0u);
  EXPECT_EQ(idle.json()["next_cursor"], r.json()["next_cursor"]);

  ExpectProblem(Get("/v1/changes", v.token), 403, "forbidden");
  ExpectProblem(Get("/v1/changes", panel_[0]), 403, "forbidden");
  ExpectProblem(Get("/v1/changes?types=tender", kAdmin), 422, "validation");
  ExpectProblem(Get("/v1/changes?wait=31", kAdmin), 422, "validation");
  ExpectProblem(Get("/v1/changes?after=-1", kAdmin), 422, "validation");
}

// A tender's OCDS releases at each step, every package the routes give validated against the
// standard with its extensions; no bid before the opening, anywhere public.
TEST_P(ExchangeE2eTest, TendersAreOcdsReleasesValidAgainstTheStandard) {
  static const OcdsValidator validator;
  std::vector<std::pair<std::string, json>> checked;  // every package seen, validated at the end
  auto package = [&](const std::string& target, const std::string& token) {
    HttpResult r = token.empty() ? Anonymous(target) : Get(target, token);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    json doc = r.json();
    checked.emplace_back(target, doc);
    return doc;
  };
  // A bid's domestic is the extension's boolean: the merged schema refuses anything else.
  json bad = {{"uri", "http://x/y"}, {"version", "1.1"}, {"publishedDate", "2026-12-01T00:00:00Z"}, {"publisher", {{"name", "x"}}},
              {"releases", {{{"ocid", "ocds-000000-t"}, {"id", "1"}, {"date", "2026-12-01T00:00:00Z"}, {"tag", {"award"}},
                             {"initiationType", "tender"}, {"bids", {{"details", {{{"id", "b"}, {"domestic", "yes"}}}}}}}}}};
  EXPECT_FALSE(validator.Check(bad).empty()) << "the validator must see the extensions' fields";

  SetClock("2026-12-01T02:00:00Z");
  std::string draft = CreateTender();
  ExpectProblem(Get("/v1/tenders/" + draft + "/ocds", officer_), 404, "not_found");  // a draft is not published
  ASSERT_EQ(Post("/v1/tenders/" + draft + "/cancel", {{"reason", "草稿作废"}}, officer_).status, 200);
  ExpectProblem(Get("/v1/tenders/" + draft + "/ocds", officer_), 404, "not_found");

  std::string id = CreateTender();
  const std::string path = "/v1/tenders/" + id;
  ASSERT_EQ(Post(path + "/publish", nullptr, officer_).status, 200);
  std::map<std::string, std::string> bid_of;
  std::vector<Vendor> bidders;
  const char* prices[] = {"912345.00", "812345.00", "952345.00"};
  for (int i = 0; i < 3; ++i) {
    Vendor v = MakeVendor(1 + i);
    HttpResult bid = Post(path + "/bids", {{"price", prices[i]}, {"domestic", false}}, v.token);
    ASSERT_EQ(bid.status, 201) << bid.body;
    bid_of[v.id] = bid.json().value("id", "");
    bidders.push_back(v);
  }
  // Before the opening: the tender's release, and no bid anywhere the public or an account reads.
  json before = package(path + "/ocds", bidders[0].token);
  ASSERT_EQ(before["releases"].size(), 1u) << before;
  EXPECT_EQ(before["releases"][0]["tag"], json::array({"tender"}));
  EXPECT_EQ(before["releases"][0]["ocid"], "ocds-000000-" + id);
  EXPECT_EQ(before["releases"][0]["tender"]["domesticPreference"]["tiePreference"], true);
  for (const std::string& target : {std::string("/public/v1/ocds/releases"), std::string("/public/v1/tenders")}) {
    HttpResult r = Anonymous(target);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const char* price : {"912345", "812345", "952345"}) EXPECT_EQ(r.body.find(price), std::string::npos) << target << " shows a bid";
    for (const auto& [vendor, bid] : bid_of) EXPECT_EQ(r.body.find(bid), std::string::npos) << target << " names a bid";
  }
  EXPECT_EQ(before.dump().find("812345"), std::string::npos);
  json first_page = Anonymous("/public/v1/ocds/releases").json();
  ASSERT_EQ(first_page["releases"].size(), 1u) << first_page;
  checked.emplace_back("/public/v1/ocds/releases", first_page);

  // Opened, evaluated and awarded on Monday 7 December: the award release, with the bids.
  SetClock("2026-12-05T03:00:00Z");
  ASSERT_EQ(Post(path + "/open", nullptr, officer_).status, 200);
  json scores = json::array();
  for (const auto& [vendor, bid] : bid_of) scores.push_back({{"bid_id", bid}, {"technical_score", 60}});
  DrawAndScore(path, {{"scores", scores}});
  ASSERT_EQ(Post(path + "/evaluate", nullptr, officer_).status, 200);
  SetClock("2026-12-07T02:00:00Z");
  ASSERT_EQ(Post(path + "/award", nullptr, officer_).status, 200);
  json awarded = package(path + "/ocds", kAdmin);
  ASSERT_EQ(awarded["releases"].size(), 2u) << awarded;
  const json award_release = awarded["releases"][1];
  EXPECT_EQ(award_release["tag"], json::array({"award"}));
  EXPECT_EQ(award_release["bids"]["details"].size(), 3u);
  EXPECT_EQ(award_release["awards"][0]["status"], "active");
  EXPECT_EQ(award_release["awards"][0]["value"]["amount"], 812345.0);
  EXPECT_EQ(award_release["awards"][0]["suppliers"][0]["id"], "CN-USCI-" + CreditCode(2));
  EXPECT_EQ(award_release["awards"][0]["relatedBid"], bid_of[bidders[1].id]);
  // The public list carries the award notice.
  HttpResult list = Anonymous("/public/v1/tenders");
  ASSERT_EQ(list.status, 200);
  const json items = list.json()["items"];
  ASSERT_EQ(items.size(), 1u) << list.body << " (the cancelled draft was never public)";
  EXPECT_EQ(items[0]["award"]["vendor_name"], "投标人2");
  EXPECT_EQ(items[0]["award"]["price"], "812345.00");
  EXPECT_EQ(items[0]["award"]["challenge_period_ends_on"], "2026-12-16");

  // The contract after the challenge period: a contract release.
  SetClock("2026-12-17T02:00:00Z");
  HttpResult signed_ = Post(path + "/contract", {{"signed_on", "2026-12-17"}, {"amount", "812345.00"}}, officer_);
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  json contracted = package(path + "/ocds", auditor_);
  ASSERT_EQ(contracted["releases"].size(), 3u);
  EXPECT_EQ(contracted["releases"][2]["tag"], json::array({"contract"}));
  EXPECT_EQ(contracted["releases"][2]["contracts"][0]["value"]["amount"], 812345.0);
  EXPECT_EQ(contracted["releases"][2]["contracts"][0]["awardID"], contracted["releases"][2]["awards"][0]["id"]);

  // A published tender cancelled: a tenderCancellation release.
  SetClock("2026-12-01T02:00:00Z");
  std::string gone = CreateTender();
  ASSERT_EQ(Post("/v1/tenders/" + gone + "/publish", nullptr, officer_).status, 200);
  ASSERT_EQ(Post("/v1/tenders/" + gone + "/cancel", {{"reason", "需求变更"}}, officer_).status, 200);
  json cancelled = package("/v1/tenders/" + gone + "/ocds", officer_);
  ASSERT_EQ(cancelled["releases"].size(), 2u);
  EXPECT_EQ(cancelled["releases"][1]["tag"], json::array({"tenderCancellation"}));
  EXPECT_EQ(cancelled["releases"][1]["tender"]["status"], "cancelled");

  // The public feed in pages: every release once, oldest first.
  std::vector<std::string> seen;
  std::string after = "0";
  for (int guard = 0; guard < 100; ++guard) {
    json page = package("/public/v1/ocds/releases?limit=3&after=" + after, "");
    for (const json& r : page["releases"]) seen.push_back(r["id"]);
    if (page["next_cursor"] == after) break;
    after = page["next_cursor"];
  }
  EXPECT_EQ(seen.size(), 5u) << "publish, award and contract of one; publish and cancel of the other";
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  // The extension the packages name is served where they name it.
  HttpResult ext = Anonymous("/ocds/extensions/domestic_preference/extension.json");
  ASSERT_EQ(ext.status, 200);
  EXPECT_EQ(ext.json()["compatibility"], json::array({"1.1"}));
  EXPECT_NE(std::find(awarded["extensions"].begin(), awarded["extensions"].end(),
                      "http://localhost:8080/ocds/extensions/domestic_preference/extension.json"),
            awarded["extensions"].end());

  for (const auto& [target, doc] : checked) {
    if (doc["releases"].empty()) continue;  // the feed's end: a page, not a package (docs/exchange.md)
    auto errors = validator.Check(doc);
    EXPECT_TRUE(errors.empty()) << target << " is not valid OCDS:\n" << [&] {
      std::string all;
      for (const auto& e : errors) all += e + "\n";
      return all;
    }() << doc.dump(1);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
