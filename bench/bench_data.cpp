// Generates benchmark data through the real services: vendors with valid credit codes,
// qualifications and practitioners (all listed, with market access for SYSTEM_INTEGRATION and
// OPERATIONS), catalog items with Chinese names and descriptions (listed), an officer and a
// reader account, and one open tender. Writes the ids and tokens the wrk scripts need:
//   OUT/accounts   "officer TOKEN" and "reader TOKEN"
//   OUT/vendors    "VENDOR_ID VENDOR_TOKEN" per line
//   OUT/tender     the open tender's id
// Usage: bench_data --storage=URL --vendors=N --items=M --out=DIR
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>

#include "app/fixtures.h"
#include "app/runtime.h"
#include "common/clock.h"
#include "common/credit_code.h"
#include "procurement/tender_service.h"
#include "registry/account_service.h"
#include "registry/catalog_service.h"
#include "registry/registry_service.h"
#include "storage/sql_store.h"

namespace {

using registry::Actor;
using registry::Role;

std::string IdNumber(long n) {
  char body[32];
  std::snprintf(body, sizeof body, "440507%04ld%02ld%02ld%03ld", 1960 + n % 40, 1 + n % 12, 1 + n % 28, n % 1000);
  static const int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kW[i];
  return std::string(body) + "10X98765432"[sum % 11];
}

template <typename T>
T Must(common::Result<T> r, const char* what) {
  if (!r.ok()) {
    std::cerr << "bench_data: " << what << ": " << r.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(r).value();
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    size_t eq = a.find('=');
    if (a.rfind("--", 0) != 0 || eq == std::string::npos) {
      std::cerr << "usage: bench_data --storage=URL --vendors=N --items=M --out=DIR\n";
      return 2;
    }
    flags[a.substr(2, eq - 2)] = a.substr(eq + 1);
  }
  long vendors = std::atol(flags["vendors"].c_str()), items = std::atol(flags["items"].c_str());
  std::string out = flags["out"];
  app::Settings settings;
  settings.storage = flags["storage"];
  settings.workers = 1;
  settings.write_workers = 0;
  settings.sqlite_synchronous = "NORMAL";  // generation only; registryd runs with its own setting
  settings.id_hash_key = "bench-id-hash-key-0123456789";
  settings.audit_key = "bench-audit-key-0123456789abcdefghijklmnop";  // bench/run gives registryd the same
  (void)app::ConfigureLogging("warning");  // stderr cannot fail
  common::SystemClock clock;
  auto db = Must(app::OpenAndMigrate(settings, clock), "open");
  storage::SqlStore store(*db, Must(app::PrepareAuditChain(settings, *db, clock), "audit key"));
  registry::AccountService accounts(store, clock);
  registry::AccessCache access_cache;
  registry::RegistryService reg(store, clock, settings.id_hash_key, access_cache);
  registry::CatalogService catalog(store, clock, access_cache);
  registry::ReferenceService reference(store, clock);
  procurement::TenderService tenders(store, clock, access_cache);
  const Actor bureau{"bench", Role::kBureau, ""};
  Must(app::LoadReferenceIfEmpty(reference, app::BuiltinReferenceFixture()), "reference");

  auto officer = Must(accounts.Create(bureau, {"bench officer", Role::kOfficer, "", ""}), "officer");
  auto reader = Must(accounts.Create(bureau, {"bench reader", Role::kAuditor, "", ""}), "reader");
  std::ofstream(out + "/accounts") << "officer " << officer.token << "\nreader " << reader.token << "\n";

  common::Date today = registry::Today(clock);
  std::ofstream vendor_file(out + "/vendors");
  std::vector<Actor> vendor_actors;
  std::mt19937_64 rng(2026);
  for (long v = 0; v < vendors; ++v) {
    char first17[32];
    std::snprintf(first17, sizeof first17, "91440507MB%07ld", v);
    registry::Registration r;
    r.name = "汕头市基准测试" + std::to_string(v) + "号信息技术有限公司";
    r.credit_code = std::string(first17) + common::CreditCodeCheckChar(first17);
    r.enterprise_size = v % 3 ? registry::EnterpriseSize::kSmall : registry::EnterpriseSize::kMedium;
    r.region_code = "440507";
    auto done = Must(reg.RegisterVendor(bureau, r), "vendor");
    const std::string& id = done.vendor.id;
    for (auto [type, level] : {std::pair<const char*, const char*>{"CS", "CS3"}, {"ITSS", "三级"}, {"ISO20000", ""}}) {
      registry::Qualification q;
      q.type = type;
      q.level = level;
      q.certificate_no = std::string(type) + "-" + std::to_string(v);
      q.issuer = "基准测试发证机构";
      q.issued_on = today.AddDays(-200);
      q.expires_on = today.AddDays(700);
      Must(reg.RecordQualification(bureau, id, q), "qualification");
    }
    for (int k = 0; k < 2; ++k) {
      registry::NewPractitioner p;
      p.name = "工程师" + std::to_string(k);
      p.id_number = IdNumber(v * 2 + k);
      p.credentials.push_back({"RK_SI_PM", "", "SI-" + std::to_string(v * 2 + k), today.AddDays(-1000), std::nullopt});
      Must(reg.AddPractitioner(bureau, id, p), "practitioner");
    }
    Must(reg.DecideListing(bureau, id, true, "bench"), "listing");
    vendor_file << id << " " << done.token << "\n";
    vendor_actors.push_back(Actor{done.account_id, Role::kVendor, id});
  }
  vendor_file.close();

  static const char* kWords[] = {"政务", "云平台", "运维", "服务", "国产", "服务器", "数据库", "中间件", "安全", "等级保护",
                                 "测评", "网络", "交换机", "存储", "备份", "开发", "系统集成", "智慧", "城市", "审批",
                                 "终端", "桌面", "机房", "监控", "信创", "操作系统", "办公", "软件", "硬件", "咨询"};
  constexpr size_t kWordCount = sizeof kWords / sizeof kWords[0];
  for (long i = 0; i < items; ++i) {
    registry::NewItem it;
    it.category = i % 2 ? "SYSTEM_INTEGRATION" : "OPERATIONS";
    for (int w = 0; w < 3; ++w) it.name += kWords[rng() % kWordCount];
    for (int w = 0; w < 8; ++w) it.description += kWords[rng() % kWordCount];
    it.domestic = rng() % 2;
    it.unit_price = common::Money{static_cast<int64_t>(100000 + rng() % 100000000)};
    it.unit = "项";
    auto made = Must(catalog.ProposeItem(vendor_actors[static_cast<size_t>(i) % vendor_actors.size()], it), "item");
    Must(catalog.DecideItem(bureau, made.id, true, ""), "item decision");
  }

  procurement::NewTender t;
  t.title = "基准测试招标项目";
  t.category = "SYSTEM_INTEGRATION";
  t.budget = common::Money{100000000000};
  t.method = procurement::Method::kComprehensive;
  t.price_weight = 3000;
  t.bid_deadline = common::Timestamp{clock.Now().micros + 30LL * 86400 * 1000000};
  const Actor officer_actor{officer.account.id, Role::kOfficer, ""};
  auto tender = Must(tenders.Create(officer_actor, t), "tender");
  Must(tenders.Publish(officer_actor, tender.id), "publish");
  std::ofstream(out + "/tender") << tender.id << "\n";
  std::cout << "generated " << vendors << " vendors, " << items << " catalog items, tender " << tender.id << "\n";
  app::ShutdownLogging();
  return 0;
}
