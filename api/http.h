// The HTTP request and response as the rest of api/ sees them: plain values, no Beast.
// api/http_server.cpp is the only place that knows Boost.Beast.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: "/v1/audit?limit=10"
  std::string path;    // target up to '?', still percent-encoded
  std::string query;   // after '?', still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string remote;  // client address, without port

  // The value of the first header named `lower_name`, or nullptr.
  const std::string* Header(std::string_view lower_name) const {
    for (const auto& h : headers) {
      if (h.first == lower_name) return &h.second;
    }
    return nullptr;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // empty: no body
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // What an Idempotency-Key replay may send instead of `body`: set by handlers whose response
  // carries a secret (a token, a password, a CSRF token), with the secret as null. Such a
  // response's Set-Cookie is never stored either. See Api::WithIdempotency.
  std::optional<std::string> replay_body;
  // Set by the dispatcher for metrics and logs: the route pattern that answered.
  std::string route;
};

}  // namespace api
