// Settings of registryd and registryctl, resolved once at start-up.
// Precedence: command-line flag, then environment variable, then config file, then default.
// A bad value is fatal at start-up with a message naming the setting and where it came from;
// so is a key in the config file that is not one of kConfigKeys (a misspelt `workrs = 2` must
// not be silently ignored, as a misspelt flag is not), and a config file that cannot be read.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "common/status.h"

namespace app {

struct Settings {
  // --storage, REGISTRY_STORAGE, storage. A mysql:// URL given without a password gets the one
  // from REGISTRY_DB_PASSWORD or the first line of --db-password-file (REGISTRY_DB_PASSWORD_FILE,
  // db_password_file); giving a password in the URL and separately is an error.
  std::string storage = "sqlite:./registry.db";
  std::string db_password_file;                   // the file the password came from, if one did
  std::string bind = "127.0.0.1";                 // --bind, REGISTRY_BIND, bind
  int port = 8080;                                // --port, REGISTRY_PORT, port
  int workers = 4;                                // --workers, REGISTRY_WORKERS, workers
  // Threads for requests that change state (not GET/HEAD/OPTIONS), a pool of their own so that
  // writers waiting for the database never hold a read's thread; 0 puts them on `workers`.
  // Database connections = workers + write_workers (+ SQLite's one writer connection).
  int write_workers = 16;                         // --write-workers, REGISTRY_WRITE_WORKERS, write_workers
  int io_threads = 1;                             // --io-threads, REGISTRY_IO_THREADS, io_threads
  int drain_seconds = 10;                         // --drain-seconds, REGISTRY_DRAIN_SECONDS
  int read_timeout_seconds = 30;                  // --read-timeout, REGISTRY_READ_TIMEOUT, read_timeout
  // Open client connections at most; 0: derived from the descriptor limit at start-up
  // (app/runtime.h, DefaultMaxConnections). Per client address at most
  // max_connections_per_address (0: half of max_connections).
  int max_connections = 0;                        // --max-connections, REGISTRY_MAX_CONNECTIONS, max_connections
  int max_connections_per_address = 0;            // --max-connections-per-address, ..._PER_ADDRESS
  std::string sqlite_synchronous = "FULL";        // REGISTRY_SQLITE_SYNCHRONOUS, sqlite.synchronous
  int sqlite_cache_mb = 64;  // --sqlite-cache-mb, REGISTRY_SQLITE_CACHE_MB, sqlite.cache_mb: per connection
  std::string log_level = "information";          // --log-level, REGISTRY_LOG_LEVEL, log_level
  // "text" (one line per event, for people) or "json" (one JSON object per line, for a log
  // collector). --log-format, REGISTRY_LOG_FORMAT, log_format
  std::string log_format = "text";
  // Empty: stderr. Else the file the log is appended to, reopened on SIGHUP (logrotate).
  std::string log_file;                           // --log-file, REGISTRY_LOG_FILE, log_file
  int rate_limit = 60;                            // --rate-limit, REGISTRY_RATE_LIMIT, rate_limit (0: off)
  int public_rate_limit = 600;
  // OCDS (docs/exchange.md): --ocid-prefix, REGISTRY_OCID_PREFIX, ocid_prefix (registered with
  // the OCDS helpdesk; "ocds-000000" until then); --public-url, REGISTRY_PUBLIC_URL, public_url
  // (where the public reaches this service: package and extension URLs); --publisher-name,
  // REGISTRY_PUBLISHER_NAME, publisher_name (the bureau, as publisher and buyer).
  std::string ocid_prefix = "ocds-000000";
  std::string public_url = "http://localhost:8080";
  std::string publisher_name = "政府采购监督管理部门";  // --public-rate-limit, REGISTRY_PUBLIC_RATE_LIMIT, public_rate_limit (0: off)
  std::string admin_token;                        // REGISTRY_ADMIN_TOKEN only (a secret: no flag)
  std::string metrics_token;                      // REGISTRY_METRICS_TOKEN only (a secret: no flag)
  bool cookie_secure = false;                     // REGISTRY_COOKIE_SECURE=1, cookie_secure
  // The key of the HMAC under which practitioners' ID numbers are stored. Every instance over
  // one database needs the same key. REGISTRY_ID_HASH_KEY, or read from id_hash_key_file
  // (--id-hash-key-file, REGISTRY_ID_HASH_KEY_FILE); with neither, a key is generated into
  // registry-id-hash.key beside the administrator token file.
  std::string id_hash_key;
  std::string id_hash_key_file;
  // The audit chain's HMAC key (at least 32 characters): REGISTRY_AUDIT_KEY, or read from
  // audit_key_file (--audit-key-file, REGISTRY_AUDIT_KEY_FILE); with neither, generated into
  // registry-audit.key beside the administrator token file. Every instance needs the same key.
  std::string audit_key;
  std::string audit_key_file;
  bool demo = false;                              // --demo: load fixtures/demo into an empty database
  // REGISTRY_CLOCK_FILE only: a testing hook. When set, the time is read from this file (an
  // RFC 3339 timestamp) instead of the system clock; never in production.
  std::string clock_file;

  // Where each setting's value came from, by config-file key: "default", "--port",
  // "REGISTRY_PORT" or "/etc/registry/registry.properties". For --print-config.
  std::map<std::string, std::string> origins;
};

// The keys a config file may hold (each also accepted as "registry.<key>", and in an INI file's
// [registry] section).
extern const char* const kConfigKeys[];

// The effective configuration as a config file (Poco properties) that would give it, each line
// followed by where the value came from; secrets masked ("***"): the database password inside
// the storage URL, and the tokens and keys given in the environment.
std::string PrintConfig(const Settings& settings);

// `flags` maps flag names without dashes ("storage", "config") to their values; `env` reads an
// environment variable (nullptr when unset).
common::Result<Settings> ResolveSettings(const std::map<std::string, std::string>& flags,
                                         const std::function<const char*(const char*)>& env);

}  // namespace app
