// registryd over its own private MariaDB, which the test stops and starts again: while the
// database is down the service answers 503 problem documents and /readyz 503, stays up, and
// recovers by itself when the database returns, with nothing lost.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>

#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using testing_support::Http;
using testing_support::RegistrydProcess;

const char* kToken = "restart-admin-token-0123456789abcd";

class PrivateMariadb {
 public:
  PrivateMariadb() : dir_(testing_support::MakeTempDir()) {}
  ~PrivateMariadb() {
    Run("wipe");
    testing_support::RemoveTree(dir_);
  }
  int Run(const std::string& verb) {
    std::string cmd = "DB_PORT=" + std::to_string(kPort) + " DB_BASE=" + dir_ + "/db DB_NAME=restart " +
                      std::string(MARIADB_SCRIPT) + " " + verb + " >>" + dir_ + "/script.log 2>&1";
    return std::system(cmd.c_str());
  }
  std::string url() const {
    return "mysql://registry:registry_pw@127.0.0.1:" + std::to_string(kPort) + "/restart";
  }
  const std::string& dir() const { return dir_; }
  static constexpr int kPort = 33399;

 private:
  std::string dir_;
};

TEST(MysqlRestartTest, ServiceSurvivesADatabaseRestart) {
  PrivateMariadb db;
  ASSERT_EQ(db.Run("start"), 0) << "cannot start a private MariaDB; see " << db.dir() << "/script.log";
  std::string error;
  auto server = RegistrydProcess::Start({db.url(), db.dir(), {}, {{"REGISTRY_ADMIN_TOKEN", kToken}}}, &error);
  ASSERT_NE(server, nullptr) << error;
  const int port = server->port();
  auto auth = std::vector<std::pair<std::string, std::string>>{{"Authorization", std::string("Bearer ") + kToken}};

  auto created = Http(port, "POST", "/v1/accounts", R"({"name":"before the restart","role":"officer"})", auth);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string officer = created.json()["token"];
  ASSERT_EQ(Http(port, "GET", "/readyz").status, 200);
  int64_t entries = Http(port, "GET", "/v1/audit/verify", "", auth).json()["entries"];

  ASSERT_EQ(db.Run("stop"), 0);
  auto ready = Http(port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  auto me = Http(port, "GET", "/v1/me", "", auth);
  EXPECT_EQ(me.status, 503) << me.body;
  EXPECT_EQ(me.json().value("type", ""), "unavailable");
  EXPECT_EQ(me.header("retry-after"), "1");
  auto write = Http(port, "POST", "/v1/accounts", R"({"name":"during","role":"officer"})", auth);
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_EQ(Http(port, "GET", "/healthz").status, 200);  // the process is up

  ASSERT_EQ(db.Run("start"), 0);
  EXPECT_EQ(Http(port, "GET", "/readyz").status, 200);
  auto after = Http(port, "GET", "/v1/me", "", {{"Authorization", "Bearer " + officer}});
  EXPECT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.json()["name"], "before the restart");
  auto verify = Http(port, "GET", "/v1/audit/verify", "", auth).json();
  EXPECT_EQ(verify["ok"], true);
  EXPECT_EQ(verify["entries"], entries);  // the refused write left nothing

  EXPECT_EQ(server->Stop(SIGTERM), 0) << server->log();
}

}  // namespace
