// The middle layer in process: the real services over the real SQL store on an in-memory SQLite
// database (storage::OpenSqliteInMemory: leveldb's memenv idea, the same code over a store that
// never touches a disk), with a manual clock. Each harness is a fresh database with the
// built-in qualification types and categories and the audit chain sealed, as registryd starts.
// The e2e suites test the same use cases over HTTP against registryd; these test the services'
// rules directly, in milliseconds.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <unistd.h>

#include "app/fixtures.h"
#include "common/clock.h"
#include "common/credit_code.h"
#include "procurement/tender_service.h"
#include "registry/account_service.h"
#include "registry/audit_service.h"
#include "registry/catalog_service.h"
#include "registry/registry_service.h"
#include "storage/audit_rows.h"
#include "storage/migrations.h"
#include "storage/sql_store.h"
#include "support/test_db.h"

namespace service_testing {

using common::Date;
using registry::Actor;
using registry::Role;

// The value of an ok Result, or a test failure naming `what` and the status (and a default T).
template <typename T>
T Ok(common::Result<T> r, const char* what) {
  EXPECT_TRUE(r.ok()) << what << ": " << r.status().ToString();
  if (!r.ok()) return T{};
  return std::move(r).value();
}

class Harness {
 public:
  Harness() {
    static std::atomic<int> n{0};
    auto db = storage::OpenSqliteInMemory("svc-" + std::to_string(::getpid()) + "-" + std::to_string(n++), {});
    if (!db.ok()) throw std::runtime_error(db.status().ToString());
    db_ = std::move(db).value();
    auto applied = storage::Migrate(*db_, clock.Now());
    if (!applied.ok()) throw std::runtime_error(applied.status().ToString());
    auto sealed = storage::SealAuditChain(*db_, testing_support::kAuditKey, clock.Now());
    if (!sealed.ok()) throw std::runtime_error(sealed.status().ToString());
    store_ = std::make_unique<storage::SqlStore>(*db_, testing_support::kAuditKey);
    accounts = std::make_unique<registry::AccountService>(*store_, clock);
    audit = std::make_unique<registry::AuditService>(*store_);
    registry = std::make_unique<registry::RegistryService>(*store_, clock, "service-test-id-hash-key-0123456789",
                                                           access_cache);
    reference = std::make_unique<registry::ReferenceService>(*store_, clock);
    catalog = std::make_unique<registry::CatalogService>(*store_, clock, access_cache);
    tenders = std::make_unique<procurement::TenderService>(*store_, clock, access_cache);
    auto loaded = app::LoadReferenceIfEmpty(*reference, app::BuiltinReferenceFixture());
    if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
  }

  Date Today() const { return registry::Today(clock); }

  // A registered vendor (number n), with CS3, ITSS 三级, ISO 20000 and two RK_SI_PM practitioners:
  // enough for SYSTEM_INTEGRATION and OPERATIONS once listed. Returns the vendor's actor.
  Actor QualifiedVendor(int n, bool list = true) {
    char first17[32];
    std::snprintf(first17, sizeof first17, "91440507MC%07d", n);
    registry::Registration r;
    r.name = "汕头市服务测试" + std::to_string(n) + "号科技有限公司";
    r.credit_code = std::string(first17) + common::CreditCodeCheckChar(first17);
    r.region_code = "440507";
    auto done = Ok(registry->RegisterVendor(bureau, r), "register");
    const std::string& id = done.vendor.id;
    for (auto [type, level] : {std::pair<const char*, const char*>{"CS", "CS3"}, {"ITSS", "三级"}, {"ISO20000", ""}}) {
      registry::Qualification q;
      q.type = type;
      q.level = level;
      q.certificate_no = std::string(type) + "-" + std::to_string(n);
      q.issuer = "测试发证机构";
      q.issued_on = Today().AddDays(-100);
      q.expires_on = Today().AddDays(300);
      Ok(registry->RecordQualification(bureau, id, q), "qualification");
    }
    for (int k = 0; k < 2; ++k) {
      registry::NewPractitioner p;
      p.name = "工程师" + std::to_string(k);
      p.id_number = testing_support::ValidIdNumber(n * 10 + k);
      p.credentials.push_back({"RK_SI_PM", "", "SI-" + std::to_string(n * 10 + k), Today().AddDays(-1000), std::nullopt});
      Ok(registry->AddPractitioner(bureau, id, p), "practitioner");
    }
    if (list) Ok(registry->DecideListing(bureau, id, true, "材料齐全"), "listing");
    return Actor{done.account_id, Role::kVendor, id};
  }

  // "yes" or "no" for the vendor's market access in `category` today (through the access cache).
  std::string Access(const std::string& vendor_id, const std::string& category) {
    auto text = registry->MarketAccessRendered(bureau, vendor_id, category, Today(),
                                               [](const registry::AccessDecision& d) { return d.eligible ? "yes" : "no"; });
    if (!text.ok()) return text.status().ToString();
    return **text;
  }

  common::ManualClock clock{*common::ParseTimestamp("2026-12-01T02:00:00Z")};  // 10:00 in Beijing
  registry::AccessCache access_cache;
  const Actor bureau{"bureau-test", Role::kBureau, ""};
  const Actor auditor{"auditor-test", Role::kAuditor, ""};
  std::unique_ptr<registry::AccountService> accounts;
  std::unique_ptr<registry::AuditService> audit;
  std::unique_ptr<registry::RegistryService> registry;
  std::unique_ptr<registry::ReferenceService> reference;
  std::unique_ptr<registry::CatalogService> catalog;
  std::unique_ptr<procurement::TenderService> tenders;
  storage::SqlStore& store() { return *store_; }

 private:
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::SqlStore> store_;
};

}  // namespace service_testing
