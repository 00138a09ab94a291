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
  // then queue on a mutex before they take a connection, instead of polling the database
  // lock with the driver's sleeping busy handler (which put hundreds of milliseconds into the
  // p99 of bid submission; docs/performance.md). Other processes still meet busy_timeout.
  virtual bool SerializeWrites() const { return false; }

 private:
  common::Result<std::unique_ptr<Connection>> Acquire();
  void Release(std::unique_ptr<Connection> conn);

  Options options_;
  std::mutex mu_;
  // SerializeWrites(): one write at a time. A flag under a mutex and condition variable rather
  // than std::timed_mutex, whose try_lock_for goes through pthread_mutex_clocklock, which
  // clang 14's ThreadSanitizer does not intercept (it then reports every unlock as bogus).
  class WriteGate {
   public:
    bool TryEnterFor(std::chrono::milliseconds timeout) {
      std::unique_lock<std::mutex> lock(mu_);
      if (!cv_.wait_for(lock, timeout, [this] { return !busy_; })) return false;
      busy_ = true;
      return true;
    }
    void Leave() {
      {
        std::lock_guard<std::mutex> lock(mu_);
        busy_ = false;
      }
      cv_.notify_one();
    }

   private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool busy_ = false;
  };
  WriteGate write_gate_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // connections in idle_ plus those lent out
};

}  // namespace storage
