#include "storage/database.h"

#include <charconv>

#include "common/text.h"

namespace storage {

using common::Result;
using common::Status;

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  return "";
}

std::string RedactUrl(const std::string& url) {
  const std::string prefix = "mysql://";
  if (url.compare(0, prefix.size(), prefix) != 0) return url;
  size_t at = url.rfind('@');
  size_t colon = url.find(':', prefix.size());
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<MysqlConfig> ParseMysqlUrl(const std::string& url) {
  auto bad = [](const std::string& why) -> Result<MysqlConfig> {
    return Status::FieldInvalid("storage", "format",
                                "expected mysql://USER:PASSWORD@HOST[:PORT][,HOST...]/DATABASE: " + why);
  };
  const std::string prefix = "mysql://";
  if (url.compare(0, prefix.size(), prefix) != 0) return bad("wrong scheme");
  std::string rest = url.substr(prefix.size());
  size_t at = rest.rfind('@');
  if (at == std::string::npos) return bad("no user");
  std::string userinfo = rest.substr(0, at);
  std::string hostpart = rest.substr(at + 1);
  MysqlConfig cfg;
  size_t colon = userinfo.find(':');
  cfg.user = userinfo.substr(0, colon);
  if (colon != std::string::npos) cfg.password = userinfo.substr(colon + 1);
  if (cfg.user.empty()) return bad("no user");
  size_t slash = hostpart.find('/');
  if (slash == std::string::npos) return bad("no database");
  cfg.database = hostpart.substr(slash + 1);
  if (cfg.database.empty() || cfg.database.find_first_of("/?`'\" ") != std::string::npos) {
    return bad("bad database name");
  }
  std::string hosts = hostpart.substr(0, slash);
  for (std::string_view piece : common::Split(hosts, ',')) {
    std::string h(piece);
    if (h.empty()) return bad("empty host");
    MysqlEndpoint ep;
    size_t pc = h.rfind(':');
    if (pc != std::string::npos) {
      ep.host = h.substr(0, pc);
      std::string port = h.substr(pc + 1);
      int p = 0;
      auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
      if (ec != std::errc() || ptr != port.data() + port.size() || p <= 0 || p > 65535) {
        return bad("bad port");
      }
      ep.port = p;
    } else {
      ep.host = h;
    }
    if (ep.host.empty()) return bad("empty host");
    cfg.hosts.push_back(ep);
  }
  return cfg;
}

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url,
                                               const Database::Options& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) return Status::FieldInvalid("storage", "format", "sqlite:PATH needs a path");
    return OpenSqlite(path, options);
  }
  if (url.rfind("mysql://", 0) == 0) {
    ASSIGN_OR_RETURN(MysqlConfig cfg, ParseMysqlUrl(url));
    return OpenMysql(cfg, options);
  }
  return Status::FieldInvalid("storage", "format",
                              "a storage URL starts with sqlite: or mysql://");
}

}  // namespace storage
