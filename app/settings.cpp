#include "app/settings.h"

#include <charconv>
#include <fstream>

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

namespace app {

using common::Result;
using common::Status;

namespace {

struct Source {
  const std::map<std::string, std::string>& flags;
  const std::function<const char*(const char*)>& env;
  Poco::AutoPtr<Poco::Util::AbstractConfiguration> file;

  // flag, env, file ("registry.<key>" or "<key>"), in that order.
  bool Get(const std::string& flag, const char* env_name, const std::string& key, std::string* out) const {
    auto it = flags.find(flag);
    if (it != flags.end()) {
      *out = it->second;
      return true;
    }
    if (env_name) {
      if (const char* v = env(env_name)) {
        *out = v;
        return true;
      }
    }
    if (file) {
      if (file->hasProperty("registry." + key)) {
        *out = file->getString("registry." + key);
        return true;
      }
      if (file->hasProperty(key)) {
        *out = file->getString(key);
        return true;
      }
    }
    return false;
  }
};

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
  Source src{flags, env, nullptr};
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
  }
  Settings s;
  std::string v;
  if (src.Get("storage", "REGISTRY_STORAGE", "storage", &v)) s.storage = v;
  if (src.Get("bind", "REGISTRY_BIND", "bind", &v)) s.bind = v;
  if (src.Get("port", "REGISTRY_PORT", "port", &v)) RETURN_IF_ERROR(ParseInt("port", v, 0, 65535, &s.port));
  if (src.Get("workers", "REGISTRY_WORKERS", "workers", &v)) RETURN_IF_ERROR(ParseInt("workers", v, 1, 256, &s.workers));
  if (src.Get("write-workers", "REGISTRY_WRITE_WORKERS", "write_workers", &v)) {
    RETURN_IF_ERROR(ParseInt("write_workers", v, 0, 256, &s.write_workers));
  }
  if (src.Get("io-threads", "REGISTRY_IO_THREADS", "io_threads", &v)) {
    RETURN_IF_ERROR(ParseInt("io_threads", v, 1, 64, &s.io_threads));
  }
  if (src.Get("drain-seconds", "REGISTRY_DRAIN_SECONDS", "drain_seconds", &v)) {
    RETURN_IF_ERROR(ParseInt("drain_seconds", v, 0, 3600, &s.drain_seconds));
  }
  if (src.Get("read-timeout", "REGISTRY_READ_TIMEOUT", "read_timeout", &v)) {
    RETURN_IF_ERROR(ParseInt("read_timeout", v, 1, 3600, &s.read_timeout_seconds));
  }
  if (src.Get("max-connections", "REGISTRY_MAX_CONNECTIONS", "max_connections", &v)) {
    RETURN_IF_ERROR(ParseInt("max_connections", v, 1, 1000000, &s.max_connections));
  }
  if (src.Get("max-connections-per-address", "REGISTRY_MAX_CONNECTIONS_PER_ADDRESS", "max_connections_per_address", &v)) {
    RETURN_IF_ERROR(ParseInt("max_connections_per_address", v, 1, 1000000, &s.max_connections_per_address));
  }
  if (src.Get("rate-limit", "REGISTRY_RATE_LIMIT", "rate_limit", &v)) {
    RETURN_IF_ERROR(ParseInt("rate_limit", v, 0, 1000000, &s.rate_limit));
  }
  if (src.Get("sqlite-synchronous", "REGISTRY_SQLITE_SYNCHRONOUS", "sqlite.synchronous", &v)) {
    if (v != "FULL" && v != "NORMAL") {
      return Status::FieldInvalid("sqlite.synchronous", "enum", "sqlite.synchronous must be FULL or NORMAL");
    }
    s.sqlite_synchronous = v;
  }
  if (src.Get("log-level", "REGISTRY_LOG_LEVEL", "log_level", &v)) {
    static const char* kLevels[] = {"fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};
    bool known = false;
    for (const char* l : kLevels) known = known || v == l;
    if (!known) return Status::FieldInvalid("log_level", "enum", "log_level must be error, warning, information or debug");
    s.log_level = v;
  }
  if (const char* t = env("REGISTRY_ADMIN_TOKEN")) s.admin_token = t;
  if (!s.admin_token.empty() && (s.admin_token.size() < 32 || s.admin_token.size() > 512)) {
    return Status::FieldInvalid("REGISTRY_ADMIN_TOKEN", "length", "REGISTRY_ADMIN_TOKEN needs 32 to 512 characters");
  }
  if (const char* t = env("REGISTRY_METRICS_TOKEN")) s.metrics_token = t;
  if (!s.metrics_token.empty() && (s.metrics_token.size() < 32 || s.metrics_token.size() > 512)) {
    return Status::FieldInvalid("REGISTRY_METRICS_TOKEN", "length", "REGISTRY_METRICS_TOKEN needs 32 to 512 characters");
  }
  if (src.Get("cookie-secure", "REGISTRY_COOKIE_SECURE", "cookie_secure", &v)) {
    if (v != "0" && v != "1") return Status::FieldInvalid("cookie_secure", "enum", "cookie_secure must be 0 or 1");
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
  // The database password may come separately from the URL, so the URL (and a config file
  // holding it) need not be secret: REGISTRY_DB_PASSWORD, or the first line of a file.
  if (const char* pw = env("REGISTRY_DB_PASSWORD")) {
    RETURN_IF_ERROR(InjectPassword(pw, "REGISTRY_DB_PASSWORD", &s.storage));
  } else if (src.Get("db-password-file", "REGISTRY_DB_PASSWORD_FILE", "db_password_file", &v)) {
    std::ifstream in(v, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) {
      return Status::FieldInvalid("db_password_file", "unreadable", "cannot read the database password file " + v);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    RETURN_IF_ERROR(InjectPassword(line, "db_password_file", &s.storage));
  }
  return s;
}

}  // namespace app
