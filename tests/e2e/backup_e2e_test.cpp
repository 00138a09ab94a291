// registryctl backup and restore, end to end on each backend: a live registryd under write load
// is backed up, the backup is restored into a new place, and a registryd started there serves
// the same records under the same keys with an intact audit chain.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;
using testing_support::RegistrydProcess;
using testing_support::RunRegistryctl;
using testing_support::TestDatabase;

const char* kAdmin = "backup-e2e-admin-token-0123456789abcdef";

HttpResult Call(int port, const std::string& method, const std::string& target, const json& body = nullptr) {
  return Http(port, method, target, body.is_null() ? "" : body.dump(), {{"Authorization", std::string("Bearer ") + kAdmin}});
}

std::vector<json> AllVendors(int port) {
  std::vector<json> out;
  std::string cursor;
  for (;;) {
    json page = Call(port, "GET", "/v1/vendors?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (const auto& v : page["items"]) out.push_back(v);
    if (page["next_cursor"].is_null()) return out;
    cursor = page["next_cursor"];
  }
}

int Mode(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
}

class BackupE2eTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BackupE2eTest, ALiveRegistryBackedUpUnderLoadRestoresElsewhereWithItsKeysAndChain) {
  TestDatabase src(GetParam()), dst(GetParam());
  ASSERT_TRUE(src.ok()) << src.error();
  ASSERT_TRUE(dst.ok()) << dst.error();
  // No key in the environment: registryd generates the ID-hash and audit keys into files, as on a
  // real server, and the backup must carry them.
  std::string error;
  auto server = RegistrydProcess::Start(
      {src.url(), src.dir(), {"--demo", "--rate-limit=0"}, {{"REGISTRY_ADMIN_TOKEN", kAdmin}}}, &error);
  ASSERT_NE(server, nullptr) << error;
  const int port = server->port();
  std::vector<json> demo = AllVendors(port);
  ASSERT_EQ(demo.size(), 12u);
  // A practitioner whose ID number only the same hash key recognises again.
  const std::string person = testing_support::ValidIdNumber(77);
  HttpResult added = Call(port, "POST", "/v1/vendors/" + demo[0]["id"].get<std::string>() + "/practitioners",
                          {{"name", "备份测试人"}, {"id_number", person}});
  ASSERT_EQ(added.status, 201) << added.body;

  // Write load: vendors registering on four connections while the backup runs.
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<std::string> acknowledged_before_backup;
  std::atomic<bool> backup_started{false};
  std::atomic<int> written{0}, failed{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int n = 0; !stop; ++n) {
        HttpResult r = Http(port, "POST", "/v1/vendors",
                            json{{"name", "负载单位" + std::to_string(t) + "-" + std::to_string(n)},
                                 {"credit_code", testing_support::ValidCreditCode(100000 + t * 10000 + n)},
                                 {"enterprise_size", "small"}}
                                .dump());
        if (r.status != 201) {
          ++failed;
          continue;
        }
        ++written;
        if (!backup_started) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged_before_backup.insert(r.json()["vendor"]["id"]);
        }
      }
    });
  }
  while (written < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::string dest = src.dir() + "/backup-1";
  std::string out;
  backup_started = true;
  int rc = RunRegistryctl({"--storage=" + src.url(), "backup", dest}, {}, &out, src.dir());
  int written_at_backup_end = written;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the load goes on after it
  stop = true;
  for (auto& w : writers) w.join();
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(failed, 0);
  EXPECT_GT(written, written_at_backup_end) << "the load did not outlast the backup";
  EXPECT_NE(out.find("backed up " + std::string(GetParam() == "sqlite" ? "sqlite" : "mysql") + " registry"), std::string::npos)
      << out;
  EXPECT_NE(out.find("the audit chain key is not in the backup"), std::string::npos) << out;
  EXPECT_EQ(Mode(dest), 0700);
  for (const char* f : {"MANIFEST.json", "registry-id-hash.key"}) {
    EXPECT_EQ(Mode(dest + "/" + f), 0600) << f;
  }
  // A second backup into the same place is refused and leaves the first alone.
  EXPECT_EQ(RunRegistryctl({"--storage=" + src.url(), "backup", dest}, {}, &out, src.dir()), 1) << out;
  EXPECT_NE(out.find("not an empty directory"), std::string::npos) << out;

  // The audit key is not in the backup; the operator brings it from where it is kept apart.
  EXPECT_EQ(Mode(dest + "/registry-audit.key"), -1);
  rc = RunRegistryctl({"--storage=" + dst.url(), "restore", dest}, {}, &out, dst.dir());
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("holds no audit chain key"), std::string::npos) << out;
  {
    std::ifstream from(src.dir() + "/registry-audit.key");
    std::ofstream to(dst.dir() + "/registry-audit.key");
    to << from.rdbuf();
  }
  // Restore into the new place: its own working directory, where the keys are looked for.
  rc = RunRegistryctl({"--storage=" + dst.url(), "restore", dest}, {}, &out, dst.dir());
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("audit chain ok"), std::string::npos) << out;
  // Restoring again is refused: the database exists now.
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "restore", dest}, {}, &out, dst.dir()), 1) << out;

  auto restored = RegistrydProcess::Start({dst.url(), dst.dir(), {"--rate-limit=0"}, {}}, &error);
  ASSERT_NE(restored, nullptr) << error;
  // It started on the restored keys; it generated none.
  EXPECT_EQ(restored->log().find("generated the"), std::string::npos) << restored->log();
  const int rport = restored->port();
  json verify = Call(rport, "GET", "/v1/audit/verify").json();
  EXPECT_EQ(verify["ok"], true) << verify.dump();

  // Every record the backup holds is the original's, and everything acknowledged before the
  // backup began is in it.
  std::vector<json> got = AllVendors(rport);
  std::set<std::string> ids;
  for (const auto& v : got) {
    ids.insert(v["id"]);
    HttpResult original = Call(port, "GET", "/v1/vendors/" + v["id"].get<std::string>());
    ASSERT_EQ(original.status, 200);
    EXPECT_EQ(Call(rport, "GET", "/v1/vendors/" + v["id"].get<std::string>()).json(), original.json());
  }
  for (const auto& id : acknowledged_before_backup) EXPECT_EQ(ids.count(id), 1u) << id;
  EXPECT_GE(got.size(), 12u + acknowledged_before_backup.size());
  EXPECT_LT(got.size(), AllVendors(port).size()) << "writes after the backup must not be in it";
  for (const auto& v : demo) {
    std::string path = "/v1/vendors/" + v["id"].get<std::string>() + "/market-access?category=SYSTEM_INTEGRATION";
    EXPECT_EQ(Call(rport, "GET", path).json(), Call(port, "GET", path).json()) << path;
  }
  // The ID-number hash key came along: the same person is recognised as held.
  HttpResult again = Call(rport, "POST", "/v1/vendors/" + demo[1]["id"].get<std::string>() + "/practitioners",
                          {{"name", "备份测试人"}, {"id_number", person}});
  EXPECT_EQ(again.status, 409) << again.body;
  // registryctl agrees with the API about the restored chain.
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "verify-audit"}, {}, &out, dst.dir()), 0) << out;
  EXPECT_EQ(restored->Stop(SIGTERM), 0);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

TEST_P(BackupE2eTest, RestoreRefusesATamperedBackupAndADifferentKeyAndChangesNothing) {
  TestDatabase src(GetParam()), dst(GetParam());
  ASSERT_TRUE(src.ok()) << src.error();
  ASSERT_TRUE(dst.ok()) << dst.error();
  std::string out;
  ASSERT_EQ(RunRegistryctl({"--storage=" + src.url(), "migrate"}, {}, &out, src.dir()), 0) << out;
  // Backup needs the keys of a registry that has run; before that it says what is missing.
  EXPECT_EQ(RunRegistryctl({"--storage=" + src.url(), "backup", src.dir() + "/b0"}, {}, &out, src.dir()), 1) << out;
  EXPECT_NE(out.find("ID number hash key"), std::string::npos) << out;
  std::string error;
  auto server = RegistrydProcess::Start({src.url(), src.dir(), {"--demo"}, {{"REGISTRY_ADMIN_TOKEN", kAdmin}}}, &error);
  ASSERT_NE(server, nullptr) << error;
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  // Without the audit key: restore needs it given, and checks it is the chain's.
  std::string apart = src.dir() + "/b-apart";
  ASSERT_EQ(RunRegistryctl({"--storage=" + src.url(), "backup", apart}, {}, &out, src.dir()), 0) << out;
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "restore", apart},
                           {{"REGISTRY_AUDIT_KEY", "another-audit-chain-key-from-the-env-0123456789"}}, &out, dst.dir()),
            1)
      << out;
  EXPECT_NE(out.find("not the one this backup's chain is written under"), std::string::npos) << out;
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "schema-version"}, {}, &out, dst.dir()), 1)
      << "the refused restore wrote a database: " << out;

  // With the audit key in it (--with-audit-key=1): a different key where the restore would put
  // it, or in the environment, is refused and nothing is written.
  std::string dest = src.dir() + "/b1";
  ASSERT_EQ(RunRegistryctl({"--storage=" + src.url(), "backup", "--with-audit-key=1", dest}, {}, &out, src.dir()), 0)
      << out;
  EXPECT_EQ(Mode(dest + "/registry-audit.key"), 0600);
  {
    std::ofstream(dst.dir() + "/other-audit.key") << "a-different-audit-chain-key-0123456789abcdef\n";
  }
  std::vector<std::string> with_other = {"--storage=" + dst.url(), "--audit-key-file=" + dst.dir() + "/other-audit.key",
                                         "restore", dest};
  EXPECT_EQ(RunRegistryctl(with_other, {}, &out, dst.dir()), 1) << out;
  EXPECT_NE(out.find("holds a different audit chain key"), std::string::npos) << out;
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "schema-version"}, {}, &out, dst.dir()), 1)
      << "the refused restore wrote a database: " << out;
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "restore", dest},
                           {{"REGISTRY_AUDIT_KEY", "another-audit-chain-key-from-the-env-0123456789"}}, &out, dst.dir()),
            1)
      << out;
  EXPECT_NE(out.find("REGISTRY_AUDIT_KEY holds a different audit chain key"), std::string::npos) << out;

  // A changed byte in any file of the backup: refused before anything is written.
  std::string db_file = dest + (GetParam() == "sqlite" ? "/registry.db" : "/registry.sql");
  {
    std::ofstream f(db_file, std::ios::app | std::ios::binary);
    f << "\n";
  }
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "restore", dest}, {}, &out, dst.dir()), 1) << out;
  EXPECT_NE(out.find("SHA-256 differs"), std::string::npos) << out;
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "schema-version"}, {}, &out, dst.dir()), 1) << out;
  struct stat st;
  EXPECT_NE(::stat((dst.dir() + "/registry-audit.key").c_str(), &st), 0) << "a refused restore placed a key";
  // Not a backup at all.
  EXPECT_EQ(RunRegistryctl({"--storage=" + dst.url(), "restore", dst.dir()}, {}, &out, dst.dir()), 1) << out;
  EXPECT_NE(out.find("not a finished backup"), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

// The operator's command line: help on stdout, a clear word for every mistake, exit 2.
TEST(RegistryctlCommandLineTest, HelpVersionAndMistakes) {
  std::string out;
  EXPECT_EQ(RunRegistryctl({"--help"}, {}, &out), 0);
  for (const char* command : {"migrate", "verify-audit", "backup DEST", "restore SRC", "load-fixtures DIR",
                              "create-account", "list-accounts", "disable-account ID"}) {
    EXPECT_NE(out.find(std::string("  ") + command), std::string::npos) << command << "\n" << out;
  }
  EXPECT_EQ(RunRegistryctl({"--version"}, {}, &out), 0);
  EXPECT_EQ(out.rfind("registryctl ", 0), 0u) << out;
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{{{}, "no command given"},
                                         {{"frobnicate"}, "unknown command \"frobnicate\""},
                                         {{"migrate", "--workrs=2"}, "unknown flag --workrs for migrate"},
                                         {{"migrate", "--role=bureau"}, "unknown flag --role for migrate"},
                                         {{"backup"}, "backup takes one argument: DEST"},
                                         {{"migrate", "extra"}, "migrate takes no argument"},
                                         {{"migrate", "--storage"}, "a flag is --name=value"},
                                         {{"migrate", "--storage=a", "--storage=b"}, "--storage is given twice"}}) {
    EXPECT_EQ(RunRegistryctl(c.args, {}, &out), 2) << out;
    EXPECT_NE(out.find(c.says), std::string::npos) << out;
    EXPECT_NE(out.find("registryctl --help"), std::string::npos) << out;
  }
}

}  // namespace
