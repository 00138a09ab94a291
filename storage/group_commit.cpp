#include "storage/group_commit.h"

#include <algorithm>
#include <exception>

namespace storage {

using common::Code;
using common::Status;

void GroupCommit::Close() {
  common::MutexLock lock(mu_);
  writer_.reset();
}

Attempt GroupCommit::WriteOnce(const std::function<Status(Tx&)>& fn) {
  Pending me{&fn, Attempt{}, false, nullptr};
  common::MutexLock lock(mu_);
  queue_.push_back(&me);
  const auto deadline = std::chrono::steady_clock::now() + turn_timeout_;
  while (!me.done && leading_) {
    if (cv_.wait_until(lock.native(), deadline) == std::cv_status::timeout && !me.done && leading_) {
      auto it = std::find(queue_.begin(), queue_.end(), &me);
      if (it != queue_.end()) {  // not taken into a group yet: give up the turn
        queue_.erase(it);
        return Attempt{Status::Unavailable("no write turn became free in time")};
      }
      while (!me.done) cv_.wait(lock.native());  // taken: its group decides
    }
  }
  if (!me.done) {
    // Lead: run groups from the queue until our own use case has run.
    leading_ = true;
    while (!me.done) {
      size_t n = std::min(queue_.size(), kMaxGroup);
      std::vector<Pending*> group(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      lock.Unlock();
      RunGroup(group);
      lock.Lock();
      for (Pending* p : group) p->done = true;
      cv_.notify_all();
    }
    leading_ = false;
    cv_.notify_all();  // a queued writer takes the lead
  }
  lock.Unlock();
  if (me.thrown) std::rethrow_exception(me.thrown);
  return me.result;
}

void GroupCommit::RunGroup(const std::vector<Pending*>& group) {
  auto fail_all = [&](const Status& st, bool before_commit) {
    for (Pending* p : group) p->result = Attempt{st, before_commit};
  };
  if (!writer_) {
    auto connected = connect_();
    if (!connected.ok()) return fail_all(connected.status(), false);
    writer_ = std::move(connected).value();
  }
  Connection* conn = writer_.get();
  Status st = conn->Begin(Database::Mode::kWrite);
  bool any_ok = false;
  bool own_failure = false;  // st is the failure of the one use case (no savepoints)
  if (st.ok()) {
    // One use case alone needs no savepoint: its failure rolls the transaction back.
    const bool savepoints = group.size() > 1;
    for (Pending* p : group) {
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
      p->result = Attempt{own, false};
      any_ok = any_ok || own.ok();
      if (savepoints) {
        if (!own.ok()) st = conn->Exec("ROLLBACK TO use_case", {}).status();
        if (st.ok()) st = conn->Exec("RELEASE use_case", {}).status();
        if (!st.ok()) break;
      } else if (!own.ok()) {
        st = own;  // rolled back below; the use case's own status is its answer
        own_failure = true;
      }
    }
  }
  if (st.ok() && any_ok) {
    st = conn->Commit();
    if (st.ok()) return;  // each Pending holds its own use case's status
    const bool broken = conn->broken();
    conn->Rollback();
    if (broken) {
      writer_.reset();  // the next group opens a fresh one
      return fail_all(Status::Unavailable("the database connection broke during commit"), false);
    }
    return fail_all(st, false);  // kRetry: each use case runs again from its own retry loop
  }
  if (st.ok() || (own_failure && st.code() != Code::kRetry && !conn->broken())) {
    // Nothing to keep (every use case failed on its own): roll back; each keeps its status.
    conn->Rollback();
    return;
  }
  conn->Rollback();
  const bool broken = conn->broken();
  if (broken) writer_.reset();
  fail_all(st, broken);
}

}  // namespace storage
