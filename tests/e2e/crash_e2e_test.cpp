// Issue 6, crash durability: registryd is killed with SIGKILL while clients write concurrently,
// then restarted on the same database, several rounds, on each backend. Two workloads: vendor
// registrations with qualifications; and sealed bids (submitted and replaced) alongside the
// bureau's listing decisions. Every acknowledged write must be there, nothing half-written may
// exist (each stored record has its audit entry), and the audit chain must verify.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "common/money.h"
#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;

const char* kAdmin = "crash-e2e-admin-token-0123456789";

// Every audit action recorded for one entity, following the cursor (pages hold 500 at most).
std::vector<std::string> AuditActions(int port, const std::string& type, const std::string& id) {
  const std::vector<std::pair<std::string, std::string>> admin = {{"Authorization", std::string("Bearer ") + kAdmin}};
  std::vector<std::string> actions;
  std::string cursor;
  do {
    json page = Http(port, "GET", "/v1/audit?limit=500&entity_type=" + type + "&entity_id=" + id +
                                      (cursor.empty() ? "" : "&cursor=" + cursor), "", admin).json();
    for (const auto& e : page["items"]) actions.push_back(e["action"]);
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  return actions;
}

class CrashTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<testing_support::TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok()) << tdb_->error();
  }
  std::unique_ptr<testing_support::RegistrydProcess> Start() {
    std::string error;
    std::map<std::string, std::string> env = {{"REGISTRY_ADMIN_TOKEN", kAdmin}, {"REGISTRY_RATE_LIMIT", "0"}};
    if (!clock_file_.empty()) env["REGISTRY_CLOCK_FILE"] = clock_file_;
    auto p = testing_support::RegistrydProcess::Start({tdb_->url(), tdb_->dir(), {}, env}, &error);
    EXPECT_NE(p, nullptr) << error;
    return p;
  }
  // Written aside and renamed, so registryd never reads a half-written clock.
  void SetClock(const std::string& t) {
    clock_file_ = tdb_->dir() + "/clock";
    { std::ofstream(clock_file_ + ".tmp") << t << "\n"; }
    std::rename((clock_file_ + ".tmp").c_str(), clock_file_.c_str());
  }
  std::string clock_file_;

  // Three rounds of: start registryd, run `clients` threads of client(port, c, stop) until
  // registryd is SIGKILLed a moment later (a little later each round), then join them.
  void KillRounds(int clients, const std::function<void(int, int, const std::atomic<bool>&)>& client) {
    for (int round = 0; round < 3; ++round) {
      auto server = Start();
      ASSERT_NE(server, nullptr);
      const int port = server->port();
      std::atomic<bool> stop{false};
      std::vector<std::thread> threads;
      for (int c = 0; c < clients; ++c) threads.emplace_back([&, c] { client(port, c, stop); });
      std::this_thread::sleep_for(std::chrono::milliseconds(400 + 150 * round));
      EXPECT_EQ(server->Stop(SIGKILL), 128 + SIGKILL);
      stop = true;
      for (auto& t : threads) t.join();
    }
  }
  std::unique_ptr<testing_support::TestDatabase> tdb_;
};

TEST_P(CrashTest, SigkillDuringConcurrentWritesLosesNothingAcknowledged) {
  std::mutex mu;
  std::set<std::string> acked_vendors;  // 201 answers
  std::set<std::string> acked_quals;    // vendor id of each acknowledged qualification
  int next_code = 1;
  const std::vector<std::pair<std::string, std::string>> admin = {{"Authorization", std::string("Bearer ") + kAdmin}};
  KillRounds(4, [&](int port, int, const std::atomic<bool>& stop) {
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
  ASSERT_FALSE(HasFatalFailure());

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
      EXPECT_FALSE(AuditActions(port, "vendor", id).empty()) << "vendor " << id << " has no audit entry";
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_GE(stored, acked_vendors.size());
  json verify = Http(port, "GET", "/v1/audit/verify", "", admin).json();
  EXPECT_EQ(verify["ok"], true) << verify.dump();
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

// Bids are the writes a tender deadline crowds together; listing decisions change who may bid.
// Each client owns its vendors and writes to them one request at a time, so after the last
// acknowledged write of a vendor at most one more (in flight at the kill) can have committed.
TEST_P(CrashTest, SigkillDuringBidsAndListingDecisionsLosesNothingAcknowledged) {
  SetClock("2026-12-01T02:00:00Z");
  const std::vector<std::pair<std::string, std::string>> admin = {{"Authorization", std::string("Bearer ") + kAdmin}};
  auto auth = [](const std::string& token) {
    return std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token}};
  };
  constexpr int kClients = 4, kBiddersPerClient = 2;
  struct Owned {
    std::string id, token;
    std::vector<std::string> prices;  // every price sent, in order
    int last_acked = -1;              // index into prices
    int acked = 0;                    // acknowledged submissions
    int64_t known_version = 0;        // the highest vendor version seen (decision vendors)
    std::string known_status;         // its status then
  };
  std::vector<Owned> bidders, decided;
  std::string officer, tender;
  {
    auto server = Start();
    ASSERT_NE(server, nullptr);
    int port = server->port();
    HttpResult acc = Http(port, "POST", "/v1/accounts", json({{"name", "采购处"}, {"role", "officer"}}).dump(), admin);
    ASSERT_EQ(acc.status, 201) << acc.body;
    officer = acc.json()["token"];
    for (int n = 1; n <= kClients * (kBiddersPerClient + 1); ++n) {
      HttpResult r = Http(port, "POST", "/v1/vendors",
                          json({{"name", "投标人" + std::to_string(n)}, {"credit_code", testing_support::ValidCreditCode(500 + n)},
                                {"enterprise_size", "small"}}).dump());
      ASSERT_EQ(r.status, 201) << r.body;
      Owned v{r.json()["vendor"]["id"], r.json()["token"], {}, -1, 0, 0, ""};
      ASSERT_EQ(Http(port, "POST", "/v1/vendors/" + v.id + "/qualifications",
                     json({{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "CS3-" + std::to_string(n)}, {"issuer", "x"},
                           {"issued_on", "2025-01-01"}, {"expires_on", "2028-12-31"}}).dump(), admin).status, 201);
      for (int k = 0; k < 2; ++k) {
        HttpResult p = Http(port, "POST", "/v1/vendors/" + v.id + "/practitioners",
                            json({{"name", "工程师"}, {"id_number", testing_support::ValidIdNumber(5000 + n * 10 + k)},
                                  {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "SI-" + std::to_string(n * 10 + k)},
                                                    {"issued_on", "2020-05-20"}}}}}).dump(), auth(v.token));
        ASSERT_EQ(p.status, 201) << p.body;
        ASSERT_EQ(Http(port, "POST", "/v1/practitioners/" + p.json().value("id", "") + "/decision",
                       json({{"decision", "approve"}}).dump(), admin).status, 200);
      }
      HttpResult listed = Http(port, "POST", "/v1/vendors/" + v.id + "/listing", json({{"decision", "list"}, {"reason", "ok"}}).dump(), admin);
      ASSERT_EQ(listed.status, 200) << listed.body;
      v.known_version = listed.json()["version"];
      v.known_status = "listed";
      (n <= kClients * kBiddersPerClient ? bidders : decided).push_back(v);
    }
    HttpResult t = Http(port, "POST", "/v1/tenders",
                        json({{"title", "崩溃测试集成项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
                              {"method", "lowest_price"}, {"min_valid_bids", 3}, {"bid_deadline", "2026-12-05T02:00:00Z"}}).dump(),
                        auth(officer));
    ASSERT_EQ(t.status, 201) << t.body;
    tender = t.json()["id"];
    ASSERT_EQ(Http(port, "POST", "/v1/tenders/" + tender + "/publish", "{}", auth(officer)).status, 200);
    EXPECT_EQ(server->Stop(SIGTERM), 0);
  }

  int seq = 0;  // makes every price unique: 500000.00 + seq fen
  std::mutex mu;
  KillRounds(kClients, [&](int port, int c, const std::atomic<bool>& stop) {
    Owned& d = decided[c];
    bool stale = false;  // after a failed decision, read the vendor before deciding again
    for (int i = 0; !stop.load(); ++i) {
      Owned& b = bidders[c * kBiddersPerClient + i % kBiddersPerClient];
      std::string price;
      {
        std::lock_guard<std::mutex> lock(mu);
        price = common::FormatMoney(common::Money::FromFen(50000000 + ++seq));
        b.prices.push_back(price);
      }
      int index = static_cast<int>(b.prices.size()) - 1;
      HttpResult r = Http(port, "POST", "/v1/tenders/" + tender + "/bids",
                          json({{"price", price}, {"domestic", i % 3 == 0}}).dump(), auth(b.token));
      if (r.status == 201) {
        b.last_acked = index;
        ++b.acked;
      }
      if (i % 4 != 3) continue;
      if (stale) {
        HttpResult now = Http(port, "GET", "/v1/vendors/" + d.id, "", admin);
        if (now.status != 200) continue;
        d.known_version = now.json()["version"];
        d.known_status = now.json()["status"];
        stale = false;
      }
      bool list = d.known_status != "listed";
      HttpResult dec = Http(port, "POST", "/v1/vendors/" + d.id + "/listing",
                            json({{"decision", list ? "list" : "delist"}, {"reason", "第" + std::to_string(i) + "次复核"}}).dump(),
                            admin);
      if (dec.status == 200) {
        d.known_version = dec.json()["version"];
        d.known_status = dec.json()["status"];
      } else {
        stale = true;
      }
    }
  });
  ASSERT_FALSE(HasFatalFailure());

  SetClock("2026-12-06T02:00:00Z");
  auto server = Start();
  ASSERT_NE(server, nullptr);
  int port = server->port();
  int total_acked = 0;
  for (const Owned& b : bidders) total_acked += b.acked;
  ASSERT_GT(total_acked, 10) << "the clients made too few bids to test anything";
  int64_t decisions = 0;
  for (const Owned& d : decided) decisions += d.known_version - 2;  // registration 1, first listing 2
  std::cout << "acknowledged " << total_acked << " bids; listing versions advanced by " << decisions << "\n";
  EXPECT_GT(decisions, 4) << "the clients made too few decisions to test anything";
  // Listing decisions: the stored state is the last one seen, or one decision later.
  for (const Owned& d : decided) {
    json v = Http(port, "GET", "/v1/vendors/" + d.id, "", admin).json();
    int64_t version = v["version"];
    EXPECT_GE(version, d.known_version) << "an acknowledged listing decision of " << d.id << " is lost";
    EXPECT_LE(version, d.known_version + 1) << d.id;
    if (version == d.known_version) {
      EXPECT_EQ(v["status"], d.known_status) << d.id;
    }
    size_t listings = 0;
    for (const std::string& action : AuditActions(port, "vendor", d.id)) {
      listings += action == "vendor.list" || action == "vendor.delist";
    }
    EXPECT_EQ(static_cast<int64_t>(listings), version - 1) << "listing decisions without their audit entries: " << d.id;
  }
  // Bids: open the tender and read each vendor's stored bid.
  HttpResult opened = Http(port, "POST", "/v1/tenders/" + tender + "/open", "{}", auth(officer));
  ASSERT_EQ(opened.status, 200) << opened.body;
  json bids = Http(port, "GET", "/v1/tenders/" + tender + "/bids", "", auth(officer)).json()["items"];
  std::map<std::string, json> by_vendor;
  for (const auto& b : bids) by_vendor[b["vendor_id"]] = b;
  for (const Owned& b : bidders) {
    if (b.last_acked < 0) continue;
    ASSERT_TRUE(by_vendor.count(b.id)) << "the acknowledged bid of " << b.id << " is lost";
    const json& stored = by_vendor[b.id];
    std::string price = stored["price"];
    auto pos = std::find(b.prices.begin(), b.prices.end(), price);
    ASSERT_NE(pos, b.prices.end()) << "a price never sent: " << price;
    EXPECT_GE(pos - b.prices.begin(), b.last_acked) << "an acknowledged replacement of " << b.id << " is lost";
    EXPECT_GE(stored["version"].get<int>(), b.acked) << b.id;
    size_t submissions = 0;
    for (const std::string& action : AuditActions(port, "bid", stored["id"].get<std::string>())) {
      submissions += action == "bid.submit" || action == "bid.replace";
    }
    EXPECT_EQ(static_cast<int>(submissions), stored["version"].get<int>()) << "bid versions without audit entries: " << b.id;
  }
  json verify = Http(port, "GET", "/v1/audit/verify", "", admin).json();
  EXPECT_EQ(verify["ok"], true) << verify.dump();
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
