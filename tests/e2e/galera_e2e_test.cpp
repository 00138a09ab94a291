// Scale-out on a real cluster (issue 6, part 9): two registryd instances over a three-node
// MariaDB Galera cluster on loopback (scripts/galera.sh; REGISTRY_TEST_GALERA names the nodes).
// Instance A lists the nodes 1,2,3 and instance B 2,3,1, so they write through different nodes.
// What one instance writes, the other reads at once (causal reads, wsrep_sync_wait); a sanction
// written through B reaches A's market-access cache; and when node 1 — A's node — is killed
// under load from both instances, A fails over, both go on acknowledging writes, and no
// acknowledged write is lost. The node is brought back at the end (it rejoins by state transfer).
#include <gtest/gtest.h>

#include <chrono>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "storage/database.h"
#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;
using testing_support::RegistrydProcess;

const char* kAdmin = "galera-e2e-admin-token-0123456789";

int Galera(const std::string& verb) {
  return std::system((std::string(GALERA_SCRIPT) + " " + verb + " >/dev/null 2>&1").c_str());
}

// "mysql://u:p@h1,h2,h3/db" -> the same with the hosts rotated left by one.
std::string RotateHosts(const std::string& url) {
  size_t at = url.rfind('@'), slash = url.find('/', at);
  std::string hosts = url.substr(at + 1, slash - at - 1);
  size_t comma = hosts.find(',');
  return url.substr(0, at + 1) + hosts.substr(comma + 1) + "," + hosts.substr(0, comma) + url.substr(slash);
}

class GaleraTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Galera("start"), 0) << "scripts/galera.sh start failed";
    tdb_ = std::make_unique<testing_support::TestDatabase>("galera");
    ASSERT_TRUE(tdb_->ok()) << tdb_->error();
  }
  void TearDown() override {
    // Whatever happened, leave the cluster whole for the next run.
    EXPECT_EQ(Galera("start"), 0);
  }
  std::unique_ptr<RegistrydProcess> Start(const std::string& url) {
    std::string error;
    auto p = RegistrydProcess::Start({url, tdb_->dir(), {},
                                      {{"REGISTRY_ADMIN_TOKEN", kAdmin}, {"REGISTRY_RATE_LIMIT", "0"},
                                       {"REGISTRY_ID_HASH_KEY", "galera-shared-id-hash-key-01"},
                                       {"REGISTRY_AUDIT_KEY", testing_support::kAuditKey}}},
                                     &error);
    EXPECT_NE(p, nullptr) << error;
    return p;
  }
  std::unique_ptr<testing_support::TestDatabase> tdb_;
};

const std::vector<std::pair<std::string, std::string>> kAuth = {{"Authorization", std::string("Bearer ") + kAdmin}};

HttpResult Register(int port, int code) {
  return Http(port, "POST", "/v1/vendors",
              json({{"name", "集群测试" + std::to_string(code)}, {"credit_code", testing_support::ValidCreditCode(code)},
                    {"enterprise_size", "small"}}).dump());
}

// Accounts issue: a revocation through one instance holds on the other at once. B has used
// (and cached) the officer's token, A disables the account, and B's very next request — sent
// as soon as A answered, well within the same second — is refused; the same for a rotated token.
TEST_F(GaleraTest, RevocationThroughOneInstanceIsRefusedOnTheOtherAtOnce) {
  auto a = Start(tdb_->url());
  ASSERT_NE(a, nullptr);
  auto b = Start(RotateHosts(tdb_->url()));
  ASSERT_NE(b, nullptr);
  HttpResult made = Http(a->port(), "POST", "/v1/accounts", R"({"name":"集群采购员","role":"officer"})", kAuth);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"], token = made.json()["token"];
  const std::vector<std::pair<std::string, std::string>> as_officer = {{"Authorization", "Bearer " + token}};
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Http(b->port(), "GET", "/v1/me", "", as_officer).status, 200);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(Http(a->port(), "POST", "/v1/accounts/" + id + "/disable", R"({"reason":"离职"})", kAuth).status, 200);
  EXPECT_EQ(Http(b->port(), "GET", "/v1/me", "", as_officer).status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));

  ASSERT_EQ(Http(b->port(), "POST", "/v1/accounts/" + id + "/enable", R"({"reason":"返岗"})", kAuth).status, 200);
  EXPECT_EQ(Http(a->port(), "GET", "/v1/me", "", as_officer).status, 200);
  HttpResult rotated = Http(b->port(), "POST", "/v1/accounts/" + id + "/token", "{}", kAuth);
  ASSERT_EQ(rotated.status, 201) << rotated.body;
  EXPECT_EQ(Http(a->port(), "GET", "/v1/me", "", as_officer).status, 401);
  const std::string fresh = rotated.json()["token"];
  EXPECT_EQ(Http(a->port(), "GET", "/v1/me", "", {{"Authorization", "Bearer " + fresh}}).status, 200);
}

TEST_F(GaleraTest, TwoInstancesShareTheClusterAndSurviveANodeKilledUnderLoad) {
  auto a = Start(tdb_->url());
  ASSERT_NE(a, nullptr);
  auto b = Start(RotateHosts(tdb_->url()));
  ASSERT_NE(b, nullptr);
  const int pa = a->port(), pb = b->port();

  // Written through A, read through B at once; and the other way round.
  HttpResult reg = Register(pa, 9001);
  ASSERT_EQ(reg.status, 201) << reg.body;
  std::string vendor = reg.json()["vendor"]["id"];
  ASSERT_EQ(Http(pa, "POST", "/v1/vendors/" + vendor + "/qualifications",
                 json({{"type", "CS"}, {"level", "CS3"}, {"certificate_no", "G-1"}, {"issuer", "x"},
                       {"issued_on", "2025-01-01"}, {"expires_on", "2028-12-31"}}).dump(), kAuth).status, 201);
  for (int k = 0; k < 2; ++k) {  // SYSTEM_INTEGRATION also asks for two 系统集成项目管理工程师
    ASSERT_EQ(Http(pa, "POST", "/v1/vendors/" + vendor + "/practitioners",
                   json({{"name", "工程师"}, {"id_number", testing_support::ValidIdNumber(900 + k)},
                         {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "GSI-" + std::to_string(k)},
                                           {"issued_on", "2020-05-20"}}}}}).dump(), kAuth).status, 201);
  }
  EXPECT_EQ(Http(pb, "GET", "/v1/vendors/" + vendor, "", kAuth).status, 200);
  EXPECT_EQ(Http(pb, "GET", "/v1/vendors/" + vendor + "/qualifications", "", kAuth).json()["items"].size(), 1u);
  HttpResult listed = Http(pb, "POST", "/v1/vendors/" + vendor + "/listing", json({{"decision", "list"}, {"reason", "ok"}}).dump(), kAuth);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Http(pa, "GET", "/v1/vendors/" + vendor, "", kAuth).json()["status"], "listed");
  // Market access is cached per instance: a sanction written through B must reach A's cache.
  const std::string access = "/v1/vendors/" + vendor + "/market-access?category=SYSTEM_INTEGRATION";
  EXPECT_EQ(Http(pa, "GET", access, "", kAuth).json()["eligible"], true);
  ASSERT_EQ(Http(pb, "POST", "/v1/vendors/" + vendor + "/sanctions",
                 json({{"kind", "debarment"}, {"reason", "提供虚假材料"}, {"starts_on", "2025-01-01"}, {"ends_on", "2099-01-01"}}).dump(),
                 kAuth).status, 201);
  EXPECT_EQ(Http(pa, "GET", access, "", kAuth).json()["eligible"], false);

  // Load through both instances; node 1 (A's) is killed after a while.
  std::mutex mu;
  std::set<std::string> acked;
  std::atomic<int> next{10000}, acked_after_kill_a{0}, acked_after_kill_b{0}, errors_5xx{0};
  std::atomic<bool> killed{false}, stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    int port = c % 2 ? pb : pa;
    clients.emplace_back([&, port] {
      while (!stop.load()) {
        HttpResult r = Register(port, next++);
        if (r.status == 201) {
          std::lock_guard<std::mutex> lock(mu);
          acked.insert(r.json()["vendor"]["id"].get<std::string>());
          if (killed.load()) (port == pa ? acked_after_kill_a : acked_after_kill_b)++;
        } else if (r.status >= 500) {
          ++errors_5xx;
          // What a client sees while the cluster reconfigures: a 503 problem document, never a 500.
          EXPECT_EQ(r.status, 503) << r.body;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(Galera("kill 1"), 0);
  killed = true;
  // Galera evicts the dead node after its suspect timeout (5 s); give the load time beyond it.
  std::this_thread::sleep_for(std::chrono::milliseconds(9000));
  stop = true;
  for (auto& t : clients) t.join();
  std::cout << acked.size() << " registrations acknowledged; after the kill " << acked_after_kill_a << " through A, "
            << acked_after_kill_b << " through B; " << errors_5xx << " answered 503\n";
  EXPECT_GT(acked_after_kill_a.load(), 20) << "A did not go on after its database node died";
  EXPECT_GT(acked_after_kill_b.load(), 20);

  // Nothing acknowledged is lost, seen through either instance.
  for (const std::string& id : acked) {
    EXPECT_EQ(Http(pa, "GET", "/v1/vendors/" + id, "", kAuth).status, 200) << id;
    EXPECT_EQ(Http(pb, "GET", "/v1/vendors/" + id, "", kAuth).status, 200) << id;
  }
  json verify = Http(pb, "GET", "/v1/audit/verify", "", kAuth).json();
  EXPECT_EQ(verify["ok"], true) << verify.dump();
  EXPECT_EQ(Http(pa, "GET", "/readyz").status, 200);

  // Node 1 comes back and catches up; A keeps working throughout.
  ASSERT_EQ(Galera("start"), 0);
  HttpResult after = Register(pa, 9002);
  EXPECT_EQ(after.status, 201) << after.body;
  EXPECT_EQ(a->Stop(SIGTERM), 0) << a->log();
  EXPECT_EQ(b->Stop(SIGTERM), 0) << b->log();
}

// The storage layer itself, through two nodes at once: read-modify-write transactions that
// conflict on one row. Galera refuses the loser at COMMIT (certification, error 1213); the pool
// must see that and retry, so the counter ends at exactly the number of acknowledged increments.
// While COMMIT went through Connector/C++'s commit(), which reports such a refusal as success,
// increments were acknowledged and lost.
TEST_F(GaleraTest, ConflictingCommitsThroughTwoNodesAreRetriedNeverLost) {
  auto cfg = storage::ParseMysqlUrl(tdb_->url());
  ASSERT_TRUE(cfg.ok());
  ASSERT_EQ(cfg->hosts.size(), 3u);
  auto node_url = [&](size_t i) {
    return "mysql://" + cfg->user + ":" + cfg->password + "@" + cfg->hosts[i].host + ":" +
           std::to_string(cfg->hosts[i].port) + "/" + cfg->database;
  };
  storage::Database::Options opts;
  opts.pool_size = 2;
  auto n1 = storage::OpenDatabase(node_url(0), opts);
  auto n2 = storage::OpenDatabase(node_url(1), opts);
  ASSERT_TRUE(n1.ok() && n2.ok());
  ASSERT_TRUE((*n1)->Transact(storage::Database::Mode::kWrite, [](storage::Tx& tx) -> common::Status {
    RETURN_IF_ERROR(tx.ExecOnce("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)"));
    return tx.Exec("INSERT INTO counter VALUES (1, 0)").status();
  }).ok());
  std::atomic<int> acknowledged{0}, refused{0};
  auto increment = [&](storage::Database* db) {
    for (int i = 0; i < 150; ++i) {
      common::Status st = db->Transact(storage::Database::Mode::kWrite, [](storage::Tx& tx) -> common::Status {
        ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT n FROM counter WHERE id = 1 FOR UPDATE"));
        return tx.Exec("UPDATE counter SET n = ? WHERE id = 1", {rows.at(0).Int(0) + 1}).status();
      });
      (st.ok() ? acknowledged : refused)++;
    }
  };
  std::vector<std::thread> writers;
  for (int k = 0; k < 2; ++k) {
    writers.emplace_back(increment, n1->get());
    writers.emplace_back(increment, n2->get());
  }
  for (auto& t : writers) t.join();
  int64_t n = -1;
  ASSERT_TRUE((*n2)->Transact(storage::Database::Mode::kRead, [&](storage::Tx& tx) -> common::Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT n FROM counter WHERE id = 1"));
    n = rows.at(0).Int(0);
    return common::Status::Ok();
  }).ok());
  std::cout << acknowledged << " increments acknowledged, " << refused << " refused after retries\n";
  EXPECT_GT(acknowledged.load(), 300);
  EXPECT_EQ(n, acknowledged.load()) << "acknowledged increments were lost";
}

}  // namespace
