#include "api/rate_limiter.h"

#include <gtest/gtest.h>

namespace api {
namespace {

constexpr int64_t kSecond = 1000000;

TEST(RateLimiterTest, AllowsTheLimitThenRefillsEvenly) {
  RateLimiter limiter(60);  // one a second
  int retry = 0;
  int64_t t = 1000 * kSecond;
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(limiter.Allow("1.2.3.4", t, &retry)) << i;
  EXPECT_FALSE(limiter.Allow("1.2.3.4", t, &retry));
  EXPECT_EQ(retry, 1);
  EXPECT_TRUE(limiter.Allow("5.6.7.8", t, &retry));  // another address has its own bucket
  EXPECT_FALSE(limiter.Allow("1.2.3.4", t + kSecond / 2, &retry));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t + kSecond, &retry));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", t + kSecond, &retry));
  // A full minute later the whole allowance is back, and no more.
  int allowed = 0;
  while (limiter.Allow("1.2.3.4", t + 100 * kSecond, &retry)) ++allowed;
  EXPECT_EQ(allowed, 60);
}

TEST(RateLimiterTest, RetryAfterCountsWholeSeconds) {
  RateLimiter limiter(2);  // one per 30 seconds
  int retry = 0;
  ASSERT_TRUE(limiter.Allow("a", 0, &retry));
  ASSERT_TRUE(limiter.Allow("a", 0, &retry));
  ASSERT_FALSE(limiter.Allow("a", 0, &retry));
  EXPECT_EQ(retry, 30);
  ASSERT_FALSE(limiter.Allow("a", 10 * kSecond + 1, &retry));
  EXPECT_EQ(retry, 20);
}

TEST(RateLimiterTest, ZeroTurnsItOff) {
  RateLimiter limiter(0);
  int retry = 0;
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limiter.Allow("a", 0, &retry));
  EXPECT_FALSE(limiter.enabled());
}

TEST(RateLimiterTest, IdleAddressesAreForgottenAndActiveOnesKept) {
  RateLimiter limiter(5);
  int retry = 0;
  // One new address a second for 200,000 seconds: buckets idle for a minute are full and are
  // forgotten when a shard fills up.
  for (int i = 0; i < 200000; ++i) limiter.Allow("10.0." + std::to_string(i), i * kSecond, &retry);
  EXPECT_LE(limiter.size(), RateLimiter::kShards * RateLimiter::kMaxKeysPerShard);
  int64_t now = 200000 * kSecond;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.Allow("busy", now, &retry));
  EXPECT_FALSE(limiter.Allow("busy", now + 1, &retry));  // still limited
}

TEST(RateLimiterTest, AFloodOfNewAddressesStaysBounded) {
  RateLimiter limiter(5);
  int retry = 0;
  for (int i = 0; i < 200000; ++i) limiter.Allow("2001:db8::" + std::to_string(i), 0, &retry);
  EXPECT_LE(limiter.size(), RateLimiter::kShards * RateLimiter::kMaxKeysPerShard);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.Allow("after", 0, &retry));
  EXPECT_FALSE(limiter.Allow("after", 0, &retry));
}

}  // namespace
}  // namespace api
