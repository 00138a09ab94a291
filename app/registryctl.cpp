// registryctl: the operator's command line. Uses the same settings as registryd
// (--storage/--config flags, REGISTRY_* env, config file).
//
//   registryctl migrate        apply pending schema migrations, print the version
//   registryctl schema-version print the applied schema version
//   registryctl verify-audit   recompute the audit hash chain; exit 1 when it is broken
//   registryctl load-fixtures DIR   load DIR/reference.json (qualification types, categories) into a
//                              database without types, and DIR/vendors.json into one without vendors
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>
#include <iostream>
#include <map>
#include <string>

#include "app/fixtures.h"
#include "app/runtime.h"
#include "app/settings.h"
#include "common/clock.h"
#include "registry/audit_service.h"
#include "registry/catalog_service.h"
#include "registry/registry_service.h"
#include "storage/migrations.h"
#include "storage/sql_store.h"

namespace {

int Usage() {
  std::cerr << "usage: registryctl [--storage=URL] [--config=FILE] COMMAND\n"
               "commands:\n"
               "  migrate         apply pending schema migrations\n"
               "  schema-version  print the applied schema version\n"
               "  verify-audit    recompute the audit hash chain (exit 1 when broken)\n"
               "  load-fixtures DIR  load DIR/reference.json and DIR/vendors.json into an empty database\n";
  return 2;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int LoadFixtures(const app::Settings& settings, const common::Clock& clock, const std::string& dir) {
  auto reference = ReadFile(dir + "/reference.json");
  auto vendors = ReadFile(dir + "/vendors.json");
  if (!reference && !vendors) {
    std::cerr << "registryctl: " << dir << " holds neither reference.json nor vendors.json\n";
    return 1;
  }
  auto db = app::OpenAndMigrate(settings, clock);
  if (!db.ok()) {
    std::cerr << "registryctl: " << db.status().message() << "\n";
    return 1;
  }
  auto key = app::ResolveIdHashKey(settings);
  if (!key.ok()) {
    std::cerr << "registryctl: " << key.status().message() << "\n";
    return 1;
  }
  storage::SqlStore store(**db);
  registry::RegistryService reg(store, clock, *key);
  registry::CatalogService catalog(store, clock);
  // The built-in reference data comes first when the database has none, as registryd does.
  auto ref = app::LoadReferenceIfEmpty(store, catalog, reference ? *reference : app::BuiltinReferenceFixture());
  if (!ref.ok()) {
    std::cerr << "registryctl: " << ref.status().message() << "\n";
    return 1;
  }
  std::cout << (*ref ? "loaded qualification types and categories\n" : "qualification types present; left as they are\n");
  if (vendors) {
    auto n = app::LoadDemoIfEmpty(store, store, reg, catalog, *vendors, clock.Now());
    if (!n.ok()) {
      std::cerr << "registryctl: " << n.status().message() << "\n";
      return 1;
    }
    std::cout << (*n > 0 ? "loaded " + std::to_string(*n) + " vendors\n" : "the database holds vendors; left as it is\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  std::string command;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") return Usage(), 0;
    if (a.rfind("--", 0) == 0) {
      size_t eq = a.find('=');
      if (eq == std::string::npos) return Usage();
      flags[a.substr(2, eq - 2)] = a.substr(eq + 1);
    } else if (command.empty()) {
      command = a;
    } else {
      args.push_back(a);
    }
  }
  if (command.empty()) return Usage();
  for (const auto& [k, v] : flags) {
    if (k != "storage" && k != "config" && k != "log-level" && k != "id-hash-key-file" &&
        k != "db-password-file") {
      std::cerr << "registryctl: unknown flag --" << k << "\n";
      return 2;
    }
  }
  auto settings = app::ResolveSettings(flags, [](const char* n) { return std::getenv(n); });
  if (!settings.ok()) {
    std::cerr << "registryctl: " << settings.status().message() << "\n";
    return 2;
  }
  settings->workers = 1;
  settings->write_workers = 0;
  app::ConfigureLogging(settings->log_level == "information" ? "warning" : settings->log_level);
  common::SystemClock clock;
  int rc = 0;
  if ((command != "load-fixtures" && !args.empty())) return Usage();
  if (command == "migrate" || command == "schema-version" || command == "verify-audit") {
    auto db = app::OpenAndMigrate(*settings, clock);
    if (!db.ok()) {
      std::cerr << "registryctl: " << db.status().message() << "\n";
      rc = 1;
    } else if (command == "migrate" || command == "schema-version") {
      auto v = storage::SchemaVersion(**db);
      if (!v.ok()) {
        std::cerr << "registryctl: " << v.status().message() << "\n";
        rc = 1;
      } else {
        std::cout << "schema version " << *v << "\n";
      }
    } else {
      storage::SqlStore store(**db);
      registry::AuditService audit(store);
      registry::Actor system{"system", registry::Role::kAuditor, ""};
      auto report = audit.Verify(system);
      if (!report.ok()) {
        std::cerr << "registryctl: " << report.status().message() << "\n";
        rc = 1;
      } else if (report->ok) {
        std::cout << "audit chain ok: " << report->entries << " entries, head " << report->head_hash << "\n";
      } else {
        std::cout << "audit chain BROKEN at seq " << report->first_bad_seq << "\n";
        rc = 1;
      }
    }
  } else if (command == "load-fixtures" && args.size() == 1) {
    rc = LoadFixtures(*settings, clock, args[0]);
  } else {
    rc = Usage();
  }
  app::ShutdownLogging();
  return rc;
}
