// Router: method + path pattern -> handler, with "{name}" path parameters.
//
// Patterns are literal segments and whole-segment parameters ("/v1/vendors/{id}/listing").
// Matching splits the path at '/', percent-decodes each segment (so an encoded '/' stays
// inside one parameter) and never normalises "." or ".." (they only match a parameter).
// Built once at start-up, then read-only: Match() is thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace api {

using PathParams = std::vector<std::pair<std::string, std::string>>;

template <typename Handler>
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{x}" marks a parameter
    Handler handler;
    std::vector<std::string> params;    // per segment: the parameter's name, or "" for a literal
  };
  enum class Outcome { kFound, kNoPath, kNoMethod, kBadPath };

  void Add(std::string method, std::string pattern, Handler handler) {
    Route r{std::move(method), pattern, Split(pattern), std::move(handler), {}};
    for (const std::string& seg : r.segments) {
      bool param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
      r.params.push_back(param ? seg.substr(1, seg.size() - 2) : std::string());
    }
    routes_.push_back(std::move(r));
  }

  // kFound: *route and *params set. kNoMethod: the path exists; *allowed lists its methods
  // ("GET, POST"). kBadPath: the path has a malformed percent-escape.
  Outcome Match(std::string_view method, std::string_view path, const Route** route,
                PathParams* params, std::string* allowed) const {
    std::vector<std::string> segs;
    if (!SplitDecode(path, &segs)) return Outcome::kBadPath;
    bool path_found = false;
    allowed->clear();
    for (const Route& r : routes_) {
      if (!SegmentsMatch(r, segs)) continue;
      path_found = true;
      if (r.method == method) {
        *route = &r;
        params->clear();  // only the route that answers pays for its parameters
        for (size_t i = 0; i < segs.size(); ++i) {
          if (!r.params[i].empty()) params->emplace_back(r.params[i], std::move(segs[i]));
        }
        return Outcome::kFound;
      }
      if (allowed->find(r.method) == std::string::npos) {
        if (!allowed->empty()) *allowed += ", ";
        *allowed += r.method;
      }
    }
    return path_found ? Outcome::kNoMethod : Outcome::kNoPath;
  }

  const std::vector<Route>& routes() const { return routes_; }

  static bool PercentDecode(std::string_view in, std::string* out, bool plus_is_space = false) {
    out->clear();
    for (size_t i = 0; i < in.size(); ++i) {
      char c = in[i];
      if (c == '%') {
        if (i + 2 >= in.size()) return false;
        int hi = Hex(in[i + 1]), lo = Hex(in[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
      } else if (c == '+' && plus_is_space) {
        out->push_back(' ');
      } else {
        out->push_back(c);
      }
    }
    return true;
  }

 private:
  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  static std::vector<std::string> Split(std::string_view path) {
    std::vector<std::string> out;
    size_t start = 1;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      if (slash == std::string_view::npos) slash = path.size();
      out.emplace_back(path.substr(start, slash - start));
      start = slash + 1;
    }
    return out;
  }
  static bool SplitDecode(std::string_view path, std::vector<std::string>* out) {
    if (path.empty() || path[0] != '/') return false;
    size_t start = 1;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      if (slash == std::string_view::npos) slash = path.size();
      out->emplace_back();
      if (!PercentDecode(path.substr(start, slash - start), &out->back())) return false;
      start = slash + 1;
    }
    return true;
  }
  // Compares without allocating: most routes are rejected on the segment count or a literal.
  static bool SegmentsMatch(const Route& r, const std::vector<std::string>& segs) {
    if (r.segments.size() != segs.size()) return false;
    for (size_t i = 0; i < segs.size(); ++i) {
      if (!r.params[i].empty()) {
        if (segs[i].empty()) return false;
      } else if (r.segments[i] != segs[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace api
