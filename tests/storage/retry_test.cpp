// The one retry policy (storage/retry.h): its loop alone, and through Database::Transact on both
// backends, where a use case that keeps losing its race runs max_attempts times in all, on the
// pooled path and through SQLite's group commit alike (the group once retried inside the
// writer's own loop, which could run a use case 36 times).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "storage/database.h"
#include "storage/retry.h"
#include "support/test_db.h"

namespace {

using common::Code;
using common::Status;
using std::chrono::milliseconds;
using storage::Attempt;
using storage::Database;
using storage::RetryPolicy;
using storage::RunWithRetries;

struct RecordedWaits {
  std::mutex mu;
  std::vector<int64_t> ms;
  RetryPolicy Policy() {
    RetryPolicy p;
    p.sleep = [this](milliseconds d) {
      std::lock_guard<std::mutex> lock(mu);
      ms.push_back(d.count());
    };
    return p;
  }
};

TEST(RetryPolicyTest, ALostRaceRunsMaxAttemptsTimesWithGrowingWaitsThenAnswersConflict) {
  RecordedWaits waits;
  int runs = 0;
  Status st = RunWithRetries(waits.Policy(), [&] {
    ++runs;
    return Attempt{Status::Retry("busy")};
  });
  EXPECT_EQ(st.code(), Code::kConflict) << st.ToString();
  EXPECT_EQ(runs, 6);
  EXPECT_EQ(waits.ms, (std::vector<int64_t>{4, 8, 16, 32, 64}));
}

TEST(RetryPolicyTest, AWinAfterLosingStopsTheLoopAndOtherErrorsAreNotRetried) {
  RecordedWaits waits;
  int runs = 0;
  Status st = RunWithRetries(waits.Policy(), [&] {
    return Attempt{++runs < 3 ? Status::Retry("busy") : Status::Ok()};
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(waits.ms, (std::vector<int64_t>{4, 8}));

  runs = 0;
  st = RunWithRetries(waits.Policy(), [&] {
    ++runs;
    return Attempt{Status::Conflict("duplicate")};
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_EQ(runs, 1);
}

TEST(RetryPolicyTest, AConnectionThatBrokeBeforeTheCommitIsTriedOnceMoreOnly) {
  RecordedWaits waits;
  int runs = 0;
  Status st = RunWithRetries(waits.Policy(), [&] {
    ++runs;
    return Attempt{Status::Unavailable("gone"), true};
  });
  EXPECT_EQ(st.code(), Code::kUnavailable);
  EXPECT_EQ(runs, 2);

  runs = 0;
  st = RunWithRetries(waits.Policy(), [&] {
    return ++runs == 1 ? Attempt{Status::Unavailable("gone"), true} : Attempt{Status::Ok()};
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(runs, 2);
}

TEST(RetryPolicyTest, ThePolicyIsConfigurable) {
  RecordedWaits waits;
  RetryPolicy p = waits.Policy();
  p.max_attempts = 3;
  p.first_backoff = milliseconds(1);
  int runs = 0;
  Status st = RunWithRetries(p, [&] {
    ++runs;
    return Attempt{Status::Retry("busy")};
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(waits.ms, (std::vector<int64_t>{1, 2}));
}

class RetryBackendTest : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Backends, RetryBackendTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

// A use case that loses its race every time runs max_attempts times, in read and in write mode
// (on SQLite, write mode is the group commit), and its caller reads kConflict.
TEST_P(RetryBackendTest, AUseCaseThatAlwaysLosesRunsMaxAttemptsTimesInAll) {
  testing_support::TestDatabase tdb(GetParam());
  ASSERT_TRUE(tdb.ok()) << tdb.error();
  RecordedWaits waits;
  Database::Options options;
  options.retry = waits.Policy();
  auto db = storage::OpenDatabase(tdb.url(), options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  for (Database::Mode mode : {Database::Mode::kRead, Database::Mode::kWrite}) {
    waits.ms.clear();
    std::atomic<int> runs{0};
    Status st = (*db)->Transact(mode, [&](storage::Tx& tx) -> Status {
      ++runs;
      RETURN_IF_ERROR(tx.Query("SELECT 1").status());
      return Status::Retry("lost a race");
    });
    EXPECT_EQ(st.code(), Code::kConflict) << st.ToString();
    EXPECT_EQ(runs.load(), 6) << (mode == Database::Mode::kWrite ? "write" : "read");
    EXPECT_EQ(waits.ms, (std::vector<int64_t>{4, 8, 16, 32, 64}));
  }
}

}  // namespace
