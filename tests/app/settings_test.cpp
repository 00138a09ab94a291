#include "app/settings.h"

#include <gtest/gtest.h>

#include <fstream>

#include "storage/database.h"
#include "support/test_db.h"

namespace app {
namespace {

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing_support::MakeTempDir(); }
  void TearDown() override { testing_support::RemoveTree(dir_); }
  std::function<const char*(const char*)> Env() {
    return [this](const char* name) -> const char* {
      auto it = env_.find(name);
      return it == env_.end() ? nullptr : it->second.c_str();
    };
  }
  std::string dir_;
  std::map<std::string, std::string> env_;
};

TEST_F(SettingsTest, DefaultsMatchTheContract) {
  auto s = ResolveSettings({}, Env());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->storage, "sqlite:./registry.db");
  EXPECT_EQ(s->port, 8080);
  EXPECT_EQ(s->bind, "127.0.0.1");
  EXPECT_EQ(s->sqlite_synchronous, "FULL");
  EXPECT_EQ(s->rate_limit, 60);
  env_["REGISTRY_RATE_LIMIT"] = "0";
  EXPECT_EQ(ResolveSettings({}, Env())->rate_limit, 0);
  env_["REGISTRY_RATE_LIMIT"] = "-1";
  EXPECT_FALSE(ResolveSettings({}, Env()).ok());
}

// The testing hook is a setting like the others (read once, here), not a getenv elsewhere.
TEST_F(SettingsTest, TheClockFileComesFromTheEnvironmentOnly) {
  EXPECT_EQ(ResolveSettings({}, Env())->clock_file, "");
  env_["REGISTRY_CLOCK_FILE"] = dir_ + "/clock";
  EXPECT_EQ(ResolveSettings({}, Env())->clock_file, dir_ + "/clock");
}

TEST_F(SettingsTest, FlagBeatsEnvBeatsFile) {
  std::string file = dir_ + "/registry.properties";
  std::ofstream(file) << "storage = sqlite:/from/file.db\nport = 7000\nbind = 0.0.0.0\nworkers = 3\n";
  auto s = ResolveSettings({{"config", file}}, Env());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->storage, "sqlite:/from/file.db");
  EXPECT_EQ(s->port, 7000);
  EXPECT_EQ(s->workers, 3);
  env_["REGISTRY_PORT"] = "7100";
  env_["REGISTRY_STORAGE"] = "sqlite:/from/env.db";
  s = ResolveSettings({{"config", file}}, Env());
  EXPECT_EQ(s->port, 7100);
  EXPECT_EQ(s->storage, "sqlite:/from/env.db");
  EXPECT_EQ(s->bind, "0.0.0.0");
  s = ResolveSettings({{"config", file}, {"port", "7200"}}, Env());
  EXPECT_EQ(s->port, 7200);
}

TEST_F(SettingsTest, WriteWorkersDefaultToSixteenAndZeroSharesThePool) {
  EXPECT_EQ(ResolveSettings({}, Env())->write_workers, 16);
  EXPECT_EQ(ResolveSettings({{"write-workers", "0"}}, Env())->write_workers, 0);
  env_["REGISTRY_WRITE_WORKERS"] = "32";
  EXPECT_EQ(ResolveSettings({}, Env())->write_workers, 32);
  EXPECT_EQ(ResolveSettings({{"write-workers", "8"}}, Env())->write_workers, 8);
  env_["REGISTRY_WRITE_WORKERS"] = "-1";
  EXPECT_NE(ResolveSettings({}, Env()).status().message().find("write_workers"), std::string::npos);
  EXPECT_FALSE(ResolveSettings({{"write-workers", "257"}}, Env()).ok());
}

TEST_F(SettingsTest, IniFilesUseARegistrySection) {
  std::string file = dir_ + "/registry.ini";
  std::ofstream(file) << "[registry]\nport = 9001\nlog_level = debug\n";
  auto s = ResolveSettings({{"config", file}}, Env());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->port, 9001);
  EXPECT_EQ(s->log_level, "debug");
}

TEST_F(SettingsTest, BadValuesAreRefusedWithTheirName) {
  EXPECT_NE(ResolveSettings({{"port", "70000"}}, Env()).status().message().find("port"), std::string::npos);
  EXPECT_NE(ResolveSettings({{"port", "80x"}}, Env()).status().message().find("port"), std::string::npos);
  EXPECT_NE(ResolveSettings({{"workers", "0"}}, Env()).status().message().find("workers"), std::string::npos);
  EXPECT_NE(ResolveSettings({{"log-level", "loud"}}, Env()).status().message().find("log_level"), std::string::npos);
  EXPECT_NE(ResolveSettings({{"config", dir_ + "/missing.properties"}}, Env()).status().message().find("config"),
            std::string::npos);
  env_["REGISTRY_SQLITE_SYNCHRONOUS"] = "OFF";
  EXPECT_FALSE(ResolveSettings({}, Env()).ok());
}

TEST_F(SettingsTest, AdminTokenComesOnlyFromTheEnvironment) {
  env_["REGISTRY_ADMIN_TOKEN"] = "secret-token-value-0123456789abcdef";
  auto s = ResolveSettings({}, Env());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->admin_token, "secret-token-value-0123456789abcdef");
}

TEST_F(SettingsTest, ShortSecretsAreRefusedAtStart) {
  env_["REGISTRY_ADMIN_TOKEN"] = std::string(31, 'a');
  auto s = ResolveSettings({}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("REGISTRY_ADMIN_TOKEN"), std::string::npos);
  env_["REGISTRY_ADMIN_TOKEN"] = std::string(32, 'a');
  EXPECT_TRUE(ResolveSettings({}, Env()).ok());
  env_["REGISTRY_METRICS_TOKEN"] = "short";
  EXPECT_NE(ResolveSettings({}, Env()).status().message().find("REGISTRY_METRICS_TOKEN"), std::string::npos);
  env_["REGISTRY_METRICS_TOKEN"] = std::string(40, 'm');
  auto ok = ResolveSettings({}, Env());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->metrics_token, std::string(40, 'm'));
  env_["REGISTRY_COOKIE_SECURE"] = "yes";
  EXPECT_NE(ResolveSettings({}, Env()).status().message().find("cookie_secure"), std::string::npos);
  env_["REGISTRY_COOKIE_SECURE"] = "1";
  EXPECT_TRUE(ResolveSettings({}, Env())->cookie_secure);
}

TEST_F(SettingsTest, DatabasePasswordFromAFileOrTheEnvironment) {
  // Any byte a password may hold, ':' and '@' included, reaches the driver unchanged.
  const std::string password = "p@ss:w0rd/#?";
  std::string file = dir_ + "/db.password";
  std::ofstream(file) << password << "\n";
  auto s = ResolveSettings({{"storage", "mysql://registry@db1:3306,db2/registry"}, {"db-password-file", file}}, Env());
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto cfg = storage::ParseMysqlUrl(s->storage);
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->user, "registry");
  EXPECT_EQ(cfg->password, password);
  ASSERT_EQ(cfg->hosts.size(), 2u);
  EXPECT_EQ(cfg->hosts[1].host, "db2");
  EXPECT_EQ(cfg->database, "registry");
  EXPECT_EQ(storage::RedactUrl(s->storage).find(password), std::string::npos);

  env_["REGISTRY_DB_PASSWORD_FILE"] = file;  // the same through the environment
  s = ResolveSettings({{"storage", "mysql://registry@db1/registry"}}, Env());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(storage::ParseMysqlUrl(s->storage)->password, password);
  env_["REGISTRY_DB_PASSWORD"] = "from-env";  // the variable itself wins over a file
  s = ResolveSettings({{"storage", "mysql://registry@db1/registry"}}, Env());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(storage::ParseMysqlUrl(s->storage)->password, "from-env");
}

TEST_F(SettingsTest, DatabasePasswordMistakesAreRefusedWithoutEchoingIt) {
  std::string file = dir_ + "/db.password";
  std::ofstream(file) << "hunter2-secret\n";
  auto conflict = ResolveSettings({{"storage", "mysql://registry:other@db1/registry"}, {"db-password-file", file}}, Env());
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().errors().at(0).code, "conflict");
  auto sqlite = ResolveSettings({{"storage", "sqlite:x.db"}, {"db-password-file", file}}, Env());
  ASSERT_FALSE(sqlite.ok());
  EXPECT_EQ(sqlite.status().errors().at(0).code, "not_mysql");
  auto missing = ResolveSettings({{"storage", "mysql://registry@db1/registry"}, {"db-password-file", dir_ + "/none"}}, Env());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().errors().at(0).code, "unreadable");
  std::ofstream(dir_ + "/empty");
  auto empty = ResolveSettings({{"storage", "mysql://registry@db1/registry"}, {"db-password-file", dir_ + "/empty"}}, Env());
  ASSERT_FALSE(empty.ok());
  for (const auto* r : {&conflict, &sqlite, &missing, &empty}) {
    EXPECT_EQ(r->status().message().find("hunter2"), std::string::npos);
    for (const auto& e : r->status().errors()) EXPECT_EQ(e.message.find("hunter2"), std::string::npos);
  }
}

}  // namespace
}  // namespace app
