// Compiled by clang with -Wthread-safety -Werror (tests/CMakeLists.txt, the clang builds): with
// PROBE_BAD defined it must fail to compile (a guarded field written without its mutex, a REQUIRES
// function called without it), without it it must compile. So the analysis the sanitizer builds
// rely on is shown to be on and to bite, through the project's own annotations.
#include <condition_variable>

#include "common/thread_annotations.h"

class Counter {
 public:
  void Add() {
    common::MutexLock lock(mu_);
    AddLocked();
    cv_.notify_all();
  }
  void WaitPositive() {
    common::MutexLock lock(mu_);
    cv_.wait(lock.native(), [this]() REQUIRES(mu_) { return n_ > 0; });
  }
#ifdef PROBE_BAD
  void Racy() { n_ = 0; }
  void AlsoRacy() { AddLocked(); }
#endif

 private:
  void AddLocked() REQUIRES(mu_) { ++n_; }
  common::Mutex mu_;
  std::condition_variable cv_;
  int n_ GUARDED_BY(mu_) = 0;
};

int main() {
  Counter c;
  c.Add();
  c.WaitPositive();
  return 0;
}
