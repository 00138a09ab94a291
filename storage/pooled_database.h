// PooledDatabase: the pool and the transaction loop both drivers share. A driver supplies
// Connection objects (one native connection each); this class hands them out one thread at a
// time, runs the begin/commit/rollback/retry protocol of Database::Transact, and drops any
// connection that reports itself broken, together with every idle one (they are presumed dead
// too), so the next request opens a fresh one: this is how the service recovers by itself after
// the database restarts.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database.h"

namespace storage {

class Connection : public Tx {
 public:
  virtual common::Status Begin(Database::Mode mode) = 0;
  virtual common::Status Commit() = 0;
  virtual void Rollback() = 0;
  // True once the native connection failed in a way that makes it unusable.
  virtual bool broken() const = 0;
};

class PooledDatabase : public Database {
 public:
  explicit PooledDatabase(const Options& options) : options_(options) {}
  ~PooledDatabase() override;

  common::Status Transact(Mode mode, const std::function<common::Status(Tx&)>& fn) override;
  common::Status Ping() override;

 protected:
  // Opens one native connection. Called without the pool lock held.
  virtual common::Result<std::unique_ptr<Connection>> Connect() = 0;
  // Call from the subclass destructor: connections must close before the driver state does.
  void CloseAll();
  const Options& options() const { return options_; }
  // True for a backend with one writer at a time (SQLite): this process's write transactions
  // then queue in-process and commit in groups (GroupWrite) instead of polling the database
  // lock with the driver's sleeping busy handler (which put hundreds of milliseconds into the
  // p99 of bid submission; docs/performance.md). Other processes still meet busy_timeout.
  virtual bool SerializeWrites() const { return false; }

 private:
  common::Result<std::unique_ptr<Connection>> Acquire();
  void Release(std::unique_ptr<Connection> conn);

  Options options_;
  std::mutex mu_;
  // Group commit for SerializeWrites() backends (GroupWrite): writers queue here; one of them
  // at a time leads, running the queued use cases in one transaction, each inside its own
  // SAVEPOINT (a failing one is rolled back alone), and commits once for all of them: one
  // fsync for the group instead of one per use case. Each writer gets its own use case's
  // status, or the commit's error when the group's commit fails (then nothing of it is stored).
  // A mutex and condition variable, not std::timed_mutex: clang 14's TSan does not intercept
  // the pthread_mutex_clocklock behind timed_mutex::try_lock_for.
  struct PendingWrite;
  common::Status GroupWrite(const std::function<common::Status(Tx&)>& fn);
  common::Status GroupWriteOnce(const std::function<common::Status(Tx&)>& fn);
  void RunGroup(const std::vector<PendingWrite*>& group);
  std::mutex group_mu_;
  // The one connection every group runs on, outside the pool (one more connection than the
  // pool's). One connection, not whichever is idle: in WAL mode SQLite drops a connection's
  // whole page cache when another connection has committed since its last transaction, so
  // writers taking turns on pooled connections start each group with a cold cache; the one
  // writer keeps its own. Used only by the leader of the moment (leading_, under group_mu_,
  // makes that one thread at a time); reset when it breaks.
  std::unique_ptr<Connection> writer_;
  std::condition_variable group_cv_;
  std::vector<PendingWrite*> queue_;
  bool leading_ = false;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // connections in idle_ plus those lent out
};

}  // namespace storage
