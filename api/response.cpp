#include "api/response.h"

namespace api {

using common::Code;

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kValidation: return 422;
    case Code::kNotFound: return 404;
    case Code::kUnauthenticated: return 401;
    case Code::kForbidden: return 403;
    case Code::kSealed: return 403;
    case Code::kConflict: return 409;
    case Code::kBiddingClosed: return 409;
    case Code::kInvalidState: return 409;
    case Code::kVersionMismatch: return 412;
    case Code::kRateLimited: return 429;
    case Code::kUnavailable: return 503;
    case Code::kRetry: return 409;
    case Code::kInternal: return 500;
  }
  return 500;
}

namespace {

const char* TitleFor(std::string_view type) {
  if (type == "validation") return "The request is not valid";
  if (type == "not_found") return "Not found";
  if (type == "unauthenticated") return "Authentication required";
  if (type == "forbidden") return "Forbidden";
  if (type == "conflict") return "Conflict";
  if (type == "version_mismatch") return "The resource has changed";
  if (type == "sealed") return "Sealed until opening";
  if (type == "bidding_closed") return "Bidding is closed";
  if (type == "invalid_state") return "Not allowed in the current state";
  if (type == "payload_too_large") return "Payload too large";
  if (type == "malformed_json") return "Malformed JSON";
  if (type == "unsupported_media_type") return "Unsupported media type";
  if (type == "method_not_allowed") return "Method not allowed";
  if (type == "rate_limited") return "Too many requests";
  if (type == "unavailable") return "Service unavailable";
  if (type == "bad_request") return "Bad request";
  return "Internal error";
}

}  // namespace

HttpResponse Json(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  // Replace rather than throw on invalid UTF-8: stored text is validated on the way in, and a
  // response must never fail half-way.
  r.body = DumpJson(body);
  return r;
}

std::string DumpJson(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse JsonText(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

HttpResponse Problem(int status, std::string_view type, std::string_view detail,
                     const std::vector<common::FieldError>& errors) {
  nlohmann::json doc = {{"type", type}, {"title", TitleFor(type)}, {"status", status}, {"detail", detail}};
  if (!errors.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) {
      list.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
    }
    doc["errors"] = std::move(list);
  }
  HttpResponse r = Json(status, doc);
  r.content_type = "application/problem+json";
  return r;
}

HttpResponse ProblemFor(const common::Status& status) {
  Code code = status.code();
  if (code == Code::kRetry) code = Code::kConflict;
  std::string detail = code == Code::kInternal ? "the server failed; the error is logged" : status.message();
  HttpResponse r = Problem(HttpStatusFor(code), common::CodeName(code), detail, status.errors());
  if (code == Code::kUnavailable) r.headers.emplace_back("Retry-After", "1");
  return r;
}

std::string Etag(int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace api
