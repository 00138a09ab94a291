#include "api/rate_limiter.h"

#include <functional>

namespace api {

int64_t RateLimiter::Refilled(const Bucket& b, int64_t now_micros) const {
  const int64_t capacity = kCost * per_minute_;
  int64_t elapsed = now_micros > b.at_micros ? now_micros - b.at_micros : 0;
  // Cap elapsed before multiplying so the product cannot overflow.
  if (elapsed >= 60LL * 1000 * 1000) return capacity;
  int64_t units = b.units + elapsed * per_minute_;
  return units > capacity ? capacity : units;
}

size_t RateLimiter::size() {
  size_t n = 0;
  for (Shard& shard : shards_) {
    common::MutexLock lock(shard.mu);
    n += shard.buckets.size();
  }
  return n;
}

bool RateLimiter::Allow(const std::string& key, int64_t now_micros, int* retry_after_s) {
  if (per_minute_ <= 0) return true;
  const int64_t capacity = kCost * per_minute_;
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  common::MutexLock lock(shard.mu);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= kMaxKeysPerShard) {
      for (auto b = shard.buckets.begin(); b != shard.buckets.end();) {
        b = Refilled(b->second, now_micros) >= capacity ? shard.buckets.erase(b) : std::next(b);
      }
      // A flood of distinct addresses within a minute frees little: then forget the shard
      // rather than rescan it on every new address (which would cost O(n) per request).
      // Those addresses get a fresh allowance; memory and CPU stay bounded.
      if (shard.buckets.size() > kMaxKeysPerShard * 3 / 4) shard.buckets.clear();
    }
    it = shard.buckets.emplace(key, Bucket{capacity, now_micros}).first;
  }
  Bucket& b = it->second;
  b.units = Refilled(b, now_micros);
  b.at_micros = now_micros;
  if (b.units >= kCost) {
    b.units -= kCost;
    return true;
  }
  int64_t missing = kCost - b.units;                         // units still to refill
  int64_t wait_micros = (missing + per_minute_ - 1) / per_minute_;
  *retry_after_s = static_cast<int>((wait_micros + 999999) / 1000000);
  return false;
}

}  // namespace api
