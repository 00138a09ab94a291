// Time as an interface. Services ask a Clock for "now"; the pure domain takes dates as
// arguments and never calls a Clock. Tests use ManualClock and never sleep to move time.
#pragma once

#include <atomic>

#include "common/date.h"

namespace common {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current instant in UTC. Thread-safe.
  virtual Timestamp Now() const = 0;
};

// The operating system's real-time clock.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that stands still until told to move. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : micros_(start.micros) {}
  Timestamp Now() const override { return Timestamp{micros_.load()}; }
  void Set(Timestamp t) { micros_.store(t.micros); }
  void AdvanceMicros(int64_t d) { micros_.fetch_add(d); }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace common
