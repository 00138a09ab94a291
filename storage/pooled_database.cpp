#include "storage/pooled_database.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <thread>

namespace storage {

using common::Code;
using common::Result;
using common::Status;

PooledDatabase::~PooledDatabase() { CloseAll(); }

void PooledDatabase::CloseAll() {
  {
    std::lock_guard<std::mutex> lock(group_mu_);
    writer_.reset();
  }
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
  if (mode == Mode::kWrite && SerializeWrites()) return GroupWrite(fn);
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

struct PooledDatabase::PendingWrite {
  const std::function<Status(Tx&)>* fn;
  Status result;
  bool done = false;
  std::exception_ptr thrown;  // what fn threw: rethrown to its own caller, after the rollback
};

Status PooledDatabase::GroupWrite(const std::function<Status(Tx&)>& fn) {
  // A use case that lost a race (kRetry) is queued again, as Transact retries it.
  Status st;
  for (int attempt = 0; attempt < 6; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2 << attempt));
    st = GroupWriteOnce(fn);
    if (st.code() != Code::kRetry) return st;
  }
  return Status::Conflict("the request lost a race with concurrent changes; try again");
}

Status PooledDatabase::GroupWriteOnce(const std::function<Status(Tx&)>& fn) {
  PendingWrite me{&fn, Status::Ok(), false, nullptr};
  std::unique_lock<std::mutex> lock(group_mu_);
  queue_.push_back(&me);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.acquire_timeout_ms);
  while (!me.done && leading_) {
    if (group_cv_.wait_until(lock, deadline) == std::cv_status::timeout && !me.done && leading_) {
      auto it = std::find(queue_.begin(), queue_.end(), &me);
      if (it != queue_.end()) {  // not taken into a group yet: give up the turn
        queue_.erase(it);
        return Status::Unavailable("no write turn became free in time");
      }
      group_cv_.wait(lock, [&] { return me.done; });  // taken: its group decides
    }
  }
  if (me.done) {
    lock.unlock();
    if (me.thrown) std::rethrow_exception(me.thrown);
    return me.result;
  }
  leading_ = true;
  while (!me.done) {
    constexpr size_t kMaxGroup = 64;
    size_t n = std::min(queue_.size(), kMaxGroup);
    std::vector<PendingWrite*> group(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    RunGroup(group);
    lock.lock();
    for (PendingWrite* p : group) p->done = true;
    group_cv_.notify_all();
  }
  leading_ = false;
  group_cv_.notify_all();  // a queued writer takes the lead
  lock.unlock();
  if (me.thrown) std::rethrow_exception(me.thrown);
  return me.result;
}

void PooledDatabase::RunGroup(const std::vector<PendingWrite*>& group) {
  constexpr int kMaxAttempts = 6;
  auto fail_all = [&](const Status& st) {
    for (PendingWrite* p : group) p->result = st;
  };
  Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2 << attempt));
    // The group's connection is the writer (see writer_): only the leader touches it.
    if (!writer_) {
      auto connected = Connect();
      if (!connected.ok()) return fail_all(connected.status());
      writer_ = std::move(connected).value();
    }
    Connection* conn = writer_.get();
    Status st = conn->Begin(Mode::kWrite);
    bool any_ok = false;
    bool own_failure = false;  // st is the failure of the one use case (no savepoints)
    if (st.ok()) {
      // One use case alone needs no savepoint: its failure rolls the transaction back.
      const bool savepoints = group.size() > 1;
      for (PendingWrite* p : group) {
        if (savepoints) st = conn->Exec("SAVEPOINT use_case", {}).status();
        if (!st.ok()) break;
        Status own;
        p->thrown = nullptr;
        try {
          own = (*p->fn)(*conn);
        } catch (...) {
          p->thrown = std::current_exception();
          own = Status::Internal("the use case threw");
        }
        p->result = own;
        any_ok = any_ok || own.ok();
        if (savepoints) {
          if (!own.ok()) st = conn->Exec("ROLLBACK TO use_case", {}).status();
          if (st.ok()) st = conn->Exec("RELEASE use_case", {}).status();
          if (!st.ok()) break;
        } else if (!own.ok()) {
          st = own;  // roll back below; the use case's own status is its answer
          own_failure = true;
        }
      }
    }
    if (st.ok() && any_ok) {
      st = conn->Commit();
      if (st.ok()) return;  // each PendingWrite holds its own use case's status
    } else if (st.ok() || (own_failure && st.code() != Code::kRetry && !conn->broken())) {
      // Nothing to keep (every use case failed on its own): roll back; each keeps its status.
      conn->Rollback();
      return;
    }
    conn->Rollback();
    bool broken = conn->broken();
    if (broken) writer_.reset();  // the next attempt, or the next group, opens a fresh one
    last = st;
    if (st.code() == Code::kRetry) continue;  // another process held the lock: run it all again
    if (broken && attempt == 0) continue;     // a dead pooled connection: once more, fresh
    return fail_all(broken ? Status::Unavailable("the database connection broke during commit") : st);
  }
  fail_all(last.code() == Code::kRetry
               ? Status::Conflict("the request lost a race with concurrent changes; try again")
               : last);
}

Status PooledDatabase::Ping() {
  return Transact(Mode::kRead, [](Tx& tx) { return tx.Query("SELECT 1").status(); });
}

}  // namespace storage
