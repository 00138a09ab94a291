#include "storage/pooled_database.h"

#include <chrono>
#include <thread>

namespace storage {

using common::Code;
using common::Result;
using common::Status;

PooledDatabase::~PooledDatabase() { CloseAll(); }

void PooledDatabase::CloseAll() {
  std::lock_guard<std::mutex> lock(mu_);
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
}

Result<std::unique_ptr<Connection>> PooledDatabase::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(options_.acquire_timeout_ms);
    while (idle_.empty() && open_ >= options_.pool_size) {
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
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
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    cv_.notify_one();
  }
  return conn;
}

void PooledDatabase::Release(std::unique_ptr<Connection> conn) {
  std::lock_guard<std::mutex> lock(mu_);
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
  constexpr int kMaxAttempts = 6;
  struct Turn {  // leaves the write gate on every return path
    WriteGate* gate = nullptr;
    ~Turn() {
      if (gate) gate->Leave();
    }
  } turn;
  if (mode == Mode::kWrite && SerializeWrites()) {
    if (!write_gate_.TryEnterFor(std::chrono::milliseconds(options_.acquire_timeout_ms))) {
      return Status::Unavailable("no write turn became free in time");
    }
    turn.gate = &write_gate_;
  }
  bool reconnected = false;
  Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      // Back off a little, growing, so that racing writers interleave.
      std::this_thread::sleep_for(std::chrono::milliseconds(2 << attempt));
    }
    auto acquired = Acquire();
    if (!acquired.ok()) return acquired.status();
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
        bool broken_at_commit = conn->broken();
        if (!st.ok()) conn->Rollback();
        Release(std::move(conn));
        if (st.ok()) return st;
        if (broken_at_commit) {
          return Status::Unavailable("the database connection broke during commit");
        }
        if (st.code() == Code::kRetry) {
          last = st;
          continue;
        }
        return st;
      }
      conn->Rollback();
    }
    bool broken = conn->broken();
    Release(std::move(conn));
    if (st.code() == Code::kRetry) {
      last = st;
      continue;
    }
    if (broken && !reconnected) {
      // A pooled connection died (server restarted, idle timeout): nothing was committed,
      // so run the transaction once more on a fresh connection.
      reconnected = true;
      last = st;
      continue;
    }
    return st;
  }
  if (last.code() == Code::kRetry) {
    return Status::Conflict("the request lost a race with concurrent changes; try again");
  }
  return last;
}

Status PooledDatabase::Ping() {
  return Transact(Mode::kRead, [](Tx& tx) { return tx.Query("SELECT 1").status(); });
}

}  // namespace storage
