// Stored first responses for Idempotency-Key (see docs/api.md). Thread-safe.
//
// A POST carrying a key first Reserve()s it: exactly one of several concurrent requests with the
// same key gets kReserved and runs; the others see kInProgress (or, once it completed, kReplay
// with the stored response). The winner then Complete()s the key with its response, or
// Release()s it when it failed in a way that must not be replayed (5xx), so the client may retry.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "storage/database.h"

namespace storage {

class IdempotencyStore {
 public:
  struct Response {
    int status = 0;
    std::string headers;  // "Name: value\n" lines
    std::string body;
  };
  enum class Outcome { kReserved, kReplay, kMismatch, kInProgress };

  // A reservation older than this is presumed abandoned (its process died) and may be taken over.
  static constexpr int64_t kStaleReservationSeconds = 120;

  explicit IdempotencyStore(Database& db) : db_(db) {}

  // `scope_key` identifies the caller and the key; `request_hash` the method, path and body.
  // On kReplay, *replay holds the first response.
  common::Result<Outcome> Reserve(const std::string& scope_key, const std::string& request_hash,
                                  int64_t now_seconds, Response* replay);
  common::Status Complete(const std::string& scope_key, const Response& response);
  common::Status Release(const std::string& scope_key);
  // Deletes completed entries created before `before_seconds`; returns how many.
  common::Result<int64_t> Expire(int64_t before_seconds);

 private:
  Database& db_;
};

}  // namespace storage
