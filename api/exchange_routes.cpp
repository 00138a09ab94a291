// Data exchange (the exchange issue, CONTRACT.md "Data exchange"): staff exports as CSV and XLSX,
// and public information (信息公开) under /public/v1/. What each file and public document holds
// is listed in docs/exchange.md; what the public may see is decided by registry::ExchangeService
// and the catalog search, and this file writes only those fields.
#include <atomic>
#include <charconv>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/handler_util.h"
#include "api/audit_summary.h"
#include "api/input.h"
#include "api/problem_zh.h"
#include "api/registry_json.h"
#include "codec/ocds.h"
#include "codec/table_file.h"
#include "procurement/tender_service.h"
#include "common/crypto.h"
#include "common/text.h"

namespace api {

// schema/ocds/domestic_preference/{extension,release-schema}.json, embedded at build time.
const std::vector<std::pair<std::string, std::string>>& OcdsExtensionFiles();

using nlohmann::json;
using namespace registry;

namespace {

// ---- files

HttpResponse FileResponse(std::string body, const std::string& content_type, const std::string& filename) {
  HttpResponse r;
  r.status = 200;
  r.content_type = content_type;
  r.body = std::move(body);
  // The name is ASCII (a kind and a date), so no RFC 5987 encoding is needed.
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

const char* kCsv = "text/csv; charset=utf-8";
const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string Joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// The approved list: one row per listed vendor, its columns first those the vendors import reads
// (so an export can be imported elsewhere), then what the registry derives.
codec::Table ApprovedListTable(const ApprovedList& list) {
  codec::Table t{"供应商名录",
                 {"name", "credit_code", "enterprise_size", "region_code", "status", "categories", "qualifications"},
                 {}};
  for (const ListedVendor& lv : list.vendors) {
    std::vector<std::string> quals;
    for (const Qualification& q : lv.qualifications) {
      std::string s = q.type;
      if (!q.level.empty()) s += " " + q.level;
      s += " " + q.certificate_no + " (" + common::FormatDate(q.expires_on) + ")";
      quals.push_back(std::move(s));
    }
    t.rows.push_back({lv.vendor.name, lv.vendor.credit_code, EnterpriseSizeName(lv.vendor.enterprise_size),
                      lv.vendor.region_code, VendorStatusName(lv.vendor.status), Joined(lv.categories, ";"),
                      Joined(quals, "; ")});
  }
  return t;
}

// The active qualifications of the listed vendors, in the qualifications import's columns.
codec::Table QualificationsTable(const ApprovedList& list) {
  codec::Table t{"资质证书", {"credit_code", "type", "level", "certificate_no", "issuer", "issued_on", "expires_on"}, {}};
  for (const ListedVendor& lv : list.vendors) {
    for (const Qualification& q : lv.qualifications) {
      t.rows.push_back({lv.vendor.credit_code, q.type, q.level, q.certificate_no, q.issuer, common::FormatDate(q.issued_on),
                        common::FormatDate(q.expires_on)});
    }
  }
  return t;
}

codec::Table SanctionsTable(const SanctionList& list) {
  codec::Table t{"处罚记录",
                 {"vendor_name", "credit_code", "kind", "reason", "starts_on", "ends_on", "state", "lift_reason", "created_at"},
                 {}};
  for (const Sanction& s : list.sanctions) {
    t.rows.push_back({s.vendor_name, s.vendor_credit_code, SanctionKindName(s.kind), s.reason, common::FormatDate(s.starts_on),
                      common::FormatDate(s.ends_on), s.State(list.on), s.lift_reason,
                      common::FormatTimestamp(s.created_at)});
  }
  return t;
}

// Listed items, in the catalog import's columns, then the vendor's name and the item's id.
// `domestic` is the bureau's verified finding, not the vendor's claim.
codec::Table CatalogTable(const std::vector<ExportedItem>& items) {
  codec::Table t{"产品目录",
                 {"credit_code", "category", "name", "description", "domestic", "unit_price", "unit", "vendor_name", "id"},
                 {}};
  for (const ExportedItem& e : items) {
    const CatalogItem& it = e.item;
    t.rows.push_back({e.credit_code, it.category, it.name, it.description, it.domestic_verified ? "true" : "false",
                      common::FormatMoney(it.unit_price), it.unit, it.vendor_name, it.id});
  }
  return t;
}

// ---- public information

// The answer to a public read: the body with an ETag of its bytes, cacheable by anyone for a
// minute, readable from any origin (no credentials are involved), and 304 when the client
// already holds these bytes.
HttpResponse PublicAnswer(const HttpRequest& req, const std::string& body) {
  std::string etag = "\"" + common::Sha256Hex(body).substr(0, 32) + "\"";
  HttpResponse r;
  const std::string* held = req.Header("if-none-match");
  bool same = false;
  if (held) {
    for (std::string_view tag : common::Split(*held, ',')) {
      while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
      while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
      if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
      if (tag == etag || tag == "*") same = true;
    }
  }
  if (same) {
    r.status = 304;
  } else {
    r = JsonText(200, body);
  }
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Cache-Control", "public, max-age=60");
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

json PublicQualificationJson(const Qualification& q) {
  return {{"type", q.type},
          {"level", q.level},
          {"certificate_no", q.certificate_no},
          {"issuer", q.issuer},
          {"issued_on", common::FormatDate(q.issued_on)},
          {"expires_on", common::FormatDate(q.expires_on)}};
}

// What the public sees of a listed vendor: never its contact details.
json PublicVendorJson(const ListedVendor& lv) {
  json quals = json::array();
  for (const Qualification& q : lv.qualifications) quals.push_back(PublicQualificationJson(q));
  const Vendor& v = lv.vendor;
  return {{"id", v.id},
          {"name", v.name},
          {"credit_code", v.credit_code},
          {"enterprise_size", EnterpriseSizeName(v.enterprise_size)},
          {"region_code", v.region_code.empty() ? json(nullptr) : json(v.region_code)},
          {"status", VendorStatusName(v.status)},
          {"qualifications", std::move(quals)},
          {"categories", lv.categories}};
}

json PublicSanctionJson(const Sanction& s) {
  return {{"id", s.id},
          {"vendor_id", s.vendor_id},
          {"vendor_name", s.vendor_name},
          {"credit_code", s.vendor_credit_code},
          {"kind", SanctionKindName(s.kind)},
          {"reason", s.reason},
          {"starts_on", common::FormatDate(s.starts_on)},
          {"ends_on", common::FormatDate(s.ends_on)}};
}

// What the public sees of a catalog item: `domestic` only as the bureau verified it.
json PublicItemJson(const CatalogItem& it) {
  return {{"id", it.id},
          {"vendor_id", it.vendor_id},
          {"vendor_name", it.vendor_name},
          {"category", it.category},
          {"name", it.name},
          {"description", it.description},
          {"domestic", it.domestic_verified},
          {"unit_price", common::FormatMoney(it.unit_price)},
          {"unit", it.unit}};
}

// ---- imports

// More data rows than this are refused whole (a million catalog rows fit).
constexpr size_t kMaxImportRows = 2000000;

json ImportErrorsJson(const std::vector<ImportError>& errors, bool chinese) {
  json out = json::array();
  for (const ImportError& e : errors) {
    json j = {{"row", e.row}, {"field", e.field}, {"code", e.code}, {"message", e.message}};
    if (chinese) {
      j["message_en"] = e.message;
      j["message"] = FieldMessageZh(e.field, e.code);
    }
    out.push_back(std::move(j));
  }
  return out;
}

// A background import as GET /v1/imports/{id} gives it: its progress; when done its counts; when
// failed its row errors (nothing was written) or what went wrong.
json ImportJobJson(const ImportJob& j, bool chinese) {
  json out = {{"id", j.id},
              {"kind", ImportKindName(j.kind)},
              {"status", j.status},
              {"phase", j.phase},
              {"rows_done", j.rows_done},
              {"rows_total", j.rows_total}};
  if (j.status == "done") {
    out["created"] = j.report.created;
    out["updated"] = j.report.updated;
  }
  if (j.status == "failed") {
    out["valid"] = j.report.valid;
    out["errors"] = ImportErrorsJson(j.report.errors, chinese);
    if (!j.error.empty()) out["detail"] = j.error;
  }
  return out;
}

// What may carry a CSV body: what spreadsheet programs and browsers label a .csv file.
bool CsvContentType(const HttpRequest& req) {
  const std::string* type = req.Header("content-type");
  if (!type) return true;  // curl --data-binary without -H
  std::string t = type->substr(0, type->find(';'));
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t == "text/csv" || t == "application/csv" || t == "text/plain" || t == "application/vnd.ms-excel" ||
         t == "application/octet-stream" || t == "application/x-www-form-urlencoded";
}

// ---- the change feed

json ChangeRecord(const Change& c, common::Date today) {
  if (c.vendor) return VendorJson(*c.vendor);
  if (c.qualification) return QualificationJson(*c.qualification, today);
  if (c.practitioner) return PractitionerJson(*c.practitioner);
  if (c.sanction) return SanctionJson(*c.sanction, today);
  if (c.item) return ItemJson(*c.item);
  return nullptr;
}

std::optional<int64_t> ParseCount(const std::string& s, int64_t max) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n < 0 || n > max) return std::nullopt;
  return n;
}

// ---- OCDS and award notices

json ReleasesOf(const codec::OcdsPublisher& pub, const procurement::PublishedTender& p) {
  json releases = json::array();
  for (const procurement::TenderEvent& e : p.events) releases.push_back(codec::OcdsRelease(pub, p, e));
  return releases;
}

// A published tender as the public list shows it: the notice, and once awarded the award notice
// (the winner, its price, the challenge period) and the contract. Bids only once opened, and
// then only how many there were.
json PublicTenderJson(const procurement::PublishedTender& p) {
  const procurement::Tender& t = p.tender;
  json out = {{"id", t.id},
              {"title", t.title},
              {"category", t.category},
              {"budget", common::FormatMoney(t.budget)},
              {"method", procurement::MethodName(t.method)},
              {"status", procurement::TenderStatusName(t.status)},
              {"bid_deadline", common::FormatTimestamp(t.bid_deadline)},
              {"published_at", p.events.empty() ? json(nullptr) : json(common::FormatTimestamp(p.events.front().at))},
              {"bids", p.bids.empty() ? json(nullptr) : json(static_cast<int64_t>(p.bids.size()))},
              {"award", nullptr},
              {"contract", nullptr}};
  if ((t.status == procurement::TenderStatus::kAwarded || t.status == procurement::TenderStatus::kContracted) &&
      t.award_published_at) {
    for (const procurement::Bid& b : p.bids) {
      if (b.id != t.awarded_bid_id) continue;
      auto v = p.bidders.find(b.vendor_id);
      out["award"] = {{"vendor_name", v == p.bidders.end() ? "" : v->second.name},
                      {"credit_code", v == p.bidders.end() ? "" : v->second.credit_code},
                      {"price", common::FormatMoney(b.price)},
                      {"published_at", common::FormatTimestamp(*t.award_published_at)},
                      {"challenge_period_ends_on",
                       t.challenge_period_ends_on ? json(common::FormatDate(*t.challenge_period_ends_on)) : json(nullptr)}};
    }
  }
  if (t.contract) {
    out["contract"] = {{"signed_on", common::FormatDate(t.contract->signed_on)}, {"amount", common::FormatMoney(t.contract->amount)}};
  }
  if (t.status == procurement::TenderStatus::kCancelled) out["cancel_reason"] = t.status_reason;
  return out;
}

// ?after= of the change feed and the OCDS feed: a next_cursor they gave (a whole number); 0 when
// absent.
int64_t FeedCursor(const std::optional<std::string>& text, std::vector<common::FieldError>* errors) {
  if (!text) return 0;
  if (auto n = ParseCount(*text, INT64_MAX / 2)) return *n;
  errors->push_back({"after", "invalid", "must be a next_cursor this feed gave (a whole number)"});
  return 0;
}

json NextCursor(const std::optional<std::string>& next) {
  return next ? json(EncodeCursor(*next)) : json(nullptr);
}

}  // namespace

void AddExchangeRoutes(RouteTable& routes, const ApiDeps& deps) {
  ExchangeService* ex = deps.exchange;
  CatalogService* cat = deps.catalog;
  ImportService* imports = deps.imports;
  ImportJobs* jobs = deps.import_jobs;
  const size_t background_rows = deps.import_background_rows;

  // ---- OCDS (any account; the public feed without one)

  procurement::TenderService* tenders = deps.tenders;
  const codec::OcdsPublisher pub = deps.ocds;
  routes.Add("GET", "/v1/tenders/{id}/ocds", Access::kAccount, [tenders, pub](Context& ctx) {
    auto r = tenders->GetPublished(ctx.Param("id"));
    if (!r.ok()) return ProblemFor(r.status());
    return Json(200, codec::OcdsPackage(pub, pub.base_url + "/v1/tenders/" + r->tender.id + "/ocds", ReleasesOf(pub, *r)));
  });

  routes.Add("GET", "/public/v1/ocds/releases?after,limit", Access::kPublic, [tenders, pub](Context& ctx) {
    QueryReader q(ctx.req);
    auto after_text = q.String("after", 20);
    int limit = q.Limit();
    common::Status st = q.Finish();
    std::vector<common::FieldError> errors;
    common::MergeFieldErrors(st, &errors);
    int64_t after = FeedCursor(after_text, &errors);
    if (!errors.empty()) return ProblemFor(common::Status::Validation("the query has invalid parameters", errors));
    int64_t next = after;
    auto r = tenders->PublishedSteps(after, limit, &next);
    if (!r.ok()) return ProblemFor(r.status());
    json releases = json::array();
    for (const auto& [step, p] : *r) releases.push_back(codec::OcdsRelease(pub, *p, step));
    // A page with releases is an OCDS release package; at the end of the feed (no release after
    // the cursor) it is only a page: OCDS requires a package to hold at least one release.
    json package = codec::OcdsPackage(pub, pub.base_url + "/public/v1/ocds/releases?after=" + std::to_string(after), std::move(releases));
    package["next_cursor"] = std::to_string(next);
    return PublicAnswer(ctx.req, DumpJson(package));
  });

  routes.Add("GET", "/public/v1/tenders?limit,cursor", Access::kPublic, [tenders](Context& ctx) {
    QueryReader q(ctx.req);
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = tenders->ListPublished(page);
    if (!r.ok()) return ProblemFor(r.status());
    json items = json::array();
    for (const auto& p : r->items) items.push_back(PublicTenderJson(p));
    return PublicAnswer(ctx.req, DumpJson({{"items", std::move(items)}, {"next_cursor", NextCursor(r->next)}}));
  });

  for (const char* file : {"extension.json", "release-schema.json"}) {
    routes.Add("GET", std::string("/ocds/extensions/domestic_preference/") + file, Access::kPublic, [file](Context& ctx) {
      for (const auto& [name, text] : OcdsExtensionFiles()) {
        if (name.size() >= std::string(file).size() && name.compare(name.size() - std::string(file).size(), std::string::npos, file) == 0) {
          return PublicAnswer(ctx.req, text);
        }
      }
      return Problem(404, "not_found", "no such file");
    });
  }

  // ---- the change feed (bureau, officers, auditors)

  const common::Clock* clock = deps.clock;
  auto waiters = std::make_shared<std::atomic<int>>(0);
  const int max_waiters = deps.max_change_waiters;
  routes.Add("GET", "/v1/changes?after,types,wait,limit", Access::kAccount, [ex, clock, waiters, max_waiters](Context& ctx) {
    QueryReader q(ctx.req);
    auto after_text = q.String("after", 20);
    auto types_text = q.String("types", 200);
    auto wait_text = q.String("wait", 3);
    int limit = q.Limit();
    common::Status st = q.Finish();
    std::vector<common::FieldError> errors;
    common::MergeFieldErrors(st, &errors);
    int64_t after = FeedCursor(after_text, &errors);
    std::vector<std::string> types;
    if (types_text) {
      for (std::string_view t : common::Split(*types_text, ',')) {
        if (std::find(std::begin(kChangeTypes), std::end(kChangeTypes), t) == std::end(kChangeTypes)) {
          errors.push_back({"types", "enum", "each must be vendor, qualification, practitioner, sanction or catalog_item"});
          break;
        }
        types.emplace_back(t);
      }
    }
    int64_t wait = 0;
    if (wait_text) {
      auto n = ParseCount(*wait_text, 30);
      if (n) wait = *n;
      else errors.push_back({"wait", "range", "must be a whole number of seconds from 0 to 30"});
    }
    if (!errors.empty()) return ProblemFor(common::Status::Validation("the query has invalid parameters", errors));
    auto r = ex->Changes(*ctx.actor, after, types, limit);
    // Long poll: while nothing has come, look again every 250 ms until `wait` is over. A waiter
    // holds a read worker, so only so many wait at once; the others are answered at once.
    if (r.ok() && r->empty() && wait > 0) {
      if (waiters->fetch_add(1) < max_waiters) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait);
        while (r.ok() && r->empty() && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(std::chrono::milliseconds(250));
          r = ex->Changes(*ctx.actor, after, types, limit);
        }
      }
      waiters->fetch_sub(1);
    }
    if (!r.ok()) return ProblemFor(r.status());
    const common::Date today = common::BeijingDate(clock->Now());
    json items = json::array();
    for (const Change& c : *r) {
      items.push_back({{"seq", c.entry.seq},
                       {"at", common::FormatTimestamp(c.entry.at)},
                       {"type", c.entry.entity_type},
                       {"id", c.entry.entity_id},
                       {"action", c.entry.action},
                       {"summary", AuditSummary(c.entry)},
                       {"record", ChangeRecord(c, today)}});
    }
    int64_t next = r->empty() ? after : r->back().entry.seq;
    return Json(200, {{"items", std::move(items)}, {"next_cursor", std::to_string(next)}});
  });

  // ---- imports (the bureau)

  routes.Add("GET", "/v1/imports/{id}", Access::kAccount, [jobs](Context& ctx) {
    auto job = jobs->Get(*ctx.actor, ctx.Param("id"));
    if (!job.ok()) return ProblemFor(job.status());
    return Json(200, ImportJobJson(*job, PrefersChinese(ctx.req)));
  });

  routes.Add("POST", "/v1/imports?kind,dry_run", Access::kAccount, [imports, jobs, background_rows](Context& ctx) {
    QueryReader q(ctx.req);
    auto kind = q.EnumOf("kind", kImportKindNames);
    auto dry = q.String("dry_run", 5);
    common::Status st = q.Finish();
    std::vector<common::FieldError> errors;
    common::MergeFieldErrors(st, &errors);
    if (!kind && st.ok()) errors.push_back({"kind", "required", "name what the file holds: vendors, qualifications, practitioners or catalog_items"});
    if (dry && *dry != "true" && *dry != "false") errors.push_back({"dry_run", "enum", "must be true or false"});
    if (!errors.empty()) return ProblemFor(common::Status::Validation("the query has invalid parameters", errors));
    if (auto denied = ImportService::CheckImporter(*ctx.actor); !denied.ok()) return ProblemFor(denied);
    if (!CsvContentType(ctx.req)) {
      return Problem(415, "unsupported_media_type", "send the file as text/csv (UTF-8, UTF-8 with a BOM, or GB18030)");
    }
    std::string encoding;
    auto file = codec::ReadImportFile(ctx.req.body, kMaxImportRows, &encoding);
    if (!file.ok()) return ProblemFor(file.status());
    const bool dry_run = dry && *dry == "true";
    if (!dry_run && file->rows.size() > background_rows) {
      auto job = jobs->Start(*ctx.actor, *kind, std::move(*file));
      if (!job.ok()) return ProblemFor(job.status());
      HttpResponse resp = Json(202, ImportJobJson(*job, false));
      resp.headers.emplace_back("Location", "/v1/imports/" + job->id);
      return resp;
    }
    auto r = imports->Import(*ctx.actor, *kind, *file, dry_run);
    if (!r.ok()) return ProblemFor(r.status());
    const bool chinese = PrefersChinese(ctx.req);
    if (dry_run) {
      HttpResponse resp = Json(200, {{"rows", r->rows},
                                     {"valid", r->valid},
                                     {"errors", ImportErrorsJson(r->errors, chinese)},
                                     {"would_create", r->created},
                                     {"would_update", r->updated},
                                     {"encoding", encoding}});
      resp.headers.emplace_back("Vary", "Accept-Language");
      return resp;
    }
    if (!r->errors.empty()) {
      // In English here; the dispatcher's LocalizeProblem gives it in Chinese when asked, each
      // error's row kept.
      HttpResponse resp = Problem(422, "validation",
                                  std::to_string(r->rows - r->valid) + " of " + std::to_string(r->rows) +
                                      " rows have errors (or a column is missing or unknown); nothing was imported");
      json doc = json::parse(resp.body);
      doc["errors"] = ImportErrorsJson(r->errors, false);
      resp.body = DumpJson(doc);
      return resp;
    }
    return Json(201, {{"id", r->id}, {"status", "done"}, {"rows", r->rows}, {"created", r->created}, {"updated", r->updated},
                      {"encoding", encoding}});
  });

  // ---- exports (bureau, officers, auditors)

  routes.Add("GET", "/v1/exports/approved-list.csv", Access::kAccount, [ex](Context& ctx) {
    auto r = ex->ExportApprovedList(*ctx.actor);
    if (!r.ok()) return ProblemFor(r.status());
    return FileResponse(codec::WriteCsv(ApprovedListTable(*r)), kCsv,
                        "approved-list-" + common::FormatDate(r->on) + ".csv");
  });

  routes.Add("GET", "/v1/exports/approved-list.xlsx", Access::kAccount, [ex](Context& ctx) {
    auto r = ex->ExportApprovedList(*ctx.actor);
    if (!r.ok()) return ProblemFor(r.status());
    auto book = codec::WriteXlsx({ApprovedListTable(*r), QualificationsTable(*r)});
    if (!book.ok()) return ProblemFor(book.status());
    return FileResponse(std::move(*book), kXlsx, "approved-list-" + common::FormatDate(r->on) + ".xlsx");
  });

  // Not in the contract's list: the XLSX's second sheet as CSV, in the qualifications import's
  // columns, so that the approved list moves to another registry whole (docs/exchange.md).
  routes.Add("GET", "/v1/exports/qualifications.csv", Access::kAccount, [ex](Context& ctx) {
    auto r = ex->ExportApprovedList(*ctx.actor);
    if (!r.ok()) return ProblemFor(r.status());
    return FileResponse(codec::WriteCsv(QualificationsTable(*r)), kCsv,
                        "qualifications-" + common::FormatDate(r->on) + ".csv");
  });

  routes.Add("GET", "/v1/exports/sanctions.csv", Access::kAccount, [ex](Context& ctx) {
    auto r = ex->ExportSanctions(*ctx.actor);
    if (!r.ok()) return ProblemFor(r.status());
    return FileResponse(codec::WriteCsv(SanctionsTable(*r)), kCsv, "sanctions-" + common::FormatDate(r->on) + ".csv");
  });

  routes.Add("GET", "/v1/exports/catalog.csv", Access::kAccount, [ex](Context& ctx) {
    auto r = ex->ExportCatalog(*ctx.actor);
    if (!r.ok()) return ProblemFor(r.status());
    return FileResponse(codec::WriteCsv(CatalogTable(*r)), kCsv, "catalog.csv");
  });

  // ---- public information (信息公开): no account, the public allowance

  routes.Add("GET", "/public/v1/approved-list?limit,cursor", Access::kPublic, [ex](Context& ctx) {
    QueryReader q(ctx.req);
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = ex->PublicApprovedList(page, [](const ApprovedListPage& found) {
      json items = json::array();
      for (const ListedVendor& lv : found.page.items) items.push_back(PublicVendorJson(lv));
      return DumpJson({{"on", common::FormatDate(found.on)},
                       {"items", std::move(items)},
                       {"next_cursor", NextCursor(found.page.next)},
                       {"category_names", found.category_names},
                       {"type_names", found.type_names}});
    });
    if (!r.ok()) return ProblemFor(r.status());
    return PublicAnswer(ctx.req, **r);
  });

  routes.Add("GET", "/public/v1/sanctions", Access::kPublic, [ex](Context& ctx) {
    auto r = ex->PublicSanctions();
    if (!r.ok()) return ProblemFor(r.status());
    json items = json::array();
    for (const Sanction& s : r->sanctions) items.push_back(PublicSanctionJson(s));
    return PublicAnswer(ctx.req, DumpJson({{"on", common::FormatDate(r->on)}, {"items", std::move(items)}}));
  });

  routes.Add("GET", "/public/v1/catalog?q,category,domestic,limit,cursor", Access::kPublic, [cat](Context& ctx) {
    QueryReader q(ctx.req);
    CatalogSearch s;
    s.q = q.String("q", 100).value_or("");
    s.category = q.String("category", 64).value_or("");
    auto domestic = q.String("domestic", 5);
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    std::vector<common::FieldError> errors;
    s.domestic_only = DomesticOnly(domestic, &errors);
    common::MergeFieldErrors(st, &errors);
    if (!errors.empty()) return ProblemFor(common::Status::Validation("the query has invalid parameters", errors));
    auto r = cat->PublicSearchRendered(s, page, [](const Page<CatalogItem>& found) {
      json items = json::array();
      for (const CatalogItem& it : found.items) items.push_back(PublicItemJson(it));
      return DumpJson({{"items", std::move(items)}, {"next_cursor", NextCursor(found.next)}});
    });
    if (!r.ok()) return ProblemFor(r.status());
    return PublicAnswer(ctx.req, **r);
  });
}

}  // namespace api
