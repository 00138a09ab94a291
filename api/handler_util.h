// Small helpers shared by the route files: read a JSON body strictly, answer a Result.
#pragma once

#include <functional>
#include <optional>

#include "api/api.h"
#include "api/input.h"
#include "api/response.h"

namespace api {

// The problem document for `reading` (a reader's failed Finish()), with the rule errors
// `rules(unread)` finds added when it is a validation failure.
inline HttpResponse WithRuleErrors(const common::Status& reading,
                                   const std::function<common::Status(const common::Unread&)>& rules) {
  if (reading.code() != common::Code::kValidation) return ProblemFor(reading);
  const common::Unread unread(reading.errors());
  std::vector<common::FieldError> all = reading.errors();
  common::Status found = rules(unread);
  if (found.code() == common::Code::kValidation) {
    for (const auto& e : unread.Keep(found.errors())) all.push_back(e);
  }
  return ProblemFor(common::Status::Validation(reading.message(), std::move(all)));
}

// Parses the body as a JSON object, lets `read` take its fields and Finish()es the reader;
// nullopt when all is well, else the problem response (400/415/422). One 422 lists every
// problem at once: when some fields cannot be read, the answer adds the rule errors the use
// case finds in the rest. `rules(unread)` is the use case's check (its Check... method) run on
// what was read; it returns a kValidation Status with its rule errors (those waiting for an
// unread field left out: common::Unread::Keep), or OK. Any other outcome of it (forbidden,
// unavailable) leaves the answer to the reading errors alone. When every field reads, nothing
// more happens here: the use case checks its rules itself.
inline std::optional<HttpResponse> ReadBody(Context& ctx, const std::function<void(ObjectReader&)>& read,
                                            const std::function<common::Status(const common::Unread&)>& rules) {
  InputError perr;
  auto body = ParseJsonObject(ctx.req, &perr);
  if (!body) return Problem(perr.status, perr.type, perr.detail);
  ObjectReader in(*body);
  read(in);
  common::Status st = in.Finish();
  if (st.ok()) return std::nullopt;
  return WithRuleErrors(st, rules);
}

// The same for a request whose use case has no rules beyond what the reader checks (or checks
// them only once every field reads).
inline std::optional<HttpResponse> ReadBody(Context& ctx, const std::function<void(ObjectReader&)>& read) {
  return ReadBody(ctx, read, [](const common::Unread&) { return common::Status::Ok(); });
}

// ?domestic= of a catalog search: "true" → only verified domestic items; "false" or absent →
// all; anything else a field error.
inline bool DomesticOnly(const std::optional<std::string>& v, std::vector<common::FieldError>* errors) {
  if (v && *v != "true" && *v != "false") errors->push_back({"domestic", "enum", "must be true or false"});
  return v && *v == "true";
}

// 200 (or `status`) with the JSON of the value, or the problem document of the error.
template <typename T, typename ToJson>
HttpResponse Answer(const common::Result<T>& r, ToJson&& to_json, int status = 200) {
  if (!r.ok()) return ProblemFor(r.status());
  return Json(status, to_json(*r));
}

// The same with an ETag of the value's version.
template <typename T, typename ToJson>
HttpResponse AnswerVersioned(const common::Result<T>& r, ToJson&& to_json, int status = 200) {
  if (!r.ok()) return ProblemFor(r.status());
  HttpResponse resp = Json(status, to_json(*r));
  resp.headers.emplace_back("ETag", Etag(r->version));
  return resp;
}

// A list: 200 {"items": [each item's JSON], "next_cursor": an opaque cursor | null}, or the
// problem document of the error. Every paginated route answers through this.
template <typename T, typename ToJson>
HttpResponse AnswerPage(const common::Result<registry::Page<T>>& r, ToJson&& item_json) {
  if (!r.ok()) return ProblemFor(r.status());
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : r->items) items.push_back(item_json(item));
  return Json(200, {{"items", std::move(items)},
                    {"next_cursor", r->next ? nlohmann::json(EncodeCursor(*r->next)) : nlohmann::json(nullptr)}});
}

}  // namespace api
