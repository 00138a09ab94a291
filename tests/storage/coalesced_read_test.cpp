// CoalescedRead (storage/coalesced_read.h): callers share reads, but never one that started
// before they arrived, and never a failure.
#include "storage/coalesced_read.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace storage {
namespace {

using common::Result;
using common::Status;

void WaitUntil(const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "timed out";
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// A Get whose read holds until Release(), then ends with `finish()` (a value, an error, or a
// throw). The constructor returns once that read is in flight, so later callers queue behind it.
class HeldRead {
 public:
  HeldRead(CoalescedRead<int>& reads, std::function<Result<int>()> finish)
      : released_(release_.get_future().share()) {
    result_ = std::async(std::launch::async, [this, &reads, finish = std::move(finish)] {
      return reads.Get([&]() -> Result<int> {
        in_flight_ = true;
        released_.wait();
        return finish();
      });
    });
    WaitUntil([&] { return in_flight_.load(); });
  }
  ~HeldRead() {
    if (!released_once_) release_.set_value();  // a test that failed early must not hang here
  }
  void Release() {
    released_once_ = true;
    release_.set_value();
  }
  Result<int> Get() { return result_.get(); }

 private:
  bool released_once_ = false;
  std::promise<void> release_;
  std::shared_future<void> released_;
  std::atomic<bool> in_flight_{false};
  std::future<Result<int>> result_;
};

// A read in flight when B and C arrive may predate a write they saw commit: they must not take
// its value, but share one read sent after it.
TEST(CoalescedReadTest, CallersArrivingDuringAReadShareTheNextOneNotThatOne) {
  CoalescedRead<int> reads;
  std::atomic<int> sent{0};
  HeldRead a(reads, [&]() -> Result<int> { return ++sent; });  // 1
  auto later = [&] {
    return reads.Get([&]() -> Result<int> {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the other one queue behind
      return ++sent;
    });
  };
  auto b = std::async(std::launch::async, later);
  auto c = std::async(std::launch::async, later);
  WaitUntil([&] { return reads.waiting() == 2; });
  a.Release();

  Result<int> ra = a.Get(), rb = b.get(), rc = c.get();
  ASSERT_TRUE(ra.ok() && rb.ok() && rc.ok());
  EXPECT_EQ(*ra, 1);
  EXPECT_EQ(*rb, 2) << "B arrived while read 1 was in flight; it must get a later read";
  EXPECT_EQ(*rc, 2);
  EXPECT_EQ(sent.load(), 2) << "B and C should have shared one read";
  EXPECT_EQ(reads.reads(), 2u);
}

TEST(CoalescedReadTest, ACallerAloneReadsEveryTime) {
  CoalescedRead<int> reads;
  int sent = 0;
  for (int i = 1; i <= 3; ++i) {
    Result<int> r = reads.Get([&]() -> Result<int> { return ++sent; });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, i) << "a later call must never get an earlier read's value";
  }
  EXPECT_EQ(sent, 3);
}

TEST(CoalescedReadTest, AFailedReadIsNotSharedWaitersReadForThemselves) {
  CoalescedRead<int> reads;
  std::atomic<int> second_round{0};
  HeldRead failing(reads, []() -> Result<int> { return Status::Unavailable("this connection broke"); });
  // Read 2 fails too, while B and C wait for it; then each must read for itself.
  std::promise<void> release_second;
  std::shared_future<void> released2 = release_second.get_future().share();
  auto waiter = [&] {
    return reads.Get([&]() -> Result<int> {
      if (second_round.fetch_add(1) == 0) {
        released2.wait();
        return Status::Unavailable("this one broke as well");
      }
      return 7;
    });
  };
  auto b = std::async(std::launch::async, waiter);
  auto c = std::async(std::launch::async, waiter);
  WaitUntil([&] { return reads.waiting() == 2; });
  failing.Release();
  EXPECT_EQ(failing.Get().status().code(), common::Code::kUnavailable);
  WaitUntil([&] { return second_round.load() == 1 && reads.waiting() == 1; });
  release_second.set_value();
  Result<int> rb = b.get(), rc = c.get();
  // One of B and C sent read 2 and got its failure; the other must not inherit it.
  int ok = (rb.ok() ? 1 : 0) + (rc.ok() ? 1 : 0);
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(rb.ok() ? *rb : *rc, 7);
  EXPECT_EQ(second_round.load(), 2);
}

TEST(CoalescedReadTest, AReadThatThrowsReleasesItsWaiters) {
  CoalescedRead<int> reads;
  HeldRead throwing(reads, []() -> Result<int> { throw std::runtime_error("driver threw"); });
  auto waiter = std::async(std::launch::async, [&] { return reads.Get([]() -> Result<int> { return 5; }); });
  WaitUntil([&] { return reads.waiting() == 1; });
  throwing.Release();
  EXPECT_THROW((void)throwing.Get(), std::runtime_error);
  ASSERT_EQ(waiter.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "the waiter hangs";
  Result<int> r = waiter.get();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 5);
}

// Under contention: every caller gets a value at least as new as the one current when it
// arrived (a writer keeps moving it), and fewer reads are sent than callers asked for.
TEST(CoalescedReadTest, UnderContentionEveryValueIsAtLeastAsNewAsTheCallersArrival) {
  CoalescedRead<int64_t> reads;
  std::atomic<int64_t> current{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop) {
      current.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  });
  constexpr int kThreads = 8, kCalls = 200;
  std::atomic<int> stale{0}, failed{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < kThreads; ++t) {
    callers.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        int64_t at_arrival = current.load();
        Result<int64_t> r = reads.Get([&]() -> Result<int64_t> {
          int64_t v = current.load();
          std::this_thread::sleep_for(std::chrono::microseconds(200));  // a round trip
          return v;
        });
        if (!r.ok()) {
          failed.fetch_add(1);
        } else if (*r < at_arrival) {
          stale.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : callers) th.join();
  stop = true;
  writer.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(stale.load(), 0) << "a caller got a value read before it arrived";
  EXPECT_LT(reads.reads(), static_cast<uint64_t>(kThreads * kCalls)) << "no read was shared";
}

}  // namespace
}  // namespace storage
