#include "api/console.h"

#include <map>
#include <utility>
#include <vector>

#include "api/response.h"
#include "common/crypto.h"

namespace api {

// Generated from console/* by cmake/Embed.cmake.
const std::vector<std::pair<std::string, std::string>>& ConsoleFiles();

namespace {

const char* ContentType(const std::string& name) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

struct File {
  std::string body;
  std::string type;
  std::string etag;
};

const std::map<std::string, File>& Files() {
  static const std::map<std::string, File> kFiles = [] {
    std::map<std::string, File> out;
    for (const auto& [name, body] : ConsoleFiles()) {
      out[name] = File{body, ContentType(name), "\"" + common::Sha256Hex(body).substr(0, 32) + "\""};
    }
    return out;
  }();
  return kFiles;
}

void AddHeaders(HttpResponse* r, const File& f) {
  r->headers.emplace_back("Content-Security-Policy",
                          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
                          "frame-ancestors 'none'");
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("X-Frame-Options", "DENY");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  r->headers.emplace_back("Cache-Control", "no-cache");
  r->headers.emplace_back("ETag", f.etag);
}

}  // namespace

bool IsConsolePath(const std::string& path) {
  return path == "/" || path == "/console" || path.rfind("/console/", 0) == 0;
}

HttpResponse ServeConsole(const HttpRequest& req) {
  if (req.method != "GET") {
    HttpResponse r = Problem(405, "method_not_allowed", "the console is read with GET");
    r.headers.emplace_back("Allow", "GET");
    return r;
  }
  if (req.path == "/console" || req.path == "/") {
    // The site's root is the console: a person who types the server's address lands on it.
    // 302 for the root (it may point elsewhere one day), 308 for the missing slash.
    HttpResponse r;
    r.status = req.path == "/" ? 302 : 308;
    r.headers.emplace_back("Location", "/console/");
    return r;
  }
  const auto& files = Files();
  std::string name = req.path.substr(std::string("/console/").size());
  auto it = name.find('/') == std::string::npos ? files.find(name) : files.end();
  if (it == files.end() || name == "index.html") it = files.find("index.html");
  if (it == files.end()) return Problem(500, "internal", "the console is missing from this build");
  HttpResponse r;
  const File& f = it->second;
  if (auto inm = req.Header("if-none-match"); inm && *inm == f.etag) {
    r.status = 304;
    AddHeaders(&r, f);
    return r;
  }
  r.status = 200;
  r.content_type = f.type;
  r.body = f.body;
  AddHeaders(&r, f);
  return r;
}

}  // namespace api
