// registryctl: the operator's command line. Uses the same settings as registryd
// (--storage/--config flags, REGISTRY_* env, config file).
//
//   registryctl migrate        apply pending schema migrations, print the version
//   registryctl schema-version print the applied schema version
//   registryctl verify-audit [--checkpoint-seq=N --checkpoint-hash=H]
//                              recompute the keyed audit chain and reconcile every record with it;
//                              exit 1 when anything fails
//   registryctl load-fixtures DIR   load DIR/reference.json (qualification types, categories) into a
//                              database without types, and DIR/vendors.json into one without vendors
//   registryctl create-account --role=ROLE --name=NAME [--login=LOGIN] [--vendor=ID]
//                              make an account; prints its token (and one-time password) once:
//                              the way back in when every bureau token is lost
//   registryctl list-accounts  one line per account (never a secret)
//   registryctl disable-account ID [--reason=TEXT]
// Only `migrate` creates a database; every other command fails on a missing one (runtime.h).
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
#include "registry/account_service.h"
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
               "  verify-audit [--checkpoint-seq=N --checkpoint-hash=H]\n"
               "                  recompute the keyed audit chain, check the checkpoint, reconcile every\n"
               "                  record with its last entry (exit 1 when anything fails)\n"
               "  load-fixtures DIR  load DIR/reference.json and DIR/vendors.json into an empty database\n"
               "  create-account --role=ROLE --name=NAME [--login=LOGIN] [--vendor=ID]\n"
               "                  make an account and print its token (and one-time password) once\n"
               "  list-accounts   list the accounts (never a secret)\n"
               "  disable-account ID [--reason=TEXT]\n"
               "only migrate creates a database; the others fail when it does not exist\n";
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
  auto db = app::OpenExisting(settings, clock);
  if (!db.ok()) {
    std::cerr << "registryctl: " << db.status().message() << "\n";
    return 1;
  }
  auto key = app::ResolveIdHashKey(settings);
  if (!key.ok()) {
    std::cerr << "registryctl: " << key.status().message() << "\n";
    return 1;
  }
  auto audit_key = app::PrepareAuditChain(settings, **db, clock);
  if (!audit_key.ok()) {
    std::cerr << "registryctl: the audit chain: " << audit_key.status().message() << "\n";
    return 1;
  }
  storage::SqlStore store(**db, *audit_key);
  registry::AccessCache access_cache;
  registry::RegistryService reg(store, clock, *key, access_cache);
  registry::CatalogService catalog(store, clock, access_cache);
  registry::ReferenceService reference_data(store, clock);
  // The built-in reference data comes first when the database has none, as registryd does.
  auto ref = app::LoadReferenceIfEmpty(reference_data, reference ? *reference : app::BuiltinReferenceFixture());
  if (!ref.ok()) {
    std::cerr << "registryctl: " << ref.status().message() << "\n";
    return 1;
  }
  std::cout << (*ref ? "loaded qualification types and categories\n" : "qualification types present; left as they are\n");
  if (vendors) {
    auto n = app::LoadDemoIfEmpty(store, reg, catalog, *vendors, clock.Now());
    if (!n.ok()) {
      std::cerr << "registryctl: " << n.status().message() << "\n";
      return 1;
    }
    std::cout << (*n > 0 ? "loaded " + std::to_string(*n) + " vendors\n" : "the database holds vendors; left as it is\n");
  }
  return 0;
}

// The operator at the terminal acts as the bureau; the audit log records "registryctl".
const registry::Actor kOperator{"registryctl", registry::Role::kBureau, ""};

int AccountCommand(const app::Settings& settings, const common::Clock& clock, const std::string& command,
                   const std::vector<std::string>& args, const std::map<std::string, std::string>& flags) {
  auto db = app::OpenExisting(settings, clock);
  if (!db.ok()) {
    std::cerr << "registryctl: " << db.status().message() << "\n";
    return 1;
  }
  auto audit_key = app::PrepareAuditChain(settings, **db, clock);
  if (!audit_key.ok()) {
    std::cerr << "registryctl: the audit chain: " << audit_key.status().message() << "\n";
    return 1;
  }
  storage::SqlStore store(**db, *audit_key);
  registry::AccountService accounts(store, clock);
  auto flag = [&](const char* name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };
  auto fail = [](const common::Status& st) {
    std::cerr << "registryctl: " << st.message() << "\n";
    for (const auto& e : st.errors()) std::cerr << "  " << e.field << ": " << e.message << "\n";
    return 1;
  };
  if (command == "create-account") {
    registry::NewAccount input;
    auto role = registry::ParseRole(flag("role"));
    if (!role) {
      std::cerr << "registryctl: --role must be bureau, officer, expert, vendor or auditor\n";
      return 2;
    }
    input.role = *role;
    input.name = flag("name");
    input.login = flag("login");
    input.vendor_id = flag("vendor");
    auto made = accounts.Create(kOperator, input);
    if (!made.ok()) return fail(made.status());
    std::cout << "account: " << made->account.id << "\n"
              << "token: " << made->token << "\n";
    if (!made->password.empty()) std::cout << "one-time password: " << made->password << "\n";
    std::cout << "(shown this once; nothing else holds them)\n";
    return 0;
  }
  if (command == "list-accounts") {
    registry::PageRequest page{500, ""};
    for (;;) {
      auto r = accounts.List(kOperator, {}, page);
      if (!r.ok()) return fail(r.status());
      for (const auto& a : r->items) {
        std::cout << a.id << "\t" << registry::RoleName(a.role) << "\t" << registry::AccountStatusName(a.status) << "\t"
                  << (a.login.empty() ? "-" : a.login) << "\t" << (a.vendor_id.empty() ? "-" : a.vendor_id) << "\t"
                  << a.name << "\n";
      }
      if (!r->next) return 0;
      page.after = *r->next;
    }
  }
  // disable-account
  std::string reason = flag("reason").empty() ? "disabled with registryctl" : flag("reason");
  auto done = accounts.Disable(kOperator, args[0], reason);
  if (!done.ok()) return fail(done.status());
  std::cout << "disabled " << done->id << "\n";
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
    bool account_flag = (k == "role" || k == "name" || k == "login" || k == "vendor") ? command == "create-account"
                        : k == "reason"                                           ? command == "disable-account"
                        : k == "checkpoint-seq" || k == "checkpoint-hash"         ? command == "verify-audit"
                                                                                   : false;
    if (k != "storage" && k != "config" && k != "log-level" && k != "id-hash-key-file" && k != "audit-key-file" &&
        k != "db-password-file" && !account_flag) {
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
  const size_t want_args = command == "load-fixtures" || command == "disable-account" ? 1 : 0;
  if (args.size() != want_args) return Usage();
  // ResolveSettings reads flags it knows; the account commands' own flags go to them alone.
  if (command == "create-account" || command == "list-accounts" || command == "disable-account") {
    int code = AccountCommand(*settings, clock, command, args, flags);
    app::ShutdownLogging();
    return code;
  }
  if (command == "migrate" || command == "schema-version" || command == "verify-audit") {
    auto db = command == "migrate" ? app::OpenAndMigrate(*settings, clock) : app::OpenExisting(*settings, clock);
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
    } else if (auto audit_key = app::ResolveAuditKey(*settings); !audit_key.ok()) {
      std::cerr << "registryctl: " << audit_key.status().message() << "\n";
      rc = 1;
    } else {
      // Verifying never seals: it reports the chain as it is.
      storage::SqlStore store(**db, *audit_key);
      registry::AuditService audit(store);
      registry::Actor system{"system", registry::Role::kAuditor, ""};
      std::optional<std::pair<int64_t, std::string>> checkpoint;
      if (flags.count("checkpoint-seq") || flags.count("checkpoint-hash")) {
        long long seq = flags.count("checkpoint-seq") ? std::atoll(flags.at("checkpoint-seq").c_str()) : 0;
        std::string hash = flags.count("checkpoint-hash") ? flags.at("checkpoint-hash") : "";
        if (seq < 1 || hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
          std::cerr << "registryctl: a checkpoint is --checkpoint-seq=N (N >= 1) and --checkpoint-hash= 64 hex digits\n";
          app::ShutdownLogging();
          return 2;
        }
        checkpoint.emplace(seq, hash);
      }
      auto report = audit.Verify(system, checkpoint);
      if (!report.ok()) {
        std::cerr << "registryctl: " << report.status().message() << "\n";
        rc = 1;
      } else if (report->ok) {
        std::cout << "audit chain ok: " << report->entries << " entries, head " << report->head_hash
                  << "; every record matches its last entry\n";
      } else {
        if (report->first_bad_seq) std::cout << "audit chain BROKEN at seq " << report->first_bad_seq << "\n";
        if (!report->checkpoint.empty()) std::cout << "checkpoint " << report->checkpoint << "\n";
        for (const auto& m : report->mismatched) {
          std::cout << "record does not match its audit entry: " << m.entity_type << " " << m.entity_id << "\n";
        }
        if (report->mismatched_total > static_cast<int64_t>(report->mismatched.size())) {
          std::cout << "... " << report->mismatched_total << " records in all\n";
        }
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
