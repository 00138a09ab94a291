// PooledDatabase: the pool and the transaction loop both drivers share. A driver supplies
// Connection objects (one native connection each); this class hands them out one thread at a
// time, runs the begin/commit/rollback/retry protocol of Database::Transact, and drops any
// connection that reports itself broken, together with every idle one (they are presumed dead
// too), so the next request opens a fresh one: this is how the service recovers by itself after
// the database restarts. Every try of a transaction, pooled or grouped, goes through the one
// retry policy of Options::retry (storage/retry.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/thread_annotations.h"
#include "storage/connection.h"
#include "storage/database.h"
#include "storage/group_commit.h"

namespace storage {

class PooledDatabase : public Database {
 public:
  explicit PooledDatabase(const Options& options);
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
  // then queue in-process and commit in groups (group_) instead of polling the database
  // lock with the driver's sleeping busy handler (which put hundreds of milliseconds into the
  // p99 of bid submission; docs/performance.md). Other processes still meet busy_timeout.
  // Queued writers wait at most Options::acquire_timeout_ms for their group to start.
  virtual bool SerializeWrites() const { return false; }

 private:
  common::Result<std::unique_ptr<Connection>> Acquire();
  void Release(std::unique_ptr<Connection> conn);

  // One try of a pooled transaction, for the retry loop.
  Attempt TransactOnce(Mode mode, const std::function<common::Status(Tx&)>& fn);

  Options options_;
  common::Mutex mu_;
  // Write transactions of SerializeWrites() backends (storage/group_commit.h).
  GroupCommit group_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_ GUARDED_BY(mu_);
  int open_ GUARDED_BY(mu_) = 0;  // connections in idle_ plus those lent out
};

}  // namespace storage
