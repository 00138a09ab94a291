// Request metrics in Prometheus text format: a counter and a latency histogram per
// (route, status). Routes are registered once at start-up; after that, Observe() is lock-free
// (atomics only) except the first time a route sees a new status code.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/thread_annotations.h"

namespace api {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBucketsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

  // Declares a route ("GET /v1/me"); returns its index for Observe. Not thread-safe: call
  // before serving. A `hidden` route is observed but never rendered: the routes of sealed bids,
  // whose counts would tell how many bids an open tender has received (docs/security.md).
  int AddRoute(const std::string& method, const std::string& pattern, bool hidden = false);
  // Thread-safe.
  void Observe(int route, int status, int64_t micros);
  std::string Render() const;

 private:
  struct Series {
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
    std::array<std::atomic<uint64_t>, kBucketsSeconds.size()> buckets{};
  };
  struct Route {
    std::string method;
    std::string pattern;
    bool hidden = false;
    // Indexed by status - 100; allocated on first use.
    std::array<std::atomic<Series*>, 500> by_status{};
    Route() = default;
  };
  std::vector<std::unique_ptr<Route>> routes_;
  mutable common::Mutex mu_;  // guards owned_ and slot creation only
  std::vector<std::unique_ptr<Series>> owned_ GUARDED_BY(mu_);
};

}  // namespace api
