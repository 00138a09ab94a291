#include "api/metrics.h"

#include <cstdio>

namespace api {

int Metrics::AddRoute(const std::string& method, const std::string& pattern, bool hidden) {
  auto r = std::make_unique<Route>();
  r->method = method;
  r->pattern = pattern;
  r->hidden = hidden;
  for (auto& s : r->by_status) s.store(nullptr);
  routes_.push_back(std::move(r));
  return static_cast<int>(routes_.size() - 1);
}

void Metrics::Observe(int route, int status, int64_t micros) {
  if (route < 0 || route >= static_cast<int>(routes_.size()) || status < 100 || status > 599) return;
  auto& slot = routes_[route]->by_status[status - 100];
  Series* s = slot.load(std::memory_order_acquire);
  if (!s) {
    common::MutexLock lock(mu_);
    s = slot.load(std::memory_order_acquire);
    if (!s) {
      owned_.push_back(std::make_unique<Series>());
      s = owned_.back().get();
      slot.store(s, std::memory_order_release);
    }
  }
  s->count.fetch_add(1, std::memory_order_relaxed);
  s->sum_micros.fetch_add(static_cast<uint64_t>(micros < 0 ? 0 : micros), std::memory_order_relaxed);
  double secs = static_cast<double>(micros) / 1e6;
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (secs <= kBucketsSeconds[i]) {
      s->buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;  // cumulative sums are made at render time
    }
  }
}

std::string Metrics::Render() const {
  std::string counts =
      "# HELP registry_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE registry_http_requests_total counter\n";
  std::string hist =
      "# HELP registry_http_request_duration_seconds Time from a request read to its response "
      "ready, by route and status.\n"
      "# TYPE registry_http_request_duration_seconds histogram\n";
  char buf[64];
  for (const auto& r : routes_) {
    if (r->hidden) continue;
    for (int st = 0; st < 500; ++st) {
      const Series* s = r->by_status[st].load(std::memory_order_acquire);
      if (!s) continue;
      std::string labels = "method=\"" + r->method + "\",route=\"" + r->pattern + "\",status=\"" +
                           std::to_string(st + 100) + "\"";
      uint64_t count = s->count.load(std::memory_order_relaxed);
      counts += "registry_http_requests_total{" + labels + "} " + std::to_string(count) + "\n";
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
        cumulative += s->buckets[i].load(std::memory_order_relaxed);
        std::snprintf(buf, sizeof buf, "%g", kBucketsSeconds[i]);
        hist += "registry_http_request_duration_seconds_bucket{" + labels + ",le=\"" + buf + "\"} " +
                std::to_string(cumulative) + "\n";
      }
      hist += "registry_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
              std::to_string(count) + "\n";
      std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(s->sum_micros.load()) / 1e6);
      hist += "registry_http_request_duration_seconds_sum{" + labels + "} " + buf + "\n";
      hist += "registry_http_request_duration_seconds_count{" + labels + "} " + std::to_string(count) + "\n";
    }
  }
  return counts + hist;
}

}  // namespace api
