// Building responses: JSON bodies, RFC 9457 problem documents, and the one place where a
// common::Status becomes an HTTP status and a problem `type`.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/http.h"
#include "common/status.h"

namespace api {

// 422 validation, 404 not_found, 401 unauthenticated, 403 forbidden and sealed, 409 conflict,
// bidding_closed and invalid_state, 412 version_mismatch, 429 rate_limited,
// 503 unavailable, 500 internal (retry exhausted becomes 409 conflict in the store).
int HttpStatusFor(common::Code code);

// `application/json; charset=utf-8`.
HttpResponse Json(int status, const nlohmann::json& body);
// The body text Json() sends (compact; invalid UTF-8 replaced, never thrown): for text that is
// rendered once and served many times.
std::string DumpJson(const nlohmann::json& body);

// A body that is already JSON text (the caller guarantees it).
HttpResponse JsonText(int status, std::string body);

// A problem document: {"type", "title", "status", "detail", "errors"?}. `type` is one of the
// contract's short codes. Internal details never go into `detail`.
HttpResponse Problem(int status, std::string_view type, std::string_view detail,
                     const std::vector<common::FieldError>& errors = {});

// The problem document for a non-OK Status (kInternal's message is replaced by a generic one:
// the real cause is in the log).
HttpResponse ProblemFor(const common::Status& status);

// "\"7\"" for version 7.
std::string Etag(int64_t version);

}  // namespace api
