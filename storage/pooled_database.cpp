#include "storage/pooled_database.h"

#include <algorithm>
#include <chrono>

namespace storage {

using common::Code;
using common::Result;
using common::Status;

PooledDatabase::PooledDatabase(const Options& options)
    : options_(options),
      group_([this] { return Connect(); }, std::chrono::milliseconds(options.acquire_timeout_ms)) {}

PooledDatabase::~PooledDatabase() { CloseAll(); }

void PooledDatabase::CloseAll() {
  group_.Close();
  common::MutexLock lock(mu_);
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
}

Result<std::unique_ptr<Connection>> PooledDatabase::Acquire() {
  {
    common::MutexLock lock(mu_);
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(options_.acquire_timeout_ms);
    while (idle_.empty() && open_ >= options_.pool_size) {
      if (cv_.wait_until(lock.native(), deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= options_.pool_size) {
        return Status::Unavailable("no database connection became free in time");
      }
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;  // reserve a slot, connect outside the lock
  }
  auto conn = Connect();
  if (!conn.ok()) {
    common::MutexLock lock(mu_);
    --open_;
    cv_.notify_one();
  }
  return conn;
}

void PooledDatabase::Release(std::unique_ptr<Connection> conn) {
  common::MutexLock lock(mu_);
  if (conn->broken()) {
    // A connection that broke (server restarted, network cut) says the idle ones, opened
    // before the same event, are most likely dead too: drop them all, so that the retry in
    // Transact gets a fresh connection instead of the next stale one.
    --open_;
    conn.reset();
    open_ -= static_cast<int>(idle_.size());
    idle_.clear();
  } else {
    idle_.push_back(std::move(conn));
  }
  cv_.notify_one();
}

Status PooledDatabase::Transact(Mode mode, const std::function<Status(Tx&)>& fn) {
  if (mode == Mode::kWrite && SerializeWrites()) {
    return RunWithRetries(options_.retry, [&] { return group_.WriteOnce(fn); });
  }
  return RunWithRetries(options_.retry, [&] { return TransactOnce(mode, fn); });
}

Attempt PooledDatabase::TransactOnce(Mode mode, const std::function<Status(Tx&)>& fn) {
  auto acquired = Acquire();
  if (!acquired.ok()) return Attempt{acquired.status()};
  std::unique_ptr<Connection> conn = std::move(acquired).value();
  Status st = conn->Begin(mode);
  if (st.ok()) {
    try {
      st = fn(*conn);
    } catch (...) {
      conn->Rollback();
      Release(std::move(conn));
      throw;
    }
    if (st.ok()) {
      st = conn->Commit();
      const bool broken_at_commit = conn->broken();
      if (!st.ok()) conn->Rollback();
      Release(std::move(conn));
      if (!st.ok() && broken_at_commit) {
        return Attempt{Status::Unavailable("the database connection broke during commit")};
      }
      return Attempt{st};  // OK, or kRetry (a lost certification or deadlock): run again
    }
    conn->Rollback();
  }
  const bool broken = conn->broken();
  Release(std::move(conn));
  // A pooled connection that died (server restarted, idle timeout) committed nothing: the
  // retry loop runs the transaction once more, on a fresh connection (Release dropped the
  // idle ones too).
  return Attempt{st, broken && st.code() != Code::kRetry};
}

Status PooledDatabase::Ping() {
  return Transact(Mode::kRead, [](Tx& tx) { return tx.Query("SELECT 1").status(); });
}

}  // namespace storage
