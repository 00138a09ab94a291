// Secrets stay secret (issue 6, part 8): the administrator and vendor tokens, a practitioner's
// citizen ID number, the ID-hash key and the database password never appear in the log, in any
// response (problem documents and the audit trail included) or in /metrics — on each backend,
// with registryd at debug log level. On MySQL the password reaches registryd only through
// REGISTRY_DB_PASSWORD_FILE, which is also what this test proves works.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <fstream>

#include "common/clock.h"
#include "registry/registry_service.h"
#include "support/registryd_process.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;
using testing_support::RegistrydProcess;
using testing_support::TestDatabase;

const char* kAdmin = "secrets-e2e-admin-token-5f2c9a0b7d";
const char* kIdHashKey = "secrets-e2e-id-hash-key-81d04e6a";

// Splits "mysql://u:PW@host/db" into the URL without the password and the password.
std::pair<std::string, std::string> SplitPassword(const std::string& url) {
  size_t start = url.find("://") + 3;
  size_t colon = url.find(':', start);
  size_t at = url.rfind('@');
  return {url.substr(0, colon) + url.substr(at), url.substr(colon + 1, at - colon - 1)};
}

class SecretsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok()) << tdb_->error();
  }
  std::unique_ptr<TestDatabase> tdb_;
};

TEST_P(SecretsTest, NoSecretReachesLogsResponsesOrMetrics) {
  std::map<std::string, std::string> env = {{"REGISTRY_ADMIN_TOKEN", kAdmin},
                                            {"REGISTRY_ID_HASH_KEY", kIdHashKey},
                                            {"REGISTRY_RATE_LIMIT", "0"}};
  std::string storage = tdb_->url();
  std::vector<std::string> secrets = {kAdmin, kIdHashKey};
  if (GetParam() == "mysql") {
    auto [bare, password] = SplitPassword(storage);
    ASSERT_FALSE(password.empty());
    std::string file = tdb_->dir() + "/db.password";
    std::ofstream(file) << password << "\n";
    chmod(file.c_str(), 0600);
    storage = bare;
    env["REGISTRY_DB_PASSWORD_FILE"] = file;
    secrets.push_back(password);
    // A wrong password from the file: registryd refuses to start and does not print it.
    std::string wrong = tdb_->dir() + "/wrong.password";
    std::ofstream(wrong) << "wrong-pw-7c1e55\n";
    auto env_wrong = env;
    env_wrong["REGISTRY_DB_PASSWORD_FILE"] = wrong;
    std::string error;
    auto refused = RegistrydProcess::Start({storage, tdb_->dir(), {}, env_wrong}, &error);
    EXPECT_EQ(refused, nullptr);
    EXPECT_NE(error.find("cannot"), std::string::npos) << error;
    EXPECT_EQ(error.find("wrong-pw-7c1e55"), std::string::npos) << error;
    EXPECT_EQ(error.find(password), std::string::npos) << error;
  }
  std::string error;
  auto server = RegistrydProcess::Start({storage, tdb_->dir(), {"--log-level=debug"}, env}, &error);
  ASSERT_NE(server, nullptr) << error;
  int port = server->port();
  // No REGISTRY_AUDIT_KEY: the chain's key was made on first start beside the token file, mode
  // 0600, and is as secret as the others.
  {
    std::string key_file = tdb_->dir() + "/registry-audit.key";
    struct stat st {};
    ASSERT_EQ(stat(key_file.c_str(), &st), 0) << key_file;
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::string audit_key;
    std::getline(std::ifstream(key_file), audit_key);
    EXPECT_GE(audit_key.size(), 32u);
    secrets.push_back(audit_key);
  }
  std::string seen;  // every byte of every response that may not hold a secret
  auto call = [&](const std::string& method, const std::string& target, const std::string& token,
                  const json& body = nullptr) {
    std::vector<std::pair<std::string, std::string>> h;
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    HttpResult r = Http(port, method, target, body.is_null() ? "" : body.dump(), h);
    seen += r.raw;
    return r;
  };

  // Registration shows the vendor's token once, by design; that response is not scanned.
  HttpResult reg = Http(port, "POST", "/v1/vendors",
                        json{{"name", "汕头市保密测试信息技术有限公司"}, {"credit_code", testing_support::ValidCreditCode(71)},
                             {"enterprise_size", "small"}}
                            .dump());
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string vendor = reg.json()["vendor"]["id"];
  const std::string token = reg.json()["token"];
  secrets.push_back(token);
  const std::string id_number = testing_support::ValidIdNumber(71);
  secrets.push_back(id_number);

  common::SystemClock clock;
  std::string issued = common::FormatDate(registry::Today(clock).AddDays(-100));
  json practitioner = {{"name", "李保密"}, {"id_number", id_number},
                       {"credentials", {{{"type", "RK_SI_PM"}, {"certificate_no", "SI-71"}, {"issued_on", issued}}}}};
  HttpResult added = call("POST", "/v1/vendors/" + vendor + "/practitioners", token, practitioner);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["id_number"], id_number.substr(0, 4) + "**********" + id_number.substr(14));
  // The same person again (409), and a near miss of the number (422): neither echoes it.
  EXPECT_EQ(call("POST", "/v1/vendors/" + vendor + "/practitioners", token, practitioner).status, 409);
  json wrong_check = practitioner;
  std::string near = id_number.substr(0, 17) + (id_number[17] == '0' ? "1" : "0");
  wrong_check["id_number"] = near;
  EXPECT_EQ(call("POST", "/v1/vendors/" + vendor + "/practitioners", token, wrong_check).status, 422);
  secrets.push_back(near.substr(0, 17));

  EXPECT_EQ(call("GET", "/v1/vendors/" + vendor + "/practitioners", token).status, 200);
  EXPECT_EQ(call("GET", "/v1/vendors/" + vendor + "/practitioners", kAdmin).status, 200);
  EXPECT_EQ(call("GET", "/v1/vendors/" + vendor, token).status, 200);
  EXPECT_EQ(call("GET", "/v1/vendors/" + vendor + "/market-access?category=SYSTEM_INTEGRATION", kAdmin).status, 200);
  EXPECT_EQ(call("GET", "/v1/audit?limit=500", kAdmin).status, 200);
  EXPECT_EQ(call("GET", "/v1/audit/verify", kAdmin).status, 200);
  HttpResult accounts = call("POST", "/v1/accounts", kAdmin, {{"name", "采购经办人"}, {"role", "officer"}});
  ASSERT_EQ(accounts.status, 201) << accounts.body;
  // The new officer's token is in that response by design: take it out of the scanned bytes
  // and treat it as a secret from here on.
  const std::string officer = accounts.json()["token"];
  seen.erase(seen.size() - accounts.raw.size());
  secrets.push_back(officer);
  EXPECT_EQ(call("GET", "/v1/vendors?limit=5", officer).status, 200);
  // Tokens that almost work: 401 problem documents that do not repeat what was sent.
  for (const std::string& bad : {token + "x", std::string(kAdmin).substr(1), officer.substr(0, 20)}) {
    HttpResult r = call("GET", "/v1/vendors/" + vendor, bad);
    EXPECT_EQ(r.status, 401) << r.body;
    secrets.push_back(bad);
  }
  EXPECT_EQ(call("GET", "/healthz", "").status, 200);
  EXPECT_EQ(call("GET", "/readyz", "").status, 200);
  HttpResult metrics = call("GET", "/metrics", kAdmin);
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("registry_http_requests_total"), std::string::npos) << metrics.body;

  ASSERT_EQ(server->Stop(SIGTERM), 0) << server->log();
  const std::string log = server->log();
  EXPECT_NE(log.find("path=\"/v1/vendors/" + vendor), std::string::npos) << "the log is not the request log: " << log;
  for (const std::string& s : secrets) {
    EXPECT_EQ(seen.find(s), std::string::npos) << "a secret reached a response: " << s;
    EXPECT_EQ(log.find(s), std::string::npos) << "a secret reached the log: " << s;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SecretsTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
