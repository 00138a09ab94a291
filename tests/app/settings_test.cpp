#include "app/settings.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

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

// A misspelt key is refused like a misspelt flag, naming the key and the file.
TEST_F(SettingsTest, AnUnknownConfigKeyStopsTheStartNamingKeyAndFile) {
  std::string file = dir_ + "/registry.properties";
  std::ofstream(file) << "port = 7000\nworkrs = 2\n";
  auto s = ResolveSettings({{"config", file}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("unknown key \"workrs\""), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find(file), std::string::npos) << s.status().message();
  // Dotted and prefixed keys: the known ones pass, anything else is named as written.
  std::ofstream(file) << "registry.port = 7000\nsqlite.synchronous = NORMAL\nsqlite.sync = OFF\n";
  s = ResolveSettings({{"config", file}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("unknown key \"sqlite.sync\""), std::string::npos) << s.status().message();
  std::string ini = dir_ + "/registry.ini";
  std::ofstream(ini) << "[registry]\nport = 9001\n[server]\nport = 9002\n";
  s = ResolveSettings({{"config", ini}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("unknown key \"server.port\""), std::string::npos) << s.status().message();
  // Every key the settings read is accepted.
  std::ofstream out(file);
  for (size_t i = 0; kConfigKeys[i]; ++i) out << kConfigKeys[i] << " = x\n";
  out.close();
  s = ResolveSettings({{"config", file}}, Env());
  ASSERT_FALSE(s.ok());  // "x" is no port: refused for its value, not for its key
  EXPECT_EQ(s.status().message().find("unknown key"), std::string::npos) << s.status().message();
}

TEST_F(SettingsTest, ABadValueNamesWhereItCameFrom) {
  std::string file = dir_ + "/registry.properties";
  std::ofstream(file) << "workers = many\nlog_format = xml\n";
  auto s = ResolveSettings({{"config", file}}, Env());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("workers must be an integer from 1 to 256, got \"many\" (from " + file + ")"),
            std::string::npos)
      << s.status().message();
  env_["REGISTRY_WORKERS"] = "3";
  s = ResolveSettings({{"config", file}}, Env());
  EXPECT_NE(s.status().message().find("log_format must be text or json (from " + file + ")"), std::string::npos)
      << s.status().message();
  EXPECT_NE(ResolveSettings({{"port", "x"}}, Env()).status().message().find("(from --port)"), std::string::npos);
  env_["REGISTRY_PORT"] = "x";
  EXPECT_NE(ResolveSettings({}, Env()).status().message().find("(from REGISTRY_PORT)"), std::string::npos);
}

// --print-config: every setting with its origin, no secret, and read back as a config file it
// gives the same settings.
TEST_F(SettingsTest, PrintedConfigMasksSecretsAndReadsBackTheSame) {
  std::string pw = dir_ + "/db.password";
  std::ofstream(pw) << "s3cret-db-pw\n";
  std::string file = dir_ + "/registry.properties";
  std::ofstream(file) << "storage = mysql://registry@db1:3306/registry\nworkers = 3\ndb_password_file = " << pw
                      << "\nlog_format = json\n";
  env_["REGISTRY_PORT"] = "9100";
  env_["REGISTRY_ADMIN_TOKEN"] = "admin-token-value-0123456789abcdef01";
  env_["REGISTRY_AUDIT_KEY"] = "audit-key-value-0123456789abcdef0123";
  auto s = ResolveSettings({{"config", file}, {"log-level", "debug"}}, Env());
  ASSERT_TRUE(s.ok()) << s.status().message();
  std::string printed = PrintConfig(*s);
  for (const char* secret : {"s3cret-db-pw", "admin-token-value", "audit-key-value"}) {
    EXPECT_EQ(printed.find(secret), std::string::npos) << secret << " in\n" << printed;
  }
  EXPECT_NE(printed.find("storage = mysql://registry:***@db1:3306/registry    # " + file), std::string::npos) << printed;
  EXPECT_NE(printed.find("port = 9100    # REGISTRY_PORT"), std::string::npos) << printed;
  EXPECT_NE(printed.find("workers = 3    # " + file), std::string::npos) << printed;
  EXPECT_NE(printed.find("log_level = debug    # --log-level"), std::string::npos) << printed;
  EXPECT_NE(printed.find("bind = 127.0.0.1    # default"), std::string::npos) << printed;
  EXPECT_NE(printed.find("# admin_token = ***    # REGISTRY_ADMIN_TOKEN"), std::string::npos) << printed;
  EXPECT_NE(printed.find("# audit_key = ***    # REGISTRY_AUDIT_KEY"), std::string::npos) << printed;
  // Read back (comments after values stripped, as an operator would save it): the same settings.
  std::string copy = dir_ + "/printed.properties";
  {
    std::ofstream out(copy);
    std::istringstream in(printed);
    for (std::string l; std::getline(in, l);) {
      if (l.rfind("#", 0) == 0) continue;
      out << l.substr(0, l.find("    #")) << "\n";
    }
  }
  auto again = ResolveSettings({{"config", copy}}, [](const char*) -> const char* { return nullptr; });
  ASSERT_FALSE(again.ok()) << "the masked password must not read back as a password";
  // With the password given again as it was, everything else is the same.
  std::string text;
  {
    std::ifstream in(copy);
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  text.replace(text.find("registry:***@"), 13, "registry@");
  std::ofstream(copy) << text;
  again = ResolveSettings({{"config", copy}}, [](const char*) -> const char* { return nullptr; });
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->storage, s->storage);
  EXPECT_EQ(again->port, s->port);
  EXPECT_EQ(again->workers, s->workers);
  EXPECT_EQ(again->log_level, s->log_level);
  EXPECT_EQ(again->log_format, "json");
  EXPECT_EQ(again->write_workers, s->write_workers);
  EXPECT_EQ(again->bind, s->bind);
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
