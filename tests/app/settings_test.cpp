#include "app/settings.h"

#include <gtest/gtest.h>

#include <fstream>

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
  env_["REGISTRY_ADMIN_TOKEN"] = "secret-token-value";
  auto s = ResolveSettings({}, Env());
  EXPECT_EQ(s->admin_token, "secret-token-value");
}

}  // namespace
}  // namespace app
