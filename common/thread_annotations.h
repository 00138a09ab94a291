// Lock rules the compiler checks: Clang's thread-safety analysis (-Wthread-safety, on in every
// clang build and an error there: the sanitizer builds in CI). A field marked GUARDED_BY(mu_) may
// be read or written only with mu_ held; a function marked REQUIRES(mu_) only be called with it
// held. GCC ignores the attributes (the macros are empty), so the rules are checked by the clang
// builds, not by the default one.
//
// std::mutex carries no annotations in libstdc++, so the guarded code locks these wrappers:
//   common::Mutex mu_;                      common::MutexLock lock(mu_);
//   int n_ GUARDED_BY(mu_) = 0;             cv_.wait(lock.native(), [&]() REQUIRES(mu_) { return n_ > 0; });
// A condition variable waits on lock.native() (the std::unique_lock underneath); a predicate that
// reads guarded fields says REQUIRES(mu_) (it runs with the mutex held).
#pragma once

#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define REGISTRY_THREAD_ATTRIBUTE(x) __attribute__((x))
#else
#define REGISTRY_THREAD_ATTRIBUTE(x)
#endif

#define CAPABILITY(x) REGISTRY_THREAD_ATTRIBUTE(capability(x))
#define SCOPED_CAPABILITY REGISTRY_THREAD_ATTRIBUTE(scoped_lockable)
#define GUARDED_BY(x) REGISTRY_THREAD_ATTRIBUTE(guarded_by(x))
#define PT_GUARDED_BY(x) REGISTRY_THREAD_ATTRIBUTE(pt_guarded_by(x))
#define REQUIRES(...) REGISTRY_THREAD_ATTRIBUTE(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) REGISTRY_THREAD_ATTRIBUTE(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) REGISTRY_THREAD_ATTRIBUTE(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) REGISTRY_THREAD_ATTRIBUTE(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) REGISTRY_THREAD_ATTRIBUTE(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) REGISTRY_THREAD_ATTRIBUTE(release_shared_capability(__VA_ARGS__))
#define EXCLUDES(...) REGISTRY_THREAD_ATTRIBUTE(locks_excluded(__VA_ARGS__))

namespace common {

class CAPABILITY("mutex") Mutex {
 public:
  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  std::mutex& native() { return mu_; }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope. Unlock()/Lock() release and take it again inside the scope (for a
// call that must run without it).
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : lock_(mu.native()) {}
  ~MutexLock() RELEASE() {}
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;
  void Unlock() RELEASE() { lock_.unlock(); }
  void Lock() ACQUIRE() { lock_.lock(); }
  // For std::condition_variable.
  std::unique_lock<std::mutex>& native() { return lock_; }

 private:
  std::unique_lock<std::mutex> lock_;
};

class CAPABILITY("shared mutex") SharedMutex {
 public:
  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  void lock_shared() ACQUIRE_SHARED() { mu_.lock_shared(); }
  void unlock_shared() RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

class SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu) ACQUIRE_SHARED(mu) : mu_(mu) { mu_.lock_shared(); }
  ~ReaderLock() RELEASE() { mu_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

class SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~WriterLock() RELEASE() { mu_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mu_;
};

}  // namespace common
