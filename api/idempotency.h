// Idempotency-Key on POST (docs/api.md): a request repeated with the same key by the same caller
// gets the first response again (Idempotent-Replayed: true) instead of running twice; the same key
// with another request is 422, and one still running is 409. Keys are scoped per account, or per
// client address when anonymous, and stored as hashes (storage/idempotency_store.h).
#pragma once

#include <functional>
#include <optional>

#include "api/http.h"
#include "common/clock.h"
#include "registry/actor.h"
#include "storage/idempotency_store.h"

namespace api {

// Runs `run` at most once for the request's Idempotency-Key (which the caller checked is present)
// and stores its response, unless it is a 5xx (then the key is released and the client may retry).
HttpResponse WithIdempotencyKey(storage::IdempotencyStore& store, const common::Clock& clock, HttpRequest& req,
                                const std::optional<registry::Actor>& actor, const std::function<HttpResponse()>& run);

}  // namespace api
