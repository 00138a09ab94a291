#include "common/clock.h"

#include <chrono>

namespace common {

Timestamp SystemClock::Now() const {
  using namespace std::chrono;
  return Timestamp{duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()};
}

}  // namespace common
