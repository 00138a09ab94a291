// RateLimiter: a token bucket per key (a client address), in integer arithmetic.
//
// `per_minute` requests are allowed at once and refill evenly over a minute. Limits are kept per
// process: behind a load balancer each instance limits on its own (docs/operations.md).
// Memory is bounded: a shard that grows past kMaxKeysPerShard forgets its full (idle) buckets,
// or all of them when a flood of new addresses leaves few idle ones.
// Thread-safe; keys are spread over shards so that callers rarely contend.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/thread_annotations.h"

namespace api {

class RateLimiter {
 public:
  static constexpr size_t kShards = 16;
  static constexpr size_t kMaxKeysPerShard = 4096;

  // per_minute == 0 turns limiting off.
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // Takes one request from `key`'s bucket at time `now_micros`. False when the bucket is empty;
  // *retry_after_s is then the whole seconds until one request is allowed again.
  bool Allow(const std::string& key, int64_t now_micros, int* retry_after_s);
  bool enabled() const { return per_minute_ > 0; }
  // The number of addresses remembered (at most kShards * kMaxKeysPerShard).
  size_t size();

 private:
  // Units: one request costs kCost; a bucket refills per_minute_ units per microsecond, so it
  // refills kCost * per_minute_ units (per_minute_ requests) per minute exactly.
  static constexpr int64_t kCost = 60LL * 1000 * 1000;
  struct Bucket {
    int64_t units;
    int64_t at_micros;
  };
  struct Shard {
    common::Mutex mu;
    std::unordered_map<std::string, Bucket> buckets GUARDED_BY(mu);
  };
  int64_t Refilled(const Bucket& b, int64_t now_micros) const;

  int per_minute_;
  std::array<Shard, kShards> shards_;
};

}  // namespace api
