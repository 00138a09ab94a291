// The one retry policy of every transaction (Database::Transact): how many times a transaction
// that lost a race runs, and how long it waits between runs. Both the pooled path and the group
// commit (storage/group_commit.h) run their tries through RunWithRetries, so a use case runs at
// most `max_attempts` times however its tries are made (before, a group retrying inside a writer
// retrying could run one use case 36 times).
#pragma once

#include <chrono>
#include <functional>

#include "common/status.h"

namespace storage {

struct RetryPolicy {
  int max_attempts = 6;
  // The wait before try n (n >= 1, counting from 0) is first_backoff * 2^(n-1): 4, 8, 16, 32 and
  // 64 ms by default, growing so that racing writers interleave instead of colliding again.
  std::chrono::milliseconds first_backoff{4};
  // How to wait; empty means std::this_thread::sleep_for. Tests inject a recorder.
  std::function<void(std::chrono::milliseconds)> sleep;

  std::chrono::milliseconds Backoff(int attempt) const;
  void Wait(int attempt) const;
};

// What one try of a transaction came to.
struct Attempt {
  common::Status status;
  // The connection died before anything was committed (server restarted, idle timeout): the
  // transaction may run once more on a fresh connection. A connection that broke during the
  // commit is not this: its outcome is unknown and its status is kUnavailable.
  bool broke_before_commit = false;
};

// Runs `attempt` until it returns anything but kRetry, at most policy.max_attempts times in all;
// the first broke_before_commit try is run again too (once; it counts among the tries). A try that still lost the race
// at the end answers kConflict ("try again"); any other status is returned as it is. Exceptions
// from `attempt` pass through.
common::Status RunWithRetries(const RetryPolicy& policy, const std::function<Attempt()>& attempt);

}  // namespace storage
