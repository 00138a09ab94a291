// registryd: the registry service. Reads settings, opens and migrates storage, makes the first
// bureau administrator on an empty database, serves HTTP until SIGTERM/SIGINT, then drains.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <map>
#include <thread>

#include <Poco/Logger.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "api/api.h"
#include "api/http_server.h"
#include "api/input.h"
#include "api/response.h"
#include "app/fixtures.h"
#include "app/runtime.h"
#include "app/settings.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "registry/account_service.h"
#include "registry/audit_service.h"
#include "registry/catalog_service.h"
#include "registry/registry_service.h"
#include "storage/idempotency_store.h"
#include "storage/server_state.h"
#include "storage/sql_store.h"

namespace {

using Poco::Util::Option;

// How long a stored Idempotency-Key response is kept: a client retries within minutes, a day
// covers a retry after an outage.
constexpr int64_t kIdempotencyRetentionSeconds = 24 * 3600;
using Poco::Util::OptionSet;

// SIGHUP reopens the log file (logrotate's postrotate, systemd's ExecReload). main() blocks the
// signal in every thread; this thread alone takes it, with sigtimedwait so that it can stop.
class LogReopener {
 public:
  LogReopener()
      : thread_([this] {
          sigset_t hup;
          sigemptyset(&hup);
          sigaddset(&hup, SIGHUP);
          const timespec tick{0, 200 * 1000 * 1000};
          while (!stop_) {
            if (sigtimedwait(&hup, nullptr, &tick) == SIGHUP) {
              Poco::Logger& log = Poco::Logger::get("registryd");
              if (app::ReopenLog()) {
                log.information("SIGHUP: log file reopened");
              } else {
                log.error("SIGHUP: cannot reopen the log file; still writing to the old one");
              }
            }
          }
        }) {}
  ~LogReopener() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class Registryd : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(OptionSet& options) override {
    ServerApplication::defineOptions(options);
    auto add = [&](const char* name, const std::string& help, bool arg) {
      Option o(name, "", help);
      o.required(false).repeatable(false);
      if (arg) o.argument("VALUE");
      o.callback(Poco::Util::OptionCallback<Registryd>(this, &Registryd::OnOption));
      options.addOption(o);
    };
    add("help", "print this help and exit", false);
    add("version", "print the version and exit", false);
    add("print-config", "print the effective configuration (secrets masked, each value's origin) and exit", false);
    add("config", "config file (Poco properties, or INI when it ends in .ini)", true);
    // The defaults shown are the ones Settings holds: written once, in app/settings.h.
    const app::Settings d;
    auto dflt = [](const auto& v) {
      std::ostringstream s;
      s << " (default " << v << ")";
      return s.str();
    };
    add("storage", "sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DATABASE" + dflt(d.storage), true);
    add("port", "TCP port, 0 for any free one" + dflt(d.port), true);
    add("bind", "address to listen on" + dflt(d.bind), true);
    add("workers", "threads for reads (GET, HEAD, OPTIONS)" + dflt(d.workers), true);
    add("write-workers", "threads for requests that change state, 0 to share --workers" + dflt(d.write_workers), true);
    add("io-threads", "socket I/O threads" + dflt(d.io_threads), true);
    add("drain-seconds", "how long SIGTERM waits for requests in flight" + dflt(d.drain_seconds), true);
    add("read-timeout", "seconds a client has to send one whole request, and to idle between requests" +
                            dflt(d.read_timeout_seconds), true);
    add("max-connections", "open client connections at most; more are closed at once (default: from the descriptor limit)", true);
    add("max-connections-per-address", "open connections from one client address at most (default: half of max-connections)", true);
    add("sqlite-synchronous", "FULL (survives power loss) or NORMAL (survives a process crash)" + dflt(d.sqlite_synchronous),
        true);
    add("sqlite-cache-mb", "each SQLite connection's page cache in MiB" + dflt(d.sqlite_cache_mb), true);
    add("demo", "load the demo fixtures into a database that holds no vendor yet", false);
    add("id-hash-key-file", "file holding the key for practitioners' ID number hashes", true);
    add("db-password-file", "file whose first line is the MySQL password (for a --storage URL without one)", true);
    add("rate-limit", "anonymous requests and failed authentications per minute per client address, 0 off" +
                          dflt(d.rate_limit), true);
    add("ocid-prefix", "the OCDS ocid prefix (ocds- and six characters)" + dflt(d.ocid_prefix), true);
    add("public-url", "where the public reaches this service (OCDS package and extension URLs)" + dflt(d.public_url), true);
    add("publisher-name", "the bureau's name as OCDS publisher and buyer" + dflt(d.publisher_name), true);
    add("public-rate-limit", "requests for public information (/public/v1/) per minute per client address, 0 off" +
                                 dflt(d.public_rate_limit), true);
    add("log-level", "error, warning, information or debug" + dflt(d.log_level), true);
    add("log-format", "text or json (one JSON object per line)" + dflt(d.log_format), true);
    add("log-file", "append the log to this file, reopened on SIGHUP (default: stderr)", true);
    add("cookie-secure", "1: mark the session cookie Secure (serve through HTTPS)" + dflt(d.cookie_secure ? 1 : 0), true);
  }

  void OnOption(const std::string& name, const std::string& value) {
    if (name == "help") {
      Poco::Util::HelpFormatter help(options());
      help.setCommand(commandName());
      help.setUsage("[--option=VALUE ...]");
      help.setHeader("The procurement registry service. Flags override env (REGISTRY_*), which overrides the config file.");
      help.format(std::cout);
      stopOptionsProcessing();
      help_ = true;
      return;
    }
    if (name == "version") {
      std::cout << "registryd " << REGISTRY_VERSION << "\n";
      stopOptionsProcessing();
      help_ = true;
      return;
    }
    flags_[name] = value;
  }

  int main(const std::vector<std::string>&) override {
    if (help_) return EXIT_OK;
    const bool print_config = flags_.erase("print-config") > 0;
    auto settings = app::ResolveSettings(flags_, [](const char* n) { return std::getenv(n); });
    if (!settings.ok()) {
      std::cerr << "registryd: " << settings.status().message() << "\n";
      return EXIT_CONFIG;
    }
    if (print_config) {
      std::cout << app::PrintConfig(*settings);
      return EXIT_OK;
    }
    if (auto logging = app::ConfigureLogging(settings->log_level, settings->log_format, settings->log_file); !logging.ok()) {
      std::cerr << "registryd: " << logging.message() << "\n";
      return EXIT_CONFIG;
    }
    // Whoever started it by hand learns where the log went; everything else goes there.
    if (!settings->log_file.empty()) std::cerr << "registryd: logging to " << settings->log_file << "\n";
    int rc;
    {
      LogReopener reopener;
      rc = Serve(*settings);
    }
    app::ShutdownLogging();
    return rc;
  }

 private:
  int Serve(const app::Settings& settings) {
    Poco::Logger& log = Poco::Logger::get("registryd");
    common::SystemClock system_clock;
    std::unique_ptr<app::FileClock> file_clock;
    if (!settings.clock_file.empty()) {
      file_clock = std::make_unique<app::FileClock>(settings.clock_file);
      log.warning("REGISTRY_CLOCK_FILE is set: the time comes from %s (a testing hook; never in production)",
                  settings.clock_file);
    }
    const common::Clock& clock = file_clock ? static_cast<const common::Clock&>(*file_clock) : system_clock;
    auto db = app::OpenAndMigrate(settings, clock);
    if (!db.ok()) {
      log.fatal(db.status().message());
      return EXIT_UNAVAILABLE;
    }
    auto audit_key = app::PrepareAuditChain(settings, **db, clock);
    if (!audit_key.ok()) {
      log.fatal("the audit chain: %s", audit_key.status().message());
      return audit_key.status().code() == common::Code::kUnavailable ? EXIT_UNAVAILABLE : EXIT_CONFIG;
    }
    storage::SqlStore store(**db, *audit_key);
    auto id_key = app::ResolveIdHashKey(settings);
    if (!id_key.ok()) {
      log.fatal(id_key.status().message());
      return EXIT_CONFIG;
    }
    registry::AccountService accounts(store, clock);
    registry::AuditService audit(store);
    registry::AccessCache access_cache;  // the one cache of market-access records, for every service
    registry::RegistryService registry(store, clock, *id_key, access_cache);
    registry::ReferenceService reference_data(store, clock);
    registry::CatalogService catalog(store, clock, access_cache);
    procurement::EvaluationService evaluation;
    procurement::TenderService tenders(store, clock, access_cache);
    procurement::ProjectService projects(store, clock);
    registry::ExchangeService exchange(store, clock, access_cache);
    registry::ImportService imports(store, clock, *id_key);
    registry::ImportJobs import_jobs(imports);  // after the store it writes to: destroyed (joined) first
    storage::IdempotencyStore idempotency(**db);

    if (!Bootstrap(settings, accounts, log)) return EXIT_SOFTWARE;
    // Cursors are signed with a key every instance over this database shares.
    auto cursor_key = storage::ServerKey(**db, "cursor");
    if (!cursor_key.ok()) {
      log.fatal("cannot read the cursor key: %s", cursor_key.status().message());
      return EXIT_UNAVAILABLE;
    }
    api::SetCursorKey(*cursor_key);
    auto reference = app::LoadReferenceIfEmpty(reference_data, app::BuiltinReferenceFixture());
    if (!reference.ok()) {
      log.fatal("cannot load the built-in qualification types and categories: %s", reference.status().message());
      return EXIT_SOFTWARE;
    }
    if (*reference) log.notice("loaded the built-in qualification types and categories");
    if (settings.demo) {
      auto demo = app::LoadDemoIfEmpty(store, registry, catalog, app::BuiltinDemoFixture(), clock.Now());
      if (!demo.ok()) {
        log.fatal("cannot load the demo data: %s", demo.status().message());
        return EXIT_SOFTWARE;
      }
      if (*demo > 0) {
        log.notice("loaded the demo data: %d vendors", *demo);
      } else {
        log.notice("--demo: the database already holds vendors; left as it is");
      }
    }

    api::ApiDeps deps;
    deps.db = db->get();
    deps.accounts = &accounts;
    deps.audit = &audit;
    deps.registry = &registry;
    deps.reference = &reference_data;
    deps.catalog = &catalog;
    deps.evaluation = &evaluation;
    deps.tenders = &tenders;
    deps.projects = &projects;
    deps.exchange = &exchange;
    deps.imports = &imports;
    deps.import_jobs = &import_jobs;
    deps.idempotency = &idempotency;
    deps.clock = &clock;
    deps.rate_limit_per_minute = settings.rate_limit;
    deps.public_rate_limit_per_minute = settings.public_rate_limit;
    deps.max_change_waiters = std::max(1, settings.workers / 2);
    deps.ocds = {settings.ocid_prefix, settings.publisher_name, settings.public_url};
    deps.metrics_token = settings.metrics_token;
    deps.cookie_secure = settings.cookie_secure;
    if (auto missing = deps.Missing(); !missing.empty()) {
      log.fatal("the API is missing a dependency: %s", missing.front());
      return EXIT_SOFTWARE;
    }
    api::Api api(deps);
    api::HttpServer::Options opts;
    opts.bind = settings.bind;
    opts.port = static_cast<uint16_t>(settings.port);
    opts.workers = settings.workers;
    opts.write_workers = settings.write_workers;
    opts.io_threads = settings.io_threads;
    opts.read_timeout = std::chrono::seconds(settings.read_timeout_seconds);
    // Descriptors the process needs besides client sockets: the pooled database connections
    // (plus SQLite's writer and its WAL files), the listening socket, stdio and the log.
    const int reserved = 2 * (settings.workers + settings.write_workers) + 64;
    const int max_connections = settings.max_connections > 0 ? settings.max_connections : app::DefaultMaxConnections(reserved);
    opts.max_connections = static_cast<size_t>(max_connections);
    opts.warn = [&log](const std::string& message) { log.warning(message); };
    opts.max_connections_per_address = static_cast<size_t>(
        settings.max_connections_per_address > 0 ? settings.max_connections_per_address : std::max(1, max_connections / 2));
    api::HttpServer server(
        opts, [&api](api::HttpRequest& req) { return api.Handle(req); },
        [](int status, const std::string& type, const std::string& detail) {
          return api::Problem(status, type, detail);
        });
    common::Status st = server.Start();
    if (!st.ok()) {
      log.fatal(st.message());
      return EXIT_UNAVAILABLE;
    }
    log.information("listening on %s:%hu (at most %d connections)", settings.bind, server.port(), max_connections);
    // Housekeeping every 10 minutes: stored idempotent responses older than a day, ended
    // sessions and old sign-in failures are deleted (docs/operations.md).
    app::PeriodicTask housekeeping(std::chrono::minutes(10), [&] {
      int64_t before = clock.Now().micros / 1000000 - kIdempotencyRetentionSeconds;
      auto keys = idempotency.Expire(before);
      auto sessions = accounts.ExpireSessions();
      if (!keys.ok() || !sessions.ok()) {
        log.warning("housekeeping failed: %s", (keys.ok() ? sessions.status() : keys.status()).message());
      } else if (*keys + *sessions > 0) {
        log.information("housekeeping: removed %Ld idempotency keys and %Ld ended sessions or sign-in failures",
                        static_cast<long long>(*keys), static_cast<long long>(*sessions));
      }
    });
    waitForTerminationRequest();
    housekeeping.Stop();
    log.information("stopping: draining requests in flight (up to %d s)", settings.drain_seconds);
    server.Stop(std::chrono::seconds(settings.drain_seconds));
    log.information("stopped");
    return EXIT_OK;
  }

  bool Bootstrap(const app::Settings& settings, registry::AccountService& accounts, Poco::Logger& log) {
    bool generated = settings.admin_token.empty();
    if (!generated) {
      // The env token only ever makes the first account; say so when it cannot, so an operator
      // who hoped it would let them back in learns of registryctl create-account instead.
      auto count = accounts.HasAccounts();
      if (!count.ok()) {
        log.fatal("cannot read the accounts: %s", count.status().message());
        return false;
      }
      if (*count) {
        log.warning("REGISTRY_ADMIN_TOKEN is ignored: the database already has accounts (to get back in, "
                    "use registryctl create-account --role=bureau; docs/operations.md)");
        return true;
      }
    }
    std::string token = generated ? common::NewToken() : settings.admin_token;
    std::string path = app::AdminTokenPath(settings.storage);
    // The token file is written before the account exists, so a crash in between cannot leave
    // an administrator nobody can log in as.
    if (generated && !app::WriteSecretFile(path + ".new", token + "\n")) {
      log.fatal("cannot write the administrator token file %s", path);
      return false;
    }
    auto made = accounts.Bootstrap(token);
    if (!made.ok()) {
      log.fatal("cannot create the administrator account: %s", made.status().message());
      return false;
    }
    if (generated) {
      if (*made) {
        if (::rename((path + ".new").c_str(), path.c_str()) != 0) {
          log.fatal("cannot move the administrator token file into place at %s", path);
          return false;
        }
        log.notice("created the bureau administrator; its token is in %s (mode 0600)", path);
      } else {
        ::unlink((path + ".new").c_str());
      }
    } else if (*made) {
      log.notice("created the bureau administrator with the token from REGISTRY_ADMIN_TOKEN");
    }
    return true;
  }

  std::map<std::string, std::string> flags_;
  bool help_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  // Block the termination signals before any thread exists, so every thread inherits the mask
  // and only waitForTerminationRequest() (sigwait) receives them. Otherwise a worker thread can
  // take SIGTERM and the process dies with 143 instead of draining (STACK.md).
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGQUIT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);  // taken by LogReopener's thread; without a log file it does nothing
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  Registryd app;
  return app.run(argc, argv);
}
