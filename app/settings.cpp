#include "app/settings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "storage/database.h"

namespace app {

const char* const kConfigKeys[] = {"storage", "bind", "port", "workers", "write_workers", "io_threads", "drain_seconds",
                                   "read_timeout", "max_connections", "max_connections_per_address", "rate_limit",
                                   "public_rate_limit", "ocid_prefix", "public_url", "publisher_name",
                                   "sqlite.synchronous", "sqlite.cache_mb", "log_level", "log_format", "log_file", "cookie_secure",
                                   "id_hash_key_file", "audit_key_file", "db_password_file", nullptr};

using common::Result;
using common::Status;

namespace {

struct Source {
  const std::map<std::string, std::string>& flags;
  const std::function<const char*(const char*)>& env;
  Poco::AutoPtr<Poco::Util::AbstractConfiguration> file;
  std::string file_path;
  std::map<std::string, std::string>* origins;
  std::string last_origin;  // where the value Get found last came from, for error messages

  // flag, env, file ("registry.<key>" or "<key>"), in that order.
  bool Get(const std::string& flag, const char* env_name, const std::string& key, std::string* out) {
    auto it = flags.find(flag);
    if (it != flags.end()) {
      *out = it->second;
      return Found(key, "--" + flag);
    }
    if (env_name) {
      if (const char* v = env(env_name)) {
        *out = v;
        return Found(key, env_name);
      }
    }
    if (file) {
      for (const std::string& k : {"registry." + key, key}) {
        if (file->hasProperty(k)) {
          *out = file->getString(k);
          return Found(key, file_path);
        }
      }
    }
    return false;
  }
  bool Found(const std::string& key, const std::string& origin) {
    last_origin = origin;
    (*origins)[key] = origin;
    return true;
  }
  // `st` with where the refused value came from appended to its message.
  Status From(const Status& st) const {
    if (st.ok() || st.errors().empty()) return st;
    const auto& e = st.errors().front();
    return Status::FieldInvalid(e.field, e.code, e.message + " (from " + last_origin + ")");
  }
};

// Every leaf key of `config` under `prefix`, dotted ("sqlite.synchronous", "registry.port").
void LeafKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix, std::vector<std::string>* out) {
  Poco::Util::AbstractConfiguration::Keys keys;
  config.keys(prefix, keys);
  for (const auto& k : keys) {
    std::string full = prefix.empty() ? k : prefix + "." + k;
    Poco::Util::AbstractConfiguration::Keys children;
    config.keys(full, children);
    if (children.empty()) {
      out->push_back(full);
    } else {
      if (config.hasProperty(full)) out->push_back(full);
      LeafKeys(config, full, out);
    }
  }
}

bool IsConfigKey(const std::string& key) {
  for (size_t i = 0; kConfigKeys[i]; ++i) {
    if (key == kConfigKeys[i]) return true;
  }
  return false;
}

Status ParseInt(const std::string& name, const std::string& text, int min, int max, int* out) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    return Status::FieldInvalid(name, "range",
                                name + " must be an integer from " + std::to_string(min) + " to " +
                                    std::to_string(max) + ", got \"" + text + "\"");
  }
  *out = v;
  return Status::Ok();
}

// Puts `password` into a mysql:// URL that has none: "mysql://u@h/db" -> "mysql://u:PW@h/db".
// The URL parser takes the user up to the first ':' and the hosts after the last '@', so any
// password, ':' and '@' included, goes in as it is.
Status InjectPassword(const std::string& password, const std::string& source, std::string* url) {
  const std::string prefix = "mysql://";
  if (url->compare(0, prefix.size(), prefix) != 0) {
    return Status::FieldInvalid(source, "not_mysql", source + " applies to mysql:// storage only");
  }
  size_t at = url->rfind('@');
  if (at == std::string::npos) return Status::FieldInvalid("storage", "format", "a mysql:// URL needs USER@");
  std::string user = url->substr(prefix.size(), at - prefix.size());
  if (user.find(':') != std::string::npos) {
    return Status::FieldInvalid(source, "conflict",
                                "the storage URL already has a password; give it in one place only");
  }
  if (password.empty()) return Status::FieldInvalid(source, "empty", source + " gives an empty password");
  *url = prefix + user + ":" + password + url->substr(at);
  return Status::Ok();
}

}  // namespace

Result<Settings> ResolveSettings(const std::map<std::string, std::string>& flags,
                                 const std::function<const char*(const char*)>& env) {
  Settings s;
  Source src{flags, env, nullptr, "", &s.origins, ""};
  std::string config_path;
  auto cf = flags.find("config");
  if (cf != flags.end()) {
    config_path = cf->second;
  } else if (const char* v = env("REGISTRY_CONFIG")) {
    config_path = v;
  }
  if (!config_path.empty()) {
    try {
      if (config_path.size() > 4 && config_path.compare(config_path.size() - 4, 4, ".ini") == 0) {
        src.file = new Poco::Util::IniFileConfiguration(config_path);
      } else {
        src.file = new Poco::Util::PropertyFileConfiguration(config_path);
      }
    } catch (const Poco::Exception& e) {
      return Status::FieldInvalid("config", "unreadable", "cannot read config file " + config_path + ": " + e.displayText());
    }
    src.file_path = config_path;
    std::vector<std::string> keys;
    LeafKeys(*src.file, "", &keys);
    for (const auto& k : keys) {
      std::string bare = k.rfind("registry.", 0) == 0 ? k.substr(9) : k;
      if (!IsConfigKey(bare)) {
        return Status::FieldInvalid("config", "unknown_key",
                                    "config file " + config_path + ": unknown key \"" + k +
                                        "\" (the keys are listed in docs/running.md, \"Configuration\")");
      }
    }
  }
  std::string v;
  if (src.Get("storage", "REGISTRY_STORAGE", "storage", &v)) s.storage = v;
  if (src.Get("bind", "REGISTRY_BIND", "bind", &v)) s.bind = v;
  if (src.Get("port", "REGISTRY_PORT", "port", &v)) RETURN_IF_ERROR(src.From(ParseInt("port", v, 0, 65535, &s.port)));
  if (src.Get("workers", "REGISTRY_WORKERS", "workers", &v)) RETURN_IF_ERROR(src.From(ParseInt("workers", v, 1, 256, &s.workers)));
  if (src.Get("write-workers", "REGISTRY_WRITE_WORKERS", "write_workers", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("write_workers", v, 0, 256, &s.write_workers)));
  }
  if (src.Get("io-threads", "REGISTRY_IO_THREADS", "io_threads", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("io_threads", v, 1, 64, &s.io_threads)));
  }
  if (src.Get("drain-seconds", "REGISTRY_DRAIN_SECONDS", "drain_seconds", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("drain_seconds", v, 0, 3600, &s.drain_seconds)));
  }
  if (src.Get("read-timeout", "REGISTRY_READ_TIMEOUT", "read_timeout", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("read_timeout", v, 1, 3600, &s.read_timeout_seconds)));
  }
  if (src.Get("max-connections", "REGISTRY_MAX_CONNECTIONS", "max_connections", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("max_connections", v, 1, 1000000, &s.max_connections)));
  }
  if (src.Get("max-connections-per-address", "REGISTRY_MAX_CONNECTIONS_PER_ADDRESS", "max_connections_per_address", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("max_connections_per_address", v, 1, 1000000, &s.max_connections_per_address)));
  }
  if (src.Get("rate-limit", "REGISTRY_RATE_LIMIT", "rate_limit", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("rate_limit", v, 0, 1000000, &s.rate_limit)));
  }
  if (src.Get("public-rate-limit", "REGISTRY_PUBLIC_RATE_LIMIT", "public_rate_limit", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("public_rate_limit", v, 0, 1000000, &s.public_rate_limit)));
  }
  if (src.Get("ocid-prefix", "REGISTRY_OCID_PREFIX", "ocid_prefix", &v)) {
    // ocds- and six characters (the OCDS prefix register), as the standard defines an ocid prefix.
    bool ok = v.size() == 11 && v.rfind("ocds-", 0) == 0 &&
              std::all_of(v.begin() + 5, v.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    if (!ok) return src.From(Status::FieldInvalid("ocid_prefix", "format", "ocid_prefix must be ocds- and six letters or digits"));
    s.ocid_prefix = v;
  }
  if (src.Get("public-url", "REGISTRY_PUBLIC_URL", "public_url", &v)) {
    while (!v.empty() && v.back() == '/') v.pop_back();
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
      return src.From(Status::FieldInvalid("public_url", "format", "public_url must begin with http:// or https://"));
    }
    s.public_url = v;
  }
  if (src.Get("publisher-name", "REGISTRY_PUBLISHER_NAME", "publisher_name", &v)) {
    if (v.empty()) return src.From(Status::FieldInvalid("publisher_name", "required", "publisher_name must not be empty"));
    s.publisher_name = v;
  }
  if (src.Get("sqlite-synchronous", "REGISTRY_SQLITE_SYNCHRONOUS", "sqlite.synchronous", &v)) {
    if (v != "FULL" && v != "NORMAL") {
      return src.From(Status::FieldInvalid("sqlite.synchronous", "enum", "sqlite.synchronous must be FULL or NORMAL"));
    }
    s.sqlite_synchronous = v;
  }
  if (src.Get("sqlite-cache-mb", "REGISTRY_SQLITE_CACHE_MB", "sqlite.cache_mb", &v)) {
    RETURN_IF_ERROR(src.From(ParseInt("sqlite.cache_mb", v, 2, 65536, &s.sqlite_cache_mb)));
  }
  if (src.Get("log-level", "REGISTRY_LOG_LEVEL", "log_level", &v)) {
    static const char* kLevels[] = {"fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};
    bool known = false;
    for (const char* l : kLevels) known = known || v == l;
    if (!known) {
      return src.From(Status::FieldInvalid("log_level", "enum", "log_level must be error, warning, information or debug"));
    }
    s.log_level = v;
  }
  if (src.Get("log-format", "REGISTRY_LOG_FORMAT", "log_format", &v)) {
    if (v != "text" && v != "json") return src.From(Status::FieldInvalid("log_format", "enum", "log_format must be text or json"));
    s.log_format = v;
  }
  if (src.Get("log-file", "REGISTRY_LOG_FILE", "log_file", &v)) s.log_file = v;
  if (const char* t = env("REGISTRY_ADMIN_TOKEN")) s.admin_token = t;
  if (!s.admin_token.empty() && (s.admin_token.size() < 32 || s.admin_token.size() > 512)) {
    return Status::FieldInvalid("REGISTRY_ADMIN_TOKEN", "length", "REGISTRY_ADMIN_TOKEN needs 32 to 512 characters");
  }
  if (const char* t = env("REGISTRY_METRICS_TOKEN")) s.metrics_token = t;
  if (!s.metrics_token.empty() && (s.metrics_token.size() < 32 || s.metrics_token.size() > 512)) {
    return Status::FieldInvalid("REGISTRY_METRICS_TOKEN", "length", "REGISTRY_METRICS_TOKEN needs 32 to 512 characters");
  }
  if (src.Get("cookie-secure", "REGISTRY_COOKIE_SECURE", "cookie_secure", &v)) {
    if (v != "0" && v != "1") return src.From(Status::FieldInvalid("cookie_secure", "enum", "cookie_secure must be 0 or 1"));
    s.cookie_secure = v == "1";
  }
  if (const char* c = env("REGISTRY_CLOCK_FILE")) s.clock_file = c;
  if (const char* k = env("REGISTRY_ID_HASH_KEY")) s.id_hash_key = k;
  if (src.Get("id-hash-key-file", "REGISTRY_ID_HASH_KEY_FILE", "id_hash_key_file", &v)) s.id_hash_key_file = v;
  if (!s.id_hash_key.empty() && s.id_hash_key.size() < 16) {
    return Status::FieldInvalid("REGISTRY_ID_HASH_KEY", "length", "REGISTRY_ID_HASH_KEY needs at least 16 characters");
  }
  if (const char* k = env("REGISTRY_AUDIT_KEY")) s.audit_key = k;
  if (src.Get("audit-key-file", "REGISTRY_AUDIT_KEY_FILE", "audit_key_file", &v)) s.audit_key_file = v;
  if (!s.audit_key.empty() && s.audit_key.size() < 32) {
    return Status::FieldInvalid("REGISTRY_AUDIT_KEY", "length", "REGISTRY_AUDIT_KEY needs at least 32 characters");
  }
  s.demo = flags.count("demo") > 0;
  if (s.storage.empty()) return Status::FieldInvalid("storage", "required", "storage must not be empty");
  if (s.admin_token.size()) s.origins["admin_token"] = "REGISTRY_ADMIN_TOKEN";
  if (s.metrics_token.size()) s.origins["metrics_token"] = "REGISTRY_METRICS_TOKEN";
  if (s.id_hash_key.size()) s.origins["id_hash_key"] = "REGISTRY_ID_HASH_KEY";
  if (s.audit_key.size()) s.origins["audit_key"] = "REGISTRY_AUDIT_KEY";
  // The database password may come separately from the URL, so the URL (and a config file
  // holding it) need not be secret: REGISTRY_DB_PASSWORD, or the first line of a file.
  if (const char* pw = env("REGISTRY_DB_PASSWORD")) {
    s.origins["db_password"] = "REGISTRY_DB_PASSWORD";
    RETURN_IF_ERROR(InjectPassword(pw, "REGISTRY_DB_PASSWORD", &s.storage));
  } else if (src.Get("db-password-file", "REGISTRY_DB_PASSWORD_FILE", "db_password_file", &v)) {
    std::ifstream in(v, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) {
      return Status::FieldInvalid("db_password_file", "unreadable", "cannot read the database password file " + v);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    s.db_password_file = v;
    RETURN_IF_ERROR(InjectPassword(line, "db_password_file", &s.storage));
  }
  return s;
}

std::string PrintConfig(const Settings& s) {
  std::ostringstream out;
  // Lines whose value is implicit are printed commented out, so the whole output is a config
  // file that gives the same settings.
  auto line = [&](const std::string& key, const std::string& value, const char* implicit = nullptr) {
    auto it = s.origins.find(key);
    std::string origin = it == s.origins.end() ? "default" : it->second;
    if (implicit) {
      out << "# " << key << " = " << implicit << "    # " << origin << "\n";
    } else {
      out << key << " = " << value << "    # " << origin << "\n";
    }
  };
  // The storage URL with any password masked; the password's own origin is named instead.
  line("storage", storage::RedactUrl(s.storage));
  line("bind", s.bind);
  line("port", std::to_string(s.port));
  line("workers", std::to_string(s.workers));
  line("write_workers", std::to_string(s.write_workers));
  line("io_threads", std::to_string(s.io_threads));
  line("drain_seconds", std::to_string(s.drain_seconds));
  line("read_timeout", std::to_string(s.read_timeout_seconds));
  line("max_connections", std::to_string(s.max_connections), s.max_connections == 0 ? "(from the descriptor limit)" : nullptr);
  line("max_connections_per_address", std::to_string(s.max_connections_per_address),
       s.max_connections_per_address == 0 ? "(half of max_connections)" : nullptr);
  line("rate_limit", std::to_string(s.rate_limit));
  line("public_rate_limit", std::to_string(s.public_rate_limit));
  line("ocid_prefix", s.ocid_prefix);
  line("public_url", s.public_url);
  line("publisher_name", s.publisher_name);
  line("sqlite.synchronous", s.sqlite_synchronous);
  line("sqlite.cache_mb", std::to_string(s.sqlite_cache_mb));
  line("log_level", s.log_level);
  line("log_format", s.log_format);
  line("log_file", s.log_file, s.log_file.empty() ? "(stderr)" : nullptr);
  line("cookie_secure", s.cookie_secure ? "1" : "0");
  line("id_hash_key_file", s.id_hash_key_file, s.id_hash_key_file.empty() ? "(registry-id-hash.key beside the token file)" : nullptr);
  line("audit_key_file", s.audit_key_file, s.audit_key_file.empty() ? "(registry-audit.key beside the token file)" : nullptr);
  if (!s.db_password_file.empty()) line("db_password_file", s.db_password_file);
  // Secrets that only the environment gives: whether they are set, never their value.
  for (const char* secret : {"db_password", "admin_token", "metrics_token", "id_hash_key", "audit_key"}) {
    if (s.origins.count(secret)) out << "# " << secret << " = ***    # " << s.origins.at(secret) << "\n";
  }
  return out.str();
}

}  // namespace app
