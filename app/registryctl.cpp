// registryctl: the operator's command line. Uses the same settings as registryd
// (--storage/--config flags, REGISTRY_* env, config file). The commands, their arguments and
// flags are the table kCommands below; `registryctl --help` prints it (docs/running.md and
// docs/operations.md explain each). Exit codes: 0 done, 1 the command failed (the message says
// why), 2 the command line or the settings are wrong (the message names what).
// Only `migrate` and `restore` create a database; every other command fails on a missing one.
#include <algorithm>
#include <unistd.h>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>
#include <iostream>
#include <map>
#include <string>

#include "app/backup.h"
#include "app/fixtures.h"
#include "app/runtime.h"
#include "app/settings.h"
#include "common/clock.h"
#include "registry/account_service.h"
#include "registry/audit_service.h"
#include "registry/catalog_service.h"
#include "codec/table_file.h"
#include "registry/import_service.h"
#include "registry/registry_service.h"
#include "storage/migrations.h"
#include "storage/sql_store.h"

namespace {

struct Command {
  const char* name;
  const char* args;   // shown in the help; the number of words is the number of arguments
  std::vector<const char*> flags;  // the command's own flags, besides the settings' ones
  const char* help;
};

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"migrate", "", {}, "apply pending schema migrations (creates the database), print the version"},
      {"schema-version", "", {}, "print the applied schema version"},
      {"verify-audit", "", {"checkpoint-seq", "checkpoint-hash"},
       "recompute the keyed audit chain, check a checkpoint (--checkpoint-seq=N\n"
       "                   --checkpoint-hash=H), reconcile every record with its last entry;\n"
       "                   exit 1 when anything fails"},
      {"backup", "DEST", {"with-audit-key"},
       "copy the live database (consistent, online), the ID-hash key and the token file\n"
       "                   into the new directory DEST, then verify the copy; the audit key\n"
       "                   stays apart unless --with-audit-key=1"},
      {"restore", "SRC", {},
       "restore a backup into the configured storage (a new SQLite file, or an empty\n"
       "                   MySQL database) with its keys; verify the audit chain. An audit key\n"
       "                   kept apart is given with --audit-key-file or REGISTRY_AUDIT_KEY"},
      {"load-fixtures", "DIR", {}, "load DIR/reference.json and DIR/vendors.json into a database without them"},
      {"create-account", "", {"role", "name", "login", "vendor", "department"},
       "--role=ROLE --name=NAME [--login=LOGIN] [--vendor=ID] [--department=NAME]: make an account and\n"
       "                   print its token (and one-time password) once"},
      {"list-accounts", "", {}, "list the accounts (never a secret)"},
      {"import", "FILE", {"kind", "dry-run"},
       "--kind=vendors|qualifications|practitioners|catalog_items [--dry-run=1]: import a CSV file\n"
       "                   (UTF-8 or GB18030) as POST /v1/imports does, all or nothing, with a\n"
       "                   progress bar; the rows in error are listed (exit 1) and nothing is written"},
      {"disable-account", "ID", {"reason"}, "[--reason=TEXT]: disable the account; its token stops at once"},
  };
  return kCommands;
}

const Command* FindCommand(const std::string& name) {
  for (const auto& c : Commands()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

size_t ArgCount(const Command& c) {
  std::string a = c.args;
  return a.empty() ? 0 : 1 + std::count(a.begin(), a.end(), ' ');
}

// Flags every command takes: the settings registryctl reads.
const char* const kSettingFlags[] = {"storage", "config", "log-level", "id-hash-key-file", "audit-key-file",
                                     "db-password-file"};

void PrintUsage(std::ostream& out) {
  out << "usage: registryctl [--storage=URL] [--config=FILE] COMMAND [ARG] [--flag=VALUE ...]\n"
         "       registryctl --help | --version\n"
         "commands:\n";
  for (const auto& c : Commands()) {
    std::string head = std::string(c.name) + (*c.args ? std::string(" ") + c.args : "");
    out << "  " << head << (head.size() < 17 ? std::string(17 - head.size(), ' ') : "\n" + std::string(19, ' '))
        << c.help << "\n";
  }
  out << "settings (every command): --storage --config --log-level --id-hash-key-file --audit-key-file\n"
         "  --db-password-file, or REGISTRY_* in the environment (docs/running.md)\n"
         "exit: 0 done, 1 the command failed, 2 a wrong command line or setting\n";
}

// A wrong command line: says what was wrong, then how to ask for help. Exit 2.
int CommandLineError(const std::string& what) {
  std::cerr << "registryctl: " << what << "\n(registryctl --help lists the commands)\n";
  return 2;
}

int LoadFixtures(const app::Settings& settings, const common::Clock& clock, const std::string& dir) {
  auto reference = app::ReadWholeFile(dir + "/reference.json");
  auto vendors = app::ReadWholeFile(dir + "/vendors.json");
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

// An existing database with its audit chain ready, as the commands that change records need it.
struct OpenedStore {
  std::unique_ptr<storage::Database> db;
  std::string audit_key;
  std::unique_ptr<storage::SqlStore> store;
};

// Prints why and returns nullopt when the database or its audit chain cannot be opened.
std::optional<OpenedStore> OpenStore(const app::Settings& settings, const common::Clock& clock) {
  auto db = app::OpenExisting(settings, clock);
  if (!db.ok()) {
    std::cerr << "registryctl: " << db.status().message() << "\n";
    return std::nullopt;
  }
  auto audit_key = app::PrepareAuditChain(settings, **db, clock);
  if (!audit_key.ok()) {
    std::cerr << "registryctl: the audit chain: " << audit_key.status().message() << "\n";
    return std::nullopt;
  }
  OpenedStore out{std::move(*db), *audit_key, nullptr};
  out.store = std::make_unique<storage::SqlStore>(*out.db, out.audit_key);
  return out;
}

// The operator at the terminal acts as the bureau; the audit log records "registryctl".
const registry::Actor kOperator{"registryctl", registry::Role::kBureau, ""};

int AccountCommand(const app::Settings& settings, const common::Clock& clock, const std::string& command,
                   const std::vector<std::string>& args, const std::map<std::string, std::string>& flags) {
  auto opened = OpenStore(settings, clock);
  if (!opened) return 1;
  storage::SqlStore& store = *opened->store;
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
      std::cerr << "registryctl: --role must be bureau, officer, expert, vendor, auditor, department or finance\n";
      return 2;
    }
    input.role = *role;
    input.name = flag("name");
    input.login = flag("login");
    input.vendor_id = flag("vendor");
    input.department = flag("department");
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

// A progress bar on stderr, redrawn in place when stderr is a terminal (one line per phase
// otherwise, so logs stay readable).
class ProgressBar {
 public:
  ProgressBar() : tty_(isatty(STDERR_FILENO) != 0) {}
  void operator()(const registry::ImportProgress& p) {
    const int width = 40;
    int filled = p.total > 0 ? static_cast<int>(p.done * width / p.total) : width;
    if (!tty_) {
      if (p.done == p.total) std::cerr << p.phase << ": " << p.done << "/" << p.total << "\n";
      return;
    }
    std::cerr << "\r" << (std::string(p.phase) == "checking" ? "checking " : "writing  ") << "["
              << std::string(static_cast<size_t>(filled), '#') << std::string(static_cast<size_t>(width - filled), ' ') << "] "
              << p.done << "/" << p.total << std::flush;
    if (p.done == p.total) std::cerr << "\n";
  }

 private:
  bool tty_;
};

int ImportCommand(const app::Settings& settings, const common::Clock& clock, const std::string& path,
                  const std::map<std::string, std::string>& flags) {
  auto flag = [&](const char* name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };
  auto kind = common::ParseIn(registry::kImportKindNames, flag("kind"));
  if (!kind) {
    std::cerr << "registryctl: --kind must be vendors, qualifications, practitioners or catalog_items\n";
    return 2;
  }
  const bool dry_run = flag("dry-run") == "1" || flag("dry-run") == "true";
  auto bytes = app::ReadWholeFile(path);
  if (!bytes) {
    std::cerr << "registryctl: cannot read " << path << "\n";
    return 1;
  }
  std::string encoding;
  auto file = codec::ReadImportFile(*bytes, 2000000, &encoding);
  if (!file.ok()) {
    std::cerr << "registryctl: " << file.status().message() << "\n";
    for (const auto& e : file.status().errors()) std::cerr << "  " << e.code << ": " << e.message << "\n";
    return 1;
  }
  auto opened = OpenStore(settings, clock);
  if (!opened) return 1;
  auto id_key = app::ResolveIdHashKey(settings);  // practitioners' ID numbers are hashed with it
  if (!id_key.ok()) {
    std::cerr << "registryctl: " << id_key.status().message() << "\n";
    return 1;
  }
  storage::SqlStore& store = *opened->store;
  registry::ImportService imports(store, clock, *id_key);
  ProgressBar bar;
  auto r = imports.Import(kOperator, *kind, *file, dry_run, [&](const registry::ImportProgress& p) { bar(p); });
  if (!r.ok()) {
    std::cerr << "registryctl: " << r.status().message() << "\n";
    return 1;
  }
  std::cout << path << " (" << encoding << "): " << r->rows << " rows, " << r->valid << " without errors\n";
  for (const auto& e : r->errors) {
    std::cout << "  row " << e.row << (e.field.empty() ? "" : " " + e.field) << ": " << e.code << ": " << e.message << "\n";
  }
  if (!r->errors.empty()) {
    std::cout << "nothing was imported\n";
    return 1;
  }
  if (dry_run) {
    std::cout << "would create " << r->created << ", update " << r->updated << " (dry run: nothing written)\n";
  } else {
    std::cout << "imported " << r->id << ": created " << r->created << ", updated " << r->updated << "\n";
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
    if (a == "-h" || a == "--help" || a == "help") {
      PrintUsage(std::cout);
      return 0;
    }
    if (a == "--version") {
      std::cout << "registryctl " << REGISTRY_VERSION << "\n";
      return 0;
    }
    if (a.rfind("--", 0) == 0) {
      size_t eq = a.find('=');
      if (eq == std::string::npos) return CommandLineError("a flag is --name=value: " + a);
      std::string name = a.substr(2, eq - 2);
      if (flags.count(name)) return CommandLineError("--" + name + " is given twice");
      flags[name] = a.substr(eq + 1);
    } else if (command.empty()) {
      command = a;
    } else {
      args.push_back(a);
    }
  }
  if (command.empty()) return CommandLineError("no command given");
  const Command* cmd = FindCommand(command);
  if (!cmd) return CommandLineError("unknown command \"" + command + "\"");
  for (const auto& [k, v] : flags) {
    bool known = std::find(std::begin(kSettingFlags), std::end(kSettingFlags), k) != std::end(kSettingFlags) ||
                 std::find(cmd->flags.begin(), cmd->flags.end(), k) != cmd->flags.end();
    if (!known) return CommandLineError("unknown flag --" + k + " for " + command);
  }
  if (args.size() != ArgCount(*cmd)) {
    return CommandLineError(command + (ArgCount(*cmd) == 0 ? " takes no argument"
                                                           : std::string(" takes one argument: ") + cmd->args));
  }
  auto settings = app::ResolveSettings(flags, [](const char* n) { return std::getenv(n); });
  if (!settings.ok()) {
    std::cerr << "registryctl: " << settings.status().message() << "\n";
    return 2;
  }
  settings->workers = 1;
  settings->write_workers = 0;
  (void)app::ConfigureLogging(settings->log_level == "information" ? "warning" : settings->log_level);  // stderr cannot fail
  common::SystemClock clock;
  int rc = 0;
  // ResolveSettings reads flags it knows; the account commands' own flags go to them alone.
  if (command == "create-account" || command == "list-accounts" || command == "disable-account") {
    int code = AccountCommand(*settings, clock, command, args, flags);
    app::ShutdownLogging();
    return code;
  }
  if (command == "import") {
    int code = ImportCommand(*settings, clock, args[0], flags);
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
  } else if (command == "load-fixtures") {
    rc = LoadFixtures(*settings, clock, args[0]);
  } else if (command == "backup" || command == "restore") {
    bool with_key = flags.count("with-audit-key") > 0;
    if (with_key && flags.at("with-audit-key") != "1" && flags.at("with-audit-key") != "0") {
      app::ShutdownLogging();
      return CommandLineError("--with-audit-key is 1 or 0");
    }
    with_key = with_key && flags.at("with-audit-key") == "1";
    auto done = command == "backup" ? app::Backup(*settings, clock, args[0], with_key) : app::Restore(*settings, clock, args[0]);
    if (!done.ok()) {
      std::cerr << "registryctl: " << command << ": " << done.status().message() << "\n";
      rc = 1;
    } else {
      std::cout << (command == "backup" ? "backed up " : "restored ") << done->backend << " registry, schema version "
                << done->schema_version;
      if (!done->audit_head.empty()) {
        std::cout << ", audit chain ok: " << done->audit_entries << " entries, head " << done->audit_head;
      }
      std::cout << "\nfiles:";
      for (const auto& f : done->files) std::cout << " " << f;
      std::cout << "\n";
      if (command == "backup" && !with_key) {
        std::cout << "the audit chain key is not in the backup: keep it apart ("
                  << (settings->audit_key.empty() ? app::AuditKeyPath(*settings) : "REGISTRY_AUDIT_KEY")
                  << "); restore needs it\n";
      }
    }
  }
  app::ShutdownLogging();
  return rc;
}
