// Small helpers shared by the route files: read a JSON body strictly, answer a Result.
#pragma once

#include <functional>
#include <optional>

#include "api/api.h"
#include "api/input.h"
#include "api/response.h"

namespace api {

// Parses the body as a JSON object and lets `read` take its fields; Finish()es the reader.
// Returns the problem response (400/415/422) when anything is wrong, nullopt when all is well.
inline std::optional<HttpResponse> ReadBody(Context& ctx, const std::function<void(ObjectReader&)>& read) {
  InputError perr;
  auto body = ParseJsonObject(ctx.req, &perr);
  if (!body) return Problem(perr.status, perr.type, perr.detail);
  ObjectReader in(*body);
  read(in);
  common::Status st = in.Finish();
  if (!st.ok()) return ProblemFor(st);
  return std::nullopt;
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
