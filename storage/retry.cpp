#include "storage/retry.h"

#include <algorithm>
#include <thread>

namespace storage {

using common::Code;
using common::Status;

std::chrono::milliseconds RetryPolicy::Backoff(int attempt) const {
  if (attempt <= 0) return std::chrono::milliseconds(0);
  return first_backoff * (int64_t{1} << std::min(attempt - 1, 20));
}

void RetryPolicy::Wait(int attempt) const {
  auto wait = Backoff(attempt);
  if (wait.count() <= 0) return;
  if (sleep) {
    sleep(wait);
  } else {
    std::this_thread::sleep_for(wait);
  }
}

Status RunWithRetries(const RetryPolicy& policy, const std::function<Attempt()>& attempt) {
  bool reconnected = false;
  Status last = Status::Internal("the transaction was never tried");
  for (int n = 0; n < policy.max_attempts; ++n) {
    policy.Wait(n);
    Attempt a = attempt();
    last = a.status;
    if (last.code() == Code::kRetry) continue;
    if (a.broke_before_commit && !reconnected) {
      reconnected = true;
      continue;
    }
    return last;
  }
  if (last.code() == Code::kRetry) {
    return Status::Conflict("the request lost a race with concurrent changes; try again");
  }
  return last;
}

}  // namespace storage
