// The accounts issue, end to end on each backend: no secret at rest (idempotent replays, a dump
// of every table), revocation at once, sign-in with sessions, CSRF, one-time passwords and the
// password rules, lockout, session expiry, reset-access, signed cursors, undeclared query
// parameters, /metrics, the HTTP framing refusals and registryctl's account commands.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <fstream>

#include "support/registryd_process.h"
#include "support/server_test.h"
#include "support/test_db.h"

namespace {

using nlohmann::json;
using testing_support::Http;
using testing_support::HttpResult;
using testing_support::RawHttp;

const char* kAdmin = "accounts-e2e-admin-token-0123456789abcdef";
const char* kScraper = "accounts-e2e-metrics-token-0123456789abcdef";

using Headers = std::vector<std::pair<std::string, std::string>>;

class AccountsTest : public testing_support::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    clock_file_ = tdb_->dir() + "/clock";
    ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin, {{"REGISTRY_METRICS_TOKEN", kScraper}, {"REGISTRY_CLOCK_FILE", clock_file_}}));
  }
  HttpResult Call(const std::string& method, const std::string& target, const std::string& token,
                  const std::string& body = "", Headers h = {}) {
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return Http(server_->port(), method, target, body, h);
  }
  // A request as a signed-in browser makes it: the cookie, and the CSRF token when given.
  HttpResult AsSession(const std::string& method, const std::string& target, const std::string& cookie,
                       const std::string& csrf, const std::string& body = "") {
    Headers h = {{"Cookie", "theme=dark; registry_session=" + cookie}};
    if (!csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
    return Http(server_->port(), method, target, body, h);
  }
  static std::string CookieOf(const HttpResult& r) {
    std::string c = r.header("set-cookie");
    size_t eq = c.find('='), semi = c.find(';');
    return c.substr(eq + 1, semi - eq - 1);
  }
  void SetClock(const std::string& rfc3339) { std::ofstream(clock_file_) << rfc3339 << "\n"; }
  // Every row of every table as text: what a database dump would hold.
  std::string DumpAll() {
    auto db = tdb_->Open(1);
    return testing_support::DumpTables(*db);
  }
  std::string clock_file_;
};

TEST_P(AccountsTest, ReplaysCarryNoSecretAndNoTableHoldsOne) {
  std::vector<std::string> secrets = {kAdmin, kScraper};
  // An account with a login: the token and the one-time password are in the first response only.
  const std::string body = R"({"name":"重放测试","role":"officer","login":"replay.officer"})";
  HttpResult first = Call("POST", "/v1/accounts", kAdmin, body, {{"Idempotency-Key", "acct-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.header("cache-control"), "no-store");
  secrets.push_back(first.json()["token"]);
  secrets.push_back(first.json()["password"]);
  HttpResult again = Call("POST", "/v1/accounts", kAdmin, body, {{"Idempotency-Key", "acct-1"}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_EQ(again.json()["id"], first.json()["id"]);
  EXPECT_TRUE(again.json()["token"].is_null()) << again.body;
  EXPECT_TRUE(again.json()["password"].is_null()) << again.body;

  // Another account with the same key and body is not the first caller: it gets its own answer
  // (here 409: the login is taken), never the stored one.
  HttpResult other_admin = Call("POST", "/v1/accounts", kAdmin, R"({"name":"第二管理员","role":"bureau"})");
  ASSERT_EQ(other_admin.status, 201);
  const std::string admin2 = other_admin.json()["token"];
  secrets.push_back(admin2);
  HttpResult foreign = Call("POST", "/v1/accounts", admin2, body, {{"Idempotency-Key", "acct-1"}});
  EXPECT_EQ(foreign.status, 409) << foreign.body;
  EXPECT_EQ(foreign.header("idempotent-replayed"), "");

  // Anonymous registration with a login: the replay to the same address has token null.
  const std::string reg = json({{"name", "重放供应商"}, {"credit_code", testing_support::ValidCreditCode(41)},
                                {"enterprise_size", "small"}, {"login", "replay.vendor"},
                                {"password", "长城 烽火台 7 号 晨雾 未散"}})
                              .dump();
  secrets.push_back("长城 烽火台 7 号 晨雾 未散");
  HttpResult v1 = Call("POST", "/v1/vendors", "", reg, {{"Idempotency-Key", "reg-1"}});
  ASSERT_EQ(v1.status, 201) << v1.body;
  secrets.push_back(v1.json()["token"]);
  HttpResult v2 = Call("POST", "/v1/vendors", "", reg, {{"Idempotency-Key", "reg-1"}});
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_TRUE(v2.json()["token"].is_null()) << v2.body;
  EXPECT_EQ(v2.json()["vendor"]["id"], v1.json()["vendor"]["id"]);

  // A sign-in replayed: no cookie, no CSRF token.
  const std::string signin = json({{"login", "replay.vendor"}, {"password", "长城 烽火台 7 号 晨雾 未散"}}).dump();
  HttpResult s1 = Call("POST", "/v1/sessions", "", signin, {{"Idempotency-Key", "sign-1"}});
  ASSERT_EQ(s1.status, 201) << s1.body;
  secrets.push_back(CookieOf(s1));
  secrets.push_back(s1.json()["csrf_token"]);
  HttpResult s2 = Call("POST", "/v1/sessions", "", signin, {{"Idempotency-Key", "sign-1"}});
  EXPECT_EQ(s2.status, 201);
  EXPECT_EQ(s2.header("set-cookie"), "");
  EXPECT_TRUE(s2.json()["csrf_token"].is_null()) << s2.body;

  // Rotated tokens and reset passwords.
  const std::string officer_id = first.json()["id"];
  HttpResult rotated = Call("POST", "/v1/accounts/" + officer_id + "/token", kAdmin, "{}", {{"Idempotency-Key", "rot-1"}});
  ASSERT_EQ(rotated.status, 201);
  secrets.push_back(rotated.json()["token"]);
  HttpResult reset = Call("POST", "/v1/accounts/" + officer_id + "/password-reset", kAdmin, "{}");
  ASSERT_EQ(reset.status, 201);
  secrets.push_back(reset.json()["password"]);

  // Every other route that hands out a secret: rotating one's own token, reset-access, and a
  // password a person chose.
  HttpResult self = Call("POST", "/v1/me/token", rotated.json()["token"], "", {{"Idempotency-Key", "self-1"}});
  ASSERT_EQ(self.status, 201);
  secrets.push_back(self.json()["token"]);
  HttpResult taken_back = Call("POST", "/v1/vendors/" + v1.json()["vendor"]["id"].get<std::string>() + "/reset-access",
                               kAdmin, R"({"reason":"冒名"})", {{"Idempotency-Key", "reset-1"}});
  ASSERT_EQ(taken_back.status, 201) << taken_back.body;
  secrets.push_back(taken_back.json()["token"]);
  HttpResult replayed_reset = Call("POST", "/v1/vendors/" + v1.json()["vendor"]["id"].get<std::string>() + "/reset-access",
                                   kAdmin, R"({"reason":"冒名"})", {{"Idempotency-Key", "reset-1"}});
  EXPECT_TRUE(replayed_reset.json()["token"].is_null()) << replayed_reset.body;
  HttpResult in = Call("POST", "/v1/sessions", "", json({{"login", "replay.officer"}, {"password", reset.json()["password"]}}).dump());
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string chosen = "黄河 之水 天上来 奔流 到海";
  secrets.push_back(chosen);
  secrets.push_back(CookieOf(in));
  ASSERT_EQ(AsSession("PUT", "/v1/me/password", CookieOf(in), in.json()["csrf_token"],
                      json({{"current_password", reset.json()["password"]}, {"new_password", chosen}}).dump())
                .status,
            204);

  const std::string dump = DumpAll();
  ASSERT_NE(dump.find(officer_id), std::string::npos) << "the dump is not of this database";
  for (const std::string& s : secrets) {
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(dump.find(s), std::string::npos) << "a secret is stored in clear: " << s;
  }
  EXPECT_NE(dump.find("$argon2id$"), std::string::npos);  // passwords are there, as argon2id hashes
}

TEST_P(AccountsTest, DisabledAndRotatedCredentialsStopAtOnce) {
  HttpResult made = Call("POST", "/v1/accounts", kAdmin, R"({"name":"撤销测试","role":"officer"})");
  ASSERT_EQ(made.status, 201);
  const std::string id = made.json()["id"], token = made.json()["token"];
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Call("GET", "/v1/me", token).status, 200);  // cached now
  HttpResult disabled = Call("POST", "/v1/accounts/" + id + "/disable", kAdmin, R"({"reason":"离职"})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json()["status"], "disabled");
  EXPECT_EQ(Call("GET", "/v1/me", token).status, 401);
  EXPECT_EQ(Call("POST", "/v1/accounts/" + id + "/disable", kAdmin, R"({"reason":"再次"})").status, 409);
  EXPECT_EQ(Call("POST", "/v1/accounts/" + id + "/disable", kAdmin, R"({})").status, 422);  // reason required
  ASSERT_EQ(Call("POST", "/v1/accounts/" + id + "/enable", kAdmin, R"({"reason":"返岗"})").status, 200);
  EXPECT_EQ(Call("GET", "/v1/me", token).status, 200);

  // Rotation by the bureau and by oneself: the old token is refused at once.
  HttpResult by_bureau = Call("POST", "/v1/accounts/" + id + "/token", kAdmin, "{}");
  ASSERT_EQ(by_bureau.status, 201);
  EXPECT_EQ(Call("GET", "/v1/me", token).status, 401);
  const std::string second = by_bureau.json()["token"];
  HttpResult by_self = Call("POST", "/v1/me/token", second, "");
  ASSERT_EQ(by_self.status, 201) << by_self.body;
  EXPECT_EQ(Call("GET", "/v1/me", second).status, 401);
  EXPECT_EQ(Call("GET", "/v1/me", by_self.json()["token"]).status, 200);

  // Lists and reads: never a token or a hash.
  HttpResult list = Call("GET", "/v1/accounts?role=officer&status=active", kAdmin);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["id"], id);
  EXPECT_FALSE(list.json()["items"][0]["last_seen_at"].is_null());
  EXPECT_EQ(list.body.find("token"), std::string::npos);
  EXPECT_EQ(list.body.find("hash"), std::string::npos);
  EXPECT_EQ(Call("GET", "/v1/accounts?status=asleep", kAdmin).status, 422);
  EXPECT_EQ(Call("GET", "/v1/accounts/" + id, by_self.json()["token"]).status, 200);  // itself
  EXPECT_EQ(Call("GET", "/v1/accounts", by_self.json()["token"]).status, 403);

  // The last active bureau account cannot be disabled; with a second one it can.
  const std::string admin_id = Call("GET", "/v1/me", kAdmin).json()["id"];
  HttpResult last = Call("POST", "/v1/accounts/" + admin_id + "/disable", kAdmin, R"({"reason":"误操作"})");
  EXPECT_EQ(last.status, 409) << last.body;
  EXPECT_EQ(last.json()["type"], "conflict");
  EXPECT_EQ(Call("GET", "/v1/me", kAdmin).status, 200);
}

TEST_P(AccountsTest, SignInSessionsCsrfAndOneTimePasswords) {
  HttpResult made = Call("POST", "/v1/accounts", kAdmin, R"({"name":"王五","role":"officer","login":"wang.wu"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_TRUE(made.json()["must_change_password"]);
  const std::string otp = made.json()["password"], id = made.json()["id"];
  EXPECT_EQ(Call("POST", "/v1/accounts", kAdmin, R"({"name":"重名","role":"expert","login":"wang.wu"})").status, 409);
  EXPECT_EQ(Call("POST", "/v1/accounts", kAdmin, R"({"name":"坏登录名","role":"expert","login":"Wang Wu"})").status, 422);

  // A wrong password and an unknown login get the same answer.
  HttpResult wrong_pw = Call("POST", "/v1/sessions", "", json({{"login", "wang.wu"}, {"password", "not-it-0000"}}).dump());
  HttpResult no_login = Call("POST", "/v1/sessions", "", json({{"login", "li.si"}, {"password", "not-it-0000"}}).dump());
  EXPECT_EQ(wrong_pw.status, 401);
  EXPECT_EQ(no_login.status, 401);
  EXPECT_EQ(wrong_pw.body, no_login.body);
  EXPECT_EQ(wrong_pw.header("set-cookie"), "");

  HttpResult in = Call("POST", "/v1/sessions", "", json({{"login", "wang.wu"}, {"password", otp}}).dump());
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string cookie_header = in.header("set-cookie");
  EXPECT_NE(cookie_header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie_header.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie_header.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie_header.find("Secure"), std::string::npos);  // REGISTRY_COOKIE_SECURE is not set
  EXPECT_TRUE(in.json()["must_change_password"]);
  EXPECT_EQ(in.json()["account"]["id"], id);
  const std::string cookie = CookieOf(in), csrf = in.json()["csrf_token"];

  // A one-time password lets the person see who they are and change it, nothing more.
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie, "").status, 200);
  HttpResult blocked = AsSession("GET", "/v1/vendors", cookie, "");
  EXPECT_EQ(blocked.status, 403) << blocked.body;
  const std::string strong = "秋天 的 银杏 落满 了 长安街";
  auto change = [&](const std::string& current, const std::string& next, const std::string& with_csrf) {
    return AsSession("PUT", "/v1/me/password", cookie, with_csrf,
                     json({{"current_password", current}, {"new_password", next}}).dump());
  };
  EXPECT_EQ(change(otp, strong, "").status, 403);                  // no CSRF token
  EXPECT_EQ(change(otp, strong, csrf.substr(1) + "0").status, 403);  // a wrong one
  auto code = [](const HttpResult& r) { return r.json()["errors"][0].value("code", ""); };
  HttpResult short_pw = change(otp, "short-1", csrf);
  EXPECT_EQ(short_pw.status, 422);
  EXPECT_EQ(code(short_pw), "too_short");
  HttpResult common_pw = change(otp, "password1234", csrf);
  EXPECT_EQ(common_pw.status, 422);
  EXPECT_EQ(code(common_pw), "common_password");
  EXPECT_EQ(code(change(otp, "qwertyuiop123", csrf)), "common_password");
  EXPECT_EQ(code(change(otp, "WANG.WU", csrf)), "too_short");
  EXPECT_EQ(code(change(otp, "wang.wu.wang.wu", csrf)), "common_password");  // the login, twice
  HttpResult bad_current = change("not-the-otp-123", strong, csrf);
  EXPECT_EQ(bad_current.status, 422);
  EXPECT_EQ(bad_current.json()["errors"][0]["field"], "current_password");
  ASSERT_EQ(change(otp, strong, csrf).status, 204);

  // Now a full session: reads need no CSRF token, writes do.
  EXPECT_EQ(AsSession("GET", "/v1/vendors", cookie, "").status, 200);
  const std::string tender =
      R"({"title":"会话项目","category":"SYSTEM_INTEGRATION","budget":"1000.00","method":"lowest_price","bid_deadline":"2030-01-01T00:00:00Z"})";
  EXPECT_EQ(AsSession("POST", "/v1/tenders", cookie, "", tender).status, 403);
  EXPECT_EQ(AsSession("POST", "/v1/tenders", cookie, csrf, tender).status, 201);
  EXPECT_FALSE(Call("GET", "/v1/accounts/" + id, kAdmin).json()["must_change_password"]);

  // The old one-time password no longer signs in; the new password does.
  EXPECT_EQ(Call("POST", "/v1/sessions", "", json({{"login", "wang.wu"}, {"password", otp}}).dump()).status, 401);
  HttpResult second = Call("POST", "/v1/sessions", "", json({{"login", "wang.wu"}, {"password", strong}}).dump());
  ASSERT_EQ(second.status, 201);
  EXPECT_FALSE(second.json()["must_change_password"]);

  // Sign-out ends the session; it needs the CSRF token like any write.
  EXPECT_EQ(AsSession("DELETE", "/v1/sessions/current", cookie, "").status, 403);
  HttpResult out = AsSession("DELETE", "/v1/sessions/current", cookie, csrf);
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie, "").status, 401);
  // The browser still sends the ended session's cookie: signing in again (and registering, a
  // route open to anyone) treats it as a leftover, not as a refusal.
  HttpResult again = AsSession("POST", "/v1/sessions", cookie, "", json({{"login", "wang.wu"}, {"password", strong}}).dump());
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(AsSession("GET", "/v1/me", CookieOf(again), "").status, 200);
  EXPECT_EQ(AsSession("GET", "/v1/categories", cookie, "").status, 401);  // an account route still says so
  // A bureau password reset ends the other session and asks for a change again.
  const std::string cookie2 = CookieOf(second);
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie2, "").status, 200);
  HttpResult reset = Call("POST", "/v1/accounts/" + id + "/password-reset", kAdmin, "{}");
  ASSERT_EQ(reset.status, 201);
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie2, "").status, 401);
  HttpResult third = Call("POST", "/v1/sessions", "", json({{"login", "wang.wu"}, {"password", reset.json()["password"]}}).dump());
  ASSERT_EQ(third.status, 201);
  EXPECT_TRUE(third.json()["must_change_password"]);
  // Disabling the account ends its sessions too.
  ASSERT_EQ(Call("POST", "/v1/accounts/" + id + "/disable", kAdmin, R"({"reason":"调离"})").status, 200);
  EXPECT_EQ(AsSession("GET", "/v1/me", CookieOf(third), "").status, 401);
  EXPECT_EQ(Call("POST", "/v1/sessions", "", json({{"login", "wang.wu"}, {"password", reset.json()["password"]}}).dump()).status, 401);
  // Without a login there is no password to reset.
  const std::string admin_id = Call("GET", "/v1/me", kAdmin).json()["id"];
  EXPECT_EQ(Call("POST", "/v1/accounts/" + admin_id + "/password-reset", kAdmin, "{}").status, 409);
}

TEST_P(AccountsTest, FiveFailuresLockALoginAndSessionsExpire) {
  SetClock("2026-12-01T01:00:00Z");
  HttpResult made = Call("POST", "/v1/accounts", kAdmin, R"({"name":"锁定测试","role":"auditor","login":"lock.me"})");
  ASSERT_EQ(made.status, 201);
  const std::string otp = made.json()["password"];
  auto sign_in = [&](const std::string& login, const std::string& pw) {
    return Call("POST", "/v1/sessions", "", json({{"login", login}, {"password", pw}}).dump());
  };
  for (int i = 0; i < 5; ++i) ASSERT_EQ(sign_in("lock.me", "wrong-password-" + std::to_string(i)).status, 401);
  HttpResult locked = sign_in("lock.me", otp);  // even the right password
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.json()["type"], "rate_limited");
  // An unknown login locks the same way (the answers never tell the two apart).
  for (int i = 0; i < 5; ++i) ASSERT_EQ(sign_in("no.such.login", "wrong-password").status, 401);
  EXPECT_EQ(sign_in("no.such.login", "wrong-password").status, 429);
  // 15 minutes later the failures have aged out.
  SetClock("2026-12-01T01:15:01Z");
  HttpResult in = sign_in("lock.me", otp);
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string cookie = CookieOf(in);
  EXPECT_EQ(in.json()["expires_at"], "2026-12-01T13:15:01Z");  // 12 hours after sign-in

  // Idle expiry: 8 hours without a request ends it.
  SetClock("2026-12-01T09:15:00Z");
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie, "").status, 200);
  SetClock("2026-12-01T13:15:00Z");  // 4 h after the last request, 11 h 59 min after sign-in
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie, "").status, 200);
  SetClock("2026-12-01T13:15:02Z");  // absolute expiry, however active
  EXPECT_EQ(AsSession("GET", "/v1/me", cookie, "").status, 401);
  HttpResult again = sign_in("lock.me", otp);
  ASSERT_EQ(again.status, 201);
  SetClock("2026-12-01T21:15:03Z");  // 8 h and 1 s idle
  EXPECT_EQ(AsSession("GET", "/v1/me", CookieOf(again), "").status, 401);
}

TEST_P(AccountsTest, ResetAccessTakesAVendorBackFromASquatter) {
  HttpResult squat = Call("POST", "/v1/vendors", "",
                          json({{"name", "汕头市被冒名科技有限公司"}, {"credit_code", testing_support::ValidCreditCode(43)},
                                {"enterprise_size", "small"}})
                              .dump());
  ASSERT_EQ(squat.status, 201);
  const std::string vendor = squat.json()["vendor"]["id"], squatter = squat.json()["token"];
  EXPECT_EQ(Call("GET", "/v1/vendors/" + vendor, squatter).status, 200);
  EXPECT_EQ(Call("POST", "/v1/vendors/" + vendor + "/reset-access", squatter, R"({"reason":"x"})").status, 403);
  HttpResult reset = Call("POST", "/v1/vendors/" + vendor + "/reset-access", kAdmin, R"({"reason":"营业执照核验：注册人非法定代表人"})");
  ASSERT_EQ(reset.status, 201) << reset.body;
  EXPECT_EQ(Call("GET", "/v1/vendors/" + vendor, squatter).status, 401);
  const std::string owner = reset.json()["token"];
  HttpResult me = Call("GET", "/v1/me", owner);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["vendor_id"], vendor);
  HttpResult bound = Call("GET", "/v1/accounts?vendor_id=" + vendor, kAdmin);
  ASSERT_EQ(bound.json()["items"].size(), 2u);
  EXPECT_EQ(Call("GET", "/v1/accounts?vendor_id=" + vendor + "&status=disabled", kAdmin).json()["items"].size(), 1u);
  EXPECT_EQ(Call("POST", "/v1/vendors/ven_nosuch/reset-access", kAdmin, R"({"reason":"x"})").status, 404);
}

TEST_P(AccountsTest, CursorsAreSignedAndUndeclaredQueryParametersRefused) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(Call("POST", "/v1/accounts", kAdmin, json({{"name", "翻页" + std::to_string(i)}, {"role", "expert"}}).dump()).status, 201);
  }
  HttpResult page1 = Call("GET", "/v1/accounts?role=expert&limit=2", kAdmin);
  ASSERT_EQ(page1.status, 200);
  const std::string cursor = page1.json()["next_cursor"];
  HttpResult page2 = Call("GET", "/v1/accounts?role=expert&limit=2&cursor=" + cursor, kAdmin);
  ASSERT_EQ(page2.status, 200) << page2.body;
  EXPECT_EQ(page2.json()["items"].size(), 1u);
  // base64url("c1:anything"), the old unsigned form, and one character changed.
  for (const std::string& forged : {std::string("YzE6YW55dGhpbmc"), cursor.substr(0, cursor.size() - 1) + (cursor.back() == 'A' ? "B" : "A")}) {
    HttpResult r = Call("GET", "/v1/vendors?cursor=" + forged, kAdmin);
    EXPECT_EQ(r.status, 422) << forged;
    EXPECT_EQ(r.json()["errors"][0]["field"], "cursor");
  }
  // A cursor made by another instance over the same database is accepted (the key is shared).
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin));
  EXPECT_EQ(Call("GET", "/v1/accounts?role=expert&limit=2&cursor=" + cursor, kAdmin).status, 200);
  // Every route refuses a parameter it does not read, the ones that read none included.
  for (const char* target : {"/v1/me?x=1", "/healthz?verbose", "/v1/vendors?stauts=listed", "/v1/categories?limit=5",
                             "/v1/accounts?role=expert&x=1"}) {
    HttpResult r = Call("GET", target, kAdmin);
    EXPECT_EQ(r.status, 422) << target << " " << r.body;
    EXPECT_EQ(r.json()["errors"][0]["code"], "unknown_parameter") << target;
  }
  // A write with an undeclared parameter changes nothing.
  HttpResult post = Call("POST", "/v1/accounts?dry_run=1", kAdmin, R"({"name":"不应创建","role":"expert"})");
  EXPECT_EQ(post.status, 422);
  EXPECT_EQ(Call("GET", "/v1/accounts?role=expert", kAdmin).json()["items"].size(), 3u);
}

TEST_P(AccountsTest, MetricsNeedATokenAndHideSealedBids) {
  EXPECT_EQ(Call("GET", "/metrics", "").status, 401);
  EXPECT_EQ(Call("GET", "/metrics", "wrong-token-0123456789abcdef0123").status, 401);
  HttpResult officer = Call("POST", "/v1/accounts", kAdmin, R"({"name":"指标采购员","role":"officer"})");
  EXPECT_EQ(Call("GET", "/metrics", officer.json()["token"]).status, 403);
  HttpResult auditor = Call("POST", "/v1/accounts", kAdmin, R"({"name":"指标审计员","role":"auditor"})");
  EXPECT_EQ(Call("GET", "/metrics", auditor.json()["token"]).status, 200);
  // A bid submission (to a tender that is not there) is observed, but never shown.
  Call("POST", "/v1/tenders/ten_none/bids", officer.json()["token"], R"({"price":"1.00","domestic":false})");
  Call("POST", "/v1/vendors", "", json({{"name", "指标供应商"}, {"credit_code", testing_support::ValidCreditCode(44)},
                                        {"enterprise_size", "micro"}}).dump());
  HttpResult m = Call("GET", "/metrics", kScraper);
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(m.body.find("/bids"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("route=\"/v1/vendors\",status=\"201\""), std::string::npos);
  for (const char* gauge : {"registry_pending_applications 0", "registry_pending_catalog_items 0", "registry_open_tenders 0",
                            "registry_qualifications_expiring_30d 0"}) {
    EXPECT_NE(m.body.find(gauge), std::string::npos) << gauge << "\n" << m.body;
  }
}

TEST_P(AccountsTest, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
  const int port = server_->port();
  const std::string smuggled = "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kAdmin) + "\r\n\r\n";
  for (std::string te : {"identity", "chunked, identity", "xchunked", "chunked\r\nTransfer-Encoding: chunked"}) {
    std::string body = smuggled;
    HttpResult r = RawHttp(port, "POST /v1/vendors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: " +
                                     te + "\r\n\r\n" + body);
    EXPECT_EQ(r.status, 400) << te << " " << r.raw;
    // The bytes after the header were never read as a second request.
    EXPECT_EQ(r.raw.find("HTTP/1.1 200"), std::string::npos) << te << " " << r.raw;
  }
  HttpResult folded = RawHttp(port, "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n " + std::string(kAdmin) + "\r\n\r\n");
  EXPECT_EQ(folded.status, 400) << folded.raw;
  HttpResult no_host = RawHttp(port, "GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_EQ(no_host.status, 400) << no_host.raw;
  EXPECT_EQ(RawHttp(port, "GET /healthz HTTP/1.0\r\n\r\n").status, 200);  // 1.0 needs no Host
  HttpResult two_auth = RawHttp(port, "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kAdmin) +
                                          "\r\nAuthorization: Bearer other\r\n\r\n");
  EXPECT_EQ(two_auth.status, 400) << two_auth.raw;
  EXPECT_NE(two_auth.raw.find("onnection: close"), std::string::npos) << two_auth.raw;
  // A lone chunked body is fine.
  HttpResult chunked = RawHttp(port, "POST /v1/evaluations/simulate HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " +
                                         std::string(kAdmin) + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                         "2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.status, 422) << chunked.raw;  // reached the handler: the body is no simulation
}

TEST_P(AccountsTest, AdminTokenOnAnExistingDatabaseIsIgnoredWithAWarning) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  const std::string other = "accounts-e2e-second-admin-token-0123456789";
  ASSERT_NO_FATAL_FAILURE(StartServer(other));
  EXPECT_TRUE(server_->WaitForLog("REGISTRY_ADMIN_TOKEN is ignored")) << server_->log();
  EXPECT_EQ(Call("GET", "/v1/me", other).status, 401);
  EXPECT_EQ(Call("GET", "/v1/me", kAdmin).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

// registryctl: the way back in when every bureau token is lost, and no command but migrate
// makes a database.
class RegistryctlAccountsTest : public testing_support::ServerTest {};

TEST_P(RegistryctlAccountsTest, CreateListDisableAndNoDatabaseByAccident) {
  std::string out;
  // registryctl chains its entries under the key registryd uses (StartServer gives it kAuditKey).
  const std::map<std::string, std::string> env = {{"REGISTRY_STORAGE", tdb_->url()},
                                                  {"REGISTRY_AUDIT_KEY", testing_support::kAuditKey}};
  if (GetParam() == "sqlite") {
    const std::string typo = tdb_->dir() + "/typo.db";
    for (const std::vector<std::string>& cmd : {std::vector<std::string>{"verify-audit"},
                                                std::vector<std::string>{"list-accounts"},
                                                std::vector<std::string>{"create-account", "--role=bureau", "--name=x"}}) {
      std::vector<std::string> args = {"--storage=sqlite:" + typo};
      args.insert(args.end(), cmd.begin(), cmd.end());
      EXPECT_NE(testing_support::RunRegistryctl(args, {}, &out), 0) << cmd[0] << " " << out;
      EXPECT_NE(out.find(typo), std::string::npos) << out;
      struct stat st;
      EXPECT_NE(::stat(typo.c_str(), &st), 0) << cmd[0] << " created " << typo;
    }
  } else {
    // An empty MySQL database stays empty.
    EXPECT_NE(testing_support::RunRegistryctl({"list-accounts"}, env, &out), 0) << out;
    EXPECT_NE(out.find("holds no registry"), std::string::npos) << out;
  }
  ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin));  // makes the database
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  server_.reset();
  ASSERT_EQ(testing_support::RunRegistryctl({"create-account", "--role=bureau", "--name=恢复管理员", "--login=rescue.admin"}, env, &out), 0)
      << out;
  size_t at = out.find("token: ");
  ASSERT_NE(at, std::string::npos) << out;
  const std::string token = out.substr(at + 7, out.find('\n', at) - at - 7);
  ASSERT_NE(out.find("one-time password: "), std::string::npos) << out;
  EXPECT_NE(testing_support::RunRegistryctl({"create-account", "--role=king", "--name=x"}, env, &out), 0);
  EXPECT_NE(out.find("role"), std::string::npos) << out;
  ASSERT_EQ(testing_support::RunRegistryctl({"list-accounts"}, env, &out), 0) << out;
  EXPECT_NE(out.find("恢复管理员"), std::string::npos) << out;
  EXPECT_NE(out.find("rescue.admin"), std::string::npos) << out;
  EXPECT_EQ(out.find(token), std::string::npos) << out;

  ASSERT_NO_FATAL_FAILURE(StartServer(kAdmin));
  HttpResult me = Http(server_->port(), "GET", "/v1/me", "", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["role"], "bureau");
  const std::string id = me.json()["id"];
  // Disabling from the command line holds for the running service at once.
  ASSERT_EQ(testing_support::RunRegistryctl({"disable-account", id}, env, &out), 0) << out;
  EXPECT_EQ(Http(server_->port(), "GET", "/v1/me", "", {{"Authorization", "Bearer " + token}}).status, 401);
  EXPECT_NE(testing_support::RunRegistryctl({"disable-account", "acc_nosuch"}, env, &out), 0);
  // What registryctl wrote is on the one keyed chain.
  EXPECT_EQ(testing_support::RunRegistryctl({"verify-audit"}, env, &out), 0) << out;
  HttpResult verify = Http(server_->port(), "GET", "/v1/audit/verify", "", {{"Authorization", std::string("Bearer ") + kAdmin}});
  EXPECT_EQ(verify.json()["ok"], true) << verify.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryctlAccountsTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
