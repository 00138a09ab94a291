// api::HttpServer's worker pools, over real loopback sockets: with write_workers > 0, requests
// that change state run on a pool of their own, so writers that wait (for SQLite's one writer,
// at a tender deadline) never hold a thread that a read needs, and more of them wait at once.
#include "api/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "support/registryd_process.h"

namespace {

using testing_support::Http;
using testing_support::HttpResult;

// A handler whose POSTs block until Release(); GETs answer at once.
class BlockingHandler {
 public:
  api::HttpResponse operator()(api::HttpRequest& req) {
    if (req.method == "POST") {
      std::unique_lock<std::mutex> lock(mu_);
      ++entered_;
      cv_.notify_all();
      cv_.wait(lock, [&] { return released_; });
    }
    api::HttpResponse r;
    r.status = 200;
    r.content_type = "text/plain";
    r.body = req.method;
    return r;
  }
  // Waits until `n` POSTs are inside the handler at once; false after timeout_ms.
  bool WaitEntered(int n, int timeout_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return entered_ >= n; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int entered_ = 0;
  bool released_ = false;
};

struct Server {
  Server(int workers, int write_workers) {
    api::HttpServer::Options o;
    o.port = 0;
    o.workers = workers;
    o.write_workers = write_workers;
    server = std::make_unique<api::HttpServer>(
        o, [this](api::HttpRequest& r) { return handler(r); },
        [](int status, const std::string&, const std::string& detail) {
          api::HttpResponse r;
          r.status = status;
          r.body = detail;
          return r;
        });
  }
  ~Server() {
    handler.Release();
    server->Stop(std::chrono::milliseconds(2000));
  }
  BlockingHandler handler;
  std::unique_ptr<api::HttpServer> server;
};

std::future<HttpResult> PostAsync(int port) {
  return std::async(std::launch::async, [port] { return Http(port, "POST", "/w", "{}", {}); });
}

TEST(HttpServerPoolsTest, BlockedWritersDoNotHoldTheReadWorkers) {
  Server s(/*workers=*/1, /*write_workers=*/3);
  ASSERT_TRUE(s.server->Start().ok());
  int port = s.server->port();
  std::vector<std::future<HttpResult>> posts;
  for (int i = 0; i < 3; ++i) posts.push_back(PostAsync(port));
  // All three writers are inside the handler at once: the write pool has three threads.
  ASSERT_TRUE(s.handler.WaitEntered(3, 5000));
  // The one read worker is free: a GET is answered while every writer waits.
  auto started = std::chrono::steady_clock::now();
  HttpResult get = Http(port, "GET", "/r", "", {});
  EXPECT_EQ(get.status, 200) << get.error;
  EXPECT_EQ(get.body, "GET");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  s.handler.Release();
  for (auto& p : posts) {
    HttpResult r = p.get();
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, "POST");
  }
}

TEST(HttpServerPoolsTest, WithoutAWritePoolBlockedWritersDelayReads) {
  // The contrast that shows the test above can fail: one shared pool of two threads, both
  // taken by blocked writers, answers no GET until they finish.
  Server s(/*workers=*/2, /*write_workers=*/0);
  ASSERT_TRUE(s.server->Start().ok());
  int port = s.server->port();
  std::vector<std::future<HttpResult>> posts;
  for (int i = 0; i < 2; ++i) posts.push_back(PostAsync(port));
  ASSERT_TRUE(s.handler.WaitEntered(2, 5000));
  auto get = std::async(std::launch::async, [port] { return Http(port, "GET", "/r", "", {}); });
  EXPECT_EQ(get.wait_for(std::chrono::milliseconds(500)), std::future_status::timeout)
      << "a GET was answered while every worker was held by a writer";
  s.handler.Release();
  EXPECT_EQ(get.get().status, 200);
  for (auto& p : posts) EXPECT_EQ(p.get().status, 200);
}

TEST(HttpServerPoolsTest, HeadAndOptionsAreReadsEveryOtherMethodIsAWrite) {
  Server s(/*workers=*/1, /*write_workers=*/1);
  ASSERT_TRUE(s.server->Start().ok());
  int port = s.server->port();
  auto post = PostAsync(port);
  ASSERT_TRUE(s.handler.WaitEntered(1, 5000));
  // The write pool's only thread is blocked; reads still pass.
  EXPECT_EQ(Http(port, "GET", "/r", "", {}).status, 200);
  EXPECT_EQ(Http(port, "HEAD", "/r", "", {}).status, 200);
  EXPECT_EQ(Http(port, "OPTIONS", "/r", "", {}).status, 200);
  // A PUT queues behind the blocked POST on the write pool.
  auto put = std::async(std::launch::async, [port] { return Http(port, "PUT", "/w", "{}", {}); });
  EXPECT_EQ(put.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  s.handler.Release();
  EXPECT_EQ(put.get().status, 200);
  EXPECT_EQ(post.get().status, 200);
}

}  // namespace
