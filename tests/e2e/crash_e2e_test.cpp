// Issue 6, crash durability: registryd is killed with SIGKILL while clients register vendors
// and record qualifications concurrently, then restarted on the same database, several rounds,
// on each backend. Every acknowledged write must be there, nothing half-written may exist
// (every stored vendor has its registration audit entry), and the audit chain must verify.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;

const char* kAdmin = "crash-e2e-admin-token-0123456789";

class CrashTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<testing_support::TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok()) << tdb_->error();
  }
  std::unique_ptr<testing_support::RegistrydProcess> Start() {
    std::string error;
    auto p = testing_support::RegistrydProcess::Start(
        {tdb_->url(), tdb_->dir(), {}, {{"REGISTRY_ADMIN_TOKEN", kAdmin}, {"REGISTRY_RATE_LIMIT", "0"}}}, &error);
    EXPECT_NE(p, nullptr) << error;
    return p;
  }
  std::unique_ptr<testing_support::TestDatabase> tdb_;
};

TEST_P(CrashTest, SigkillDuringConcurrentWritesLosesNothingAcknowledged) {
  std::mutex mu;
  std::set<std::string> acked_vendors;  // 201 answers
  std::set<std::string> acked_quals;    // vendor id of each acknowledged qualification
  int next_code = 1;
  const std::vector<std::pair<std::string, std::string>> admin = {{"Authorization", std::string("Bearer ") + kAdmin}};
  for (int round = 0; round < 3; ++round) {
    auto server = Start();
    ASSERT_NE(server, nullptr);
    int port = server->port();
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&] {
        while (!stop.load()) {
          int code;
          {
            std::lock_guard<std::mutex> lock(mu);
            code = next_code++;
          }
          HttpResult r = Http(port, "POST", "/v1/vendors",
                              json({{"name", "崩溃测试" + std::to_string(code)},
                                    {"credit_code", testing_support::ValidCreditCode(code)},
                                    {"enterprise_size", "small"}})
                                  .dump(),
                              {});
          if (r.status != 201) continue;  // refused or cut off by the kill: not acknowledged
          std::string id = r.json()["vendor"]["id"];
          {
            std::lock_guard<std::mutex> lock(mu);
            acked_vendors.insert(id);
          }
          HttpResult q = Http(port, "POST", "/v1/vendors/" + id + "/qualifications",
                              json({{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "K-" + std::to_string(code)},
                                    {"issuer", "x"}, {"issued_on", "2025-01-01"}, {"expires_on", "2028-12-31"}})
                                  .dump(),
                              admin);
          if (q.status == 201) {
            std::lock_guard<std::mutex> lock(mu);
            acked_quals.insert(id);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400 + 150 * round));
    EXPECT_EQ(server->Stop(SIGKILL), 128 + SIGKILL);
    stop = true;
    for (auto& t : clients) t.join();
  }

  auto server = Start();
  ASSERT_NE(server, nullptr);
  int port = server->port();
  ASSERT_GT(acked_vendors.size(), 10u) << "the clients made too few writes to test anything";
  for (const std::string& id : acked_vendors) {
    HttpResult v = Http(port, "GET", "/v1/vendors/" + id, "", admin);
    EXPECT_EQ(v.status, 200) << "acknowledged vendor " << id << " is lost";
  }
  for (const std::string& id : acked_quals) {
    json quals = Http(port, "GET", "/v1/vendors/" + id + "/qualifications", "", admin).json()["items"];
    EXPECT_EQ(quals.size(), 1u) << "acknowledged qualification of " << id << " is lost";
  }
  // Nothing half-written: every stored vendor has its registration entry in the audit log.
  std::string cursor;
  size_t stored = 0;
  do {
    json page = Http(port, "GET", "/v1/vendors?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), "", admin).json();
    for (const auto& v : page["items"]) {
      ++stored;
      std::string id = v["id"];
      json log = Http(port, "GET", "/v1/audit?entity_type=vendor&entity_id=" + id, "", admin).json()["items"];
      EXPECT_GE(log.size(), 1u) << "vendor " << id << " has no audit entry";
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_GE(stored, acked_vendors.size());
  json verify = Http(port, "GET", "/v1/audit/verify", "", admin).json();
  EXPECT_EQ(verify["ok"], true) << verify.dump();
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
