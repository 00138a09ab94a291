#include "api/idempotency.h"

#include <Poco/Logger.h>

#include "api/response.h"
#include "common/crypto.h"
#include "common/text.h"

namespace api {

using common::Status;

namespace {

// The headers stored for a replay: never Set-Cookie (a session is a secret of the first caller).
std::string SerializeHeaders(const HttpResponse& r) {
  std::string out = "content-type: " + r.content_type + "\n";
  for (const auto& [k, v] : r.headers) {
    std::string lower = k;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "set-cookie") continue;
    out += k + ": " + v + "\n";
  }
  return out;
}

void RestoreHeaders(const std::string& text, HttpResponse* r) {
  for (std::string_view piece : common::Split(text, '\n')) {
    std::string line(piece);
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string k = line.substr(0, colon), v = line.substr(colon + 2);
    if (k == "content-type") {
      r->content_type = v;
    } else {
      r->headers.emplace_back(k, v);
    }
  }
}

bool ValidIdempotencyKey(const std::string& key) {
  if (key.empty() || key.size() > 255) return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

HttpResponse WithIdempotencyKey(storage::IdempotencyStore& store, const common::Clock& clock, HttpRequest& req,
                                const std::optional<registry::Actor>& actor, const std::function<HttpResponse()>& run) {
  const std::string& key = *req.Header("idempotency-key");
  if (!ValidIdempotencyKey(key)) {
    return ProblemFor(Status::FieldInvalid("Idempotency-Key", "format",
                                           "1 to 255 visible ASCII characters"));
  }
  // Scoped per account, or per client address for anonymous requests, so that nobody can
  // replay another caller's response by guessing a key.
  // Stored as a hash: fixed length whatever the key's (up to 255 characters plus the scope).
  std::string scope = common::Sha256Hex((actor ? "acct:" + actor->account_id : "anon:" + req.remote) + "|" + key);
  std::string request_hash = common::Sha256Hex(req.method + "\n" + req.path + "\n" + req.body);
  storage::IdempotencyStore::Response stored;
  int64_t now_s = clock.Now().micros / 1000000;
  auto outcome = store.Reserve(scope, request_hash, now_s, &stored);
  if (!outcome.ok()) return ProblemFor(outcome.status());
  using Outcome = storage::IdempotencyStore::Outcome;
  switch (*outcome) {
    case Outcome::kMismatch:
      return ProblemFor(Status::FieldInvalid(
          "Idempotency-Key", "reused", "this key was used with a different request; use a new key"));
    case Outcome::kInProgress:
      return Problem(409, "conflict", "a request with this Idempotency-Key is still in progress");
    case Outcome::kReplay: {
      HttpResponse r;
      r.status = stored.status;
      r.body = stored.body;
      RestoreHeaders(stored.headers, &r);
      r.headers.emplace_back("Idempotent-Replayed", "true");
      return r;
    }
    case Outcome::kReserved:
      break;
  }
  HttpResponse resp = run();
  Status st;
  if (resp.status >= 500) {
    st = store.Release(scope);  // a failure of ours: the client may try again
  } else {
    // A response that carries a secret is stored with the secret as null (replay_body): the
    // secret exists only in the one response that first carried it.
    st = store.Complete(scope, {resp.status, SerializeHeaders(resp), resp.replay_body.value_or(resp.body)});
  }
  if (!st.ok()) Poco::Logger::get("http").warning("idempotency key bookkeeping failed: %s", st.ToString());
  return resp;
}

}  // namespace api
