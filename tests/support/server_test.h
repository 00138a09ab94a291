// ServerTest: the fixture of the end-to-end suites that run one registryd per test, once per
// backend (the test parameter: "sqlite" or "mysql"). SetUp makes a fresh database; StartServer
// starts the real binary on it with an administrator token and rate limits off (the suites send
// many requests from one address); TearDown stops it with SIGTERM and requires a clean exit,
// which also catches a sanitizer report in an instrumented build.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "support/registryd_process.h"
#include "support/test_db.h"

namespace testing_support {

class ServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok()) << tdb_->error();
  }
  void TearDown() override {
    if (server_) {
      EXPECT_EQ(server_->Stop(SIGTERM), 0) << server_->log();
    }
  }
  // Starts registryd on tdb_ with REGISTRY_ADMIN_TOKEN=admin, REGISTRY_RATE_LIMIT=0,
  // REGISTRY_AUDIT_KEY=kAuditKey (so registryctl, run beside it, shares the key) and `env`.
  // Call it from SetUp under ASSERT_NO_FATAL_FAILURE.
  void StartServer(const std::string& admin, const std::map<std::string, std::string>& env = {}) {
    std::map<std::string, std::string> all = {
        {"REGISTRY_ADMIN_TOKEN", admin}, {"REGISTRY_RATE_LIMIT", "0"}, {"REGISTRY_AUDIT_KEY", kAuditKey}};
    for (const auto& [k, v] : env) all[k] = v;
    std::string error;
    server_ = RegistrydProcess::Start({tdb_->url(), tdb_->dir(), {}, all}, &error);
    ASSERT_NE(server_, nullptr) << error;
  }

  std::unique_ptr<TestDatabase> tdb_;
  std::unique_ptr<RegistrydProcess> server_;
};

}  // namespace testing_support
