// CoalescedRead: many threads that each need a fresh value of one remote row share round trips.
//
// Contract: Get(read) returns the result of a call of `read` — this caller's or another's —
// that STARTED AFTER this Get was entered. So the value is at least as new as what the caller
// would have read itself: every write committed before the call is reflected, exactly as if it
// had sent its own query. (A read already in flight when a caller arrives may have been sent
// before a write the caller saw commit, so the caller never takes that one; it waits for the
// next.) At most one read is in flight at a time; everyone who arrived while it was in flight
// takes the one after it, which the first of them to wake sends through its own connection.
// A failed read (an error or an exception, which goes to its own caller) is not shared: whoever
// waited for it reads for themselves.
//
// Why: on MySQL the access-generation check (registry/access_cache.h) is one round trip per
// request, and that round trip costs the database server more CPU than the whole cached request
// costs registryd. Under load, requests that arrive during one check share the next; with one
// request at a time it is exactly one read per request, as before (docs/performance.md).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

#include "common/status.h"
#include "common/thread_annotations.h"

namespace storage {

template <typename T>
class CoalescedRead {
 public:
  template <typename Fn>  // Fn: () -> common::Result<T>
  common::Result<T> Get(Fn&& read) {
    common::MutexLock lock(mu_);
    // Reads are numbered in the order they start; one that starts from now on is numbered at
    // least `need`. Reads finish in order (one in flight at a time), so once `finished_`
    // reaches `need`, the last result is from a read that started after this arrival.
    const uint64_t need = started_ + 1;
    for (;;) {
      if (finished_ >= need) {
        if (last_) return *last_;
        break;  // that read failed: do not share a failure (it may be the connection's own)
      }
      if (!in_flight_) {
        in_flight_ = true;
        const uint64_t mine = ++started_;
        lock.Unlock();
        std::optional<common::Result<T>> result;
        try {
          result.emplace(read());
        } catch (...) {
          lock.Lock();
          Finish(mine, nullptr);  // waiters must not wait for a read that never ends
          throw;
        }
        lock.Lock();
        Finish(mine, &*result);
        return std::move(*result);
      }
      ++waiting_;
      cv_.wait(lock.native());
      --waiting_;
    }
    lock.Unlock();
    return read();
  }

  // How many reads sent through here have finished (they finish in the order they start).
  uint64_t reads() const {
    common::MutexLock lock(mu_);
    return finished_;
  }
  // How many callers are waiting for a read right now (for tests).
  int waiting() const {
    common::MutexLock lock(mu_);
    return waiting_;
  }

 private:
  // Publishes read number `mine` (null: it threw, which counts as a failure) and wakes waiters.
  void Finish(uint64_t mine, const common::Result<T>* result) REQUIRES(mu_) {
    in_flight_ = false;
    finished_ = mine;
    if (result && result->ok()) {
      last_ = **result;
    } else {
      last_.reset();
    }
    cv_.notify_all();
  }

  mutable common::Mutex mu_;
  std::condition_variable cv_;
  uint64_t started_ GUARDED_BY(mu_) = 0;
  uint64_t finished_ GUARDED_BY(mu_) = 0;
  bool in_flight_ GUARDED_BY(mu_) = false;
  int waiting_ GUARDED_BY(mu_) = 0;
  std::optional<T> last_ GUARDED_BY(mu_);
};

}  // namespace storage
