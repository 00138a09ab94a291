// GroupCommit: write transactions of one process queued and committed in groups, for a backend
// with one writer at a time (SQLite). Writers queue; one of them at a time leads, running the
// queued use cases in one transaction, each inside its own SAVEPOINT (a failing one is rolled
// back alone), and commits once for all of them: one fsync for the group instead of one per use
// case (docs/performance.md). Each writer gets its own use case's status, or the group's error
// when the group's transaction fails (then nothing of it is stored).
//
// WriteOnce is one try; the caller retries through storage/retry.h like any transaction, so a
// group that lost a race runs its use cases again each from its own retry loop, never from a
// loop of its own.
//
// Threads: WriteOnce may be called from any number of threads. The writer connection is used
// only by the leader of the moment (leading_, under mu_, makes that one thread at a time).
// A mutex and condition variable, not std::timed_mutex: clang 14's TSan does not intercept the
// pthread_mutex_clocklock behind timed_mutex::try_lock_for.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/thread_annotations.h"
#include "storage/connection.h"
#include "storage/retry.h"

namespace storage {

class GroupCommit {
 public:
  using Connector = std::function<common::Result<std::unique_ptr<Connection>>()>;
  static constexpr size_t kMaxGroup = 64;  // use cases in one transaction at most

  // `connect` opens the writer connection (called by the leader, no lock held); a writer that
  // waits longer than `turn_timeout` for its group to start gives up with kUnavailable.
  GroupCommit(Connector connect, std::chrono::milliseconds turn_timeout)
      : connect_(std::move(connect)), turn_timeout_(turn_timeout) {}
  ~GroupCommit() { Close(); }
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs `fn` once inside the next group; rethrows what `fn` threw (after the group's rollback
  // of its savepoint).
  Attempt WriteOnce(const std::function<common::Status(Tx&)>& fn);
  // Closes the writer connection (call before the driver's own state goes).
  void Close();

 private:
  struct Pending {
    const std::function<common::Status(Tx&)>* fn;
    Attempt result;
    bool done = false;
    std::exception_ptr thrown;
  };
  // Runs without mu_: the leader alone touches writer_ while leading_ is set.
  void RunGroup(const std::vector<Pending*>& group) EXCLUDES(mu_);

  Connector connect_;
  std::chrono::milliseconds turn_timeout_;
  common::Mutex mu_;
  std::condition_variable cv_;
  std::vector<Pending*> queue_ GUARDED_BY(mu_);
  bool leading_ GUARDED_BY(mu_) = false;
  // The one connection every group runs on, outside the pool (one more connection than the
  // pool's). One connection, not whichever is idle: in WAL mode SQLite drops a connection's
  // whole page cache when another connection has committed since its last transaction, so
  // writers taking turns on pooled connections start each group with a cold cache; the one
  // writer keeps its own. Reset when it breaks.
  std::unique_ptr<Connection> writer_;
};

}  // namespace storage
