// The router (api/router.h) loaded with the service's real route table (api::Api::Routes()).
//
// Input: the first byte picks the method, the rest is the request path. Invariants:
// - a match has the request's method, one parameter per "{name}" segment of its pattern, and
//   literal segments equal to the decoded path's;
// - re-encoding the matched parameters (every byte percent-escaped) into the pattern routes to
//   the same route with the same parameters: decoding is exact, and an encoded '/' or '..' stays
//   inside its parameter;
// - "no method" comes with a non-empty Allow list that does not contain the method.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/api.h"
#include "api/router.h"
#include "fuzz/fuzz_check.h"

namespace {

const api::Router<int>& Table() {
  static const api::Router<int>* router = [] {
    auto* r = new api::Router<int>();
    api::Api service{api::ApiDeps{}};  // handlers are never called; only the patterns are read
    int i = 0;
    for (const auto& [method, pattern] : service.Routes()) r->Add(method, pattern, i++);
    return r;
  }();
  return *router;
}

std::string EncodeAll(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get"};
  std::string method = kMethods[data[0] % 8];
  std::string_view path(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& router = Table();

  const api::Router<int>::Route* route = nullptr;
  api::PathParams params;
  std::string allowed;
  auto outcome = router.Match(method, path, &route, &params, &allowed);
  if (outcome == api::Router<int>::Outcome::kNoMethod) {
    FUZZ_CHECK(!allowed.empty());
    FUZZ_CHECK(allowed.find(method) == std::string::npos);
    // The same path with a method from its Allow list is found.
    std::string first = allowed.substr(0, allowed.find(','));
    const api::Router<int>::Route* r2 = nullptr;
    api::PathParams p2;
    std::string a2;
    FUZZ_CHECK(router.Match(first, path, &r2, &p2, &a2) == api::Router<int>::Outcome::kFound);
    return 0;
  }
  if (outcome != api::Router<int>::Outcome::kFound) return 0;

  FUZZ_CHECK(route != nullptr);
  FUZZ_CHECK(route->method == method);
  size_t n_params = 0;
  std::string rebuilt;
  for (const std::string& seg : route->segments) {
    rebuilt += '/';
    if (!seg.empty() && seg.front() == '{') {
      FUZZ_CHECK(n_params < params.size());
      FUZZ_CHECK("{" + params[n_params].first + "}" == seg);
      rebuilt += EncodeAll(params[n_params].second);
      ++n_params;
    } else {
      rebuilt += seg;
    }
  }
  FUZZ_CHECK(n_params == params.size());

  const api::Router<int>::Route* again = nullptr;
  api::PathParams again_params;
  std::string again_allowed;
  FUZZ_CHECK(router.Match(method, rebuilt, &again, &again_params, &again_allowed) ==
             api::Router<int>::Outcome::kFound);
  FUZZ_CHECK(again == route);
  FUZZ_CHECK(again_params == params);
  return 0;
}
