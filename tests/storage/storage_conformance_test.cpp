// One storage suite, every backend: each test runs on SQLite and on MySQL (MariaDB in CI).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "common/clock.h"
#include "common/crypto.h"
#include "procurement/tender.h"
#include "registry/access_cache.h"
#include "registry/account_service.h"
#include "registry/audit_service.h"
#include "storage/audit_rows.h"
#include "storage/idempotency_store.h"
#include "storage/migrations.h"
#include "storage/sql_store.h"
#include "support/test_db.h"

namespace storage {
namespace {

using common::Code;
using common::Status;
using testing_support::TestDatabase;

class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok()) << tdb_->error();
    db_ = tdb_->Open(4);
    ASSERT_NE(db_, nullptr) << "cannot open " << tdb_->url();
  }
  // The schema as an older binary left it: every migration up to `last`, then `seed` in the
  // same transaction.
  void MigratedUpTo(int last, const std::function<Status(Tx&)>& seed) {
    Status st = db_->Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
      RETURN_IF_ERROR(tx.ExecOnce("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                                  "name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)"));
      for (const Migration& m : BuiltinMigrations(db_->dialect())) {
        if (m.version > last) break;
        for (const std::string& stmt : SplitStatements(m.sql)) RETURN_IF_ERROR(tx.ExecOnce(stmt));
        RETURN_IF_ERROR(tx.Exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                                {static_cast<int64_t>(m.version), m.name, std::string("2026-11-01T00:00:00Z")})
                            .status());
      }
      return seed(tx);
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  void Migrated() {
    auto applied = Migrate(*db_, clock_.Now());
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }
  Status Exec(const std::string& sql, const std::vector<Value>& params = {}) {
    return db_->Transact(Database::Mode::kWrite, [&](Tx& tx) { return tx.Exec(sql, params).status(); });
  }
  std::vector<Row> Query(const std::string& sql, const std::vector<Value>& params = {}) {
    std::vector<Row> rows;
    Status st = db_->Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
      ASSIGN_OR_RETURN(rows, tx.Query(sql, params));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return rows;
  }

  common::ManualClock clock_{*common::ParseTimestamp("2026-12-01T09:00:00Z")};
  std::unique_ptr<TestDatabase> tdb_;
  std::unique_ptr<Database> db_;
};

TEST_P(StorageTest, MigrationsApplyOnceAndAreRecorded) {
  auto first = Migrate(*db_, clock_.Now());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, static_cast<int>(BuiltinMigrations(db_->dialect()).size()));
  auto second = Migrate(*db_, clock_.Now());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  auto version = SchemaVersion(*db_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, BuiltinMigrations(db_->dialect()).back().version);
  auto rows = Query("SELECT version, name, applied_at FROM schema_version ORDER BY version");
  ASSERT_EQ(rows.size(), BuiltinMigrations(db_->dialect()).size());
  EXPECT_EQ(rows[0].Text(1), "001_foundation.sql");
  EXPECT_EQ(rows[0].Text(2), "2026-12-01T09:00:00Z");
}

TEST_P(StorageTest, BothDialectsShipTheSameMigrations) {
  const auto& sqlite = BuiltinMigrations(Dialect::kSqlite);
  const auto& mysql = BuiltinMigrations(Dialect::kMysql);
  ASSERT_EQ(sqlite.size(), mysql.size());
  for (size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].name, mysql[i].name);
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i + 1));
  }
}

TEST_P(StorageTest, TypedValuesRoundTrip) {
  ASSERT_TRUE(db_->Transact(Database::Mode::kWrite, [](Tx& tx) {
    return tx.ExecOnce("CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT, s TEXT, b BLOB)");
  }).ok());
  const std::string binary("\x00\x01\xff\xfe\"'\\", 7);
  const std::string text = "深圳市信息系统集成 🙂 O'Brien \"q\" \\ %_";
  ASSERT_TRUE(Exec("INSERT INTO t (id, n, s, b) VALUES (?, ?, ?, ?)", {int64_t{1}, INT64_MAX, text, binary}).ok());
  ASSERT_TRUE(Exec("INSERT INTO t (id, n, s, b) VALUES (?, ?, ?, ?)", {int64_t{2}, INT64_MIN, std::string(), Value{}}).ok());
  auto rows = Query("SELECT id, n, s, b FROM t ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Int(1), INT64_MAX);
  EXPECT_EQ(rows[0].Text(2), text);
  EXPECT_EQ(rows[0].Text(3), binary);
  EXPECT_EQ(rows[1].Int(1), INT64_MIN);
  EXPECT_EQ(rows[1].Text(2), "");
  EXPECT_FALSE(rows[1].IsNull(2));
  EXPECT_TRUE(rows[1].IsNull(3));
  // A bound value is data, never SQL.
  auto found = Query("SELECT COUNT(*) FROM t WHERE s = ?", {std::string("x' OR '1'='1")});
  EXPECT_EQ(found.at(0).Int(0), 0);
}

TEST_P(StorageTest, ErrorRollsBackTheWholeTransaction) {
  Migrated();
  Status st = db_->Transact(Database::Mode::kWrite, [](Tx& tx) -> Status {
    RETURN_IF_ERROR(tx.Exec("UPDATE audit_head SET seq = 99 WHERE id = 1").status());
    return Status::FieldInvalid("x", "y", "the use case failed after writing");
  });
  EXPECT_EQ(st.code(), Code::kValidation);
  EXPECT_EQ(Query("SELECT seq FROM audit_head").at(0).Int(0), 0);

  EXPECT_THROW((void)db_->Transact(Database::Mode::kWrite, [](Tx& tx) -> Status {
    (void)tx.Exec("UPDATE audit_head SET seq = 98 WHERE id = 1");
    throw std::runtime_error("boom");
  }), std::runtime_error);
  EXPECT_EQ(Query("SELECT seq FROM audit_head").at(0).Int(0), 0);
}

// Concurrent writers, some of which fail after writing: on SQLite they commit in groups, each
// use case in its own savepoint. Every writer must get its own outcome, and exactly the
// successful ones may be stored — a failure inside a group takes nothing else with it.
TEST_P(StorageTest, ConcurrentWritesEachKeepTheirOwnOutcome) {
  Migrated();
  ASSERT_TRUE(db_->Transact(Database::Mode::kWrite, [](Tx& tx) {
    return tx.ExecOnce("CREATE TABLE group_probe (k VARCHAR(32) PRIMARY KEY, v INTEGER NOT NULL)");
  }).ok());
  constexpr int kThreads = 12, kEach = 25;
  std::atomic<int> ok{0}, failed{0}, duplicate{0}, threw{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        int n = t * kEach + i;
        // Every 5th writes and then fails; every 7th repeats a key already written; every
        // 11th writes and then throws.
        std::string key = n % 7 == 6 ? "k" + std::to_string(n - 1) : "k" + std::to_string(n);
        try {
          Status st = db_->Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
            RETURN_IF_ERROR(tx.Exec("INSERT INTO group_probe (k, v) VALUES (?, ?)", {key, int64_t{n}}).status());
            if (n % 11 == 10) throw std::runtime_error("boom");
            if (n % 5 == 4) return Status::FieldInvalid("v", "range", "fails after writing");
            return Status::Ok();
          });
          if (st.ok()) {
            ++ok;
          } else if (st.code() == Code::kConflict) {
            ++duplicate;
          } else {
            EXPECT_EQ(st.code(), Code::kValidation) << st.ToString();
            ++failed;
          }
        } catch (const std::runtime_error&) {
          ++threw;
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(ok + failed + duplicate + threw, kThreads * kEach);
  EXPECT_GT(failed.load(), 0);
  EXPECT_GT(threw.load(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM group_probe").at(0).Int(0), ok.load());
  // No row of a failed or throwing use case is stored.
  for (const Row& r : Query("SELECT v FROM group_probe")) {
    int64_t n = r.Int(0);
    EXPECT_FALSE(n % 5 == 4 || n % 11 == 10) << "row of failed use case " << n << " was stored";
  }
}

TEST_P(StorageTest, DuplicateKeyIsConflictAndSqlErrorsStayInside) {
  Migrated();
  registry::Account a;
  a.id = "acc_1";
  a.name = "n";
  a.role = registry::Role::kOfficer;
  a.created_at = clock_.Now();
  SqlStore store(*db_, testing_support::kAuditKey);
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.accounts().Insert(a, "hash1", ""); }).ok());
  Status dup = store.Write([&](registry::UnitOfWork& u) { return u.accounts().Insert(a, "hash2", ""); });
  EXPECT_EQ(dup.code(), Code::kConflict);
  Status bad = db_->Transact(Database::Mode::kRead, [](Tx& tx) { return tx.Query("SELEC nonsense FROM nowhere").status(); });
  EXPECT_EQ(bad.code(), Code::kInternal);
  EXPECT_EQ(bad.message().find("SELEC"), std::string::npos) << bad.message();
}

TEST_P(StorageTest, AccountsBootstrapCreateAuthenticate) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  registry::AccountService accounts(store, clock_);
  EXPECT_EQ(accounts.Bootstrap("short").status().code(), Code::kValidation);
  // 31 characters is one too few (the contract's minimum is 32).
  EXPECT_EQ(accounts.Bootstrap(std::string(31, 'a')).status().code(), Code::kValidation);
  auto made = accounts.Bootstrap("admin-token-0123456789-abcdefghij");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(*made);
  EXPECT_FALSE(*accounts.Bootstrap("another-token-0123456789-abcdefghij"));  // only on an empty database

  auto admin = accounts.Authenticate("admin-token-0123456789-abcdefghij");
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(admin->role, registry::Role::kBureau);
  EXPECT_EQ(accounts.Authenticate("another-token-0123456789-abcdefghij").status().code(), Code::kUnauthenticated);

  auto officer = accounts.Create(*admin, {"采购处 王五", registry::Role::kOfficer, "", "", ""});
  ASSERT_TRUE(officer.ok()) << officer.status().ToString();
  auto as_officer = accounts.Authenticate(officer->token);
  ASSERT_TRUE(as_officer.ok());
  EXPECT_EQ(as_officer->account_id, officer->account.id);
  EXPECT_EQ(as_officer->role, registry::Role::kOfficer);

  // Only the bureau creates accounts; bad input names the field; nothing is written on failure.
  EXPECT_EQ(accounts.Create(*as_officer, {"x", registry::Role::kOfficer, "", "", ""}).status().code(), Code::kForbidden);
  auto no_vendor = accounts.Create(*admin, {"v", registry::Role::kVendor, "", "", ""});
  EXPECT_EQ(no_vendor.status().errors().at(0).field, "vendor_id");
  EXPECT_EQ(accounts.Create(*admin, {"  ", registry::Role::kExpert, "", "", ""}).status().errors().at(0).field, "name");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM accounts").at(0).Int(0), 2);

  // The token itself is stored nowhere; only its hash.
  auto stored = Query("SELECT token_hash FROM accounts WHERE id = ?", {officer->account.id});
  EXPECT_EQ(stored.at(0).Text(0), common::Sha256Hex(officer->token));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_log WHERE details LIKE ?", {"%" + officer->token + "%"}).at(0).Int(0), 0);
}

TEST_P(StorageTest, AuthenticationIsCachedUntilTheAuthGenerationMoves) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  registry::AccountService accounts(store, clock_);
  const std::string token = "cached-admin-token-0123456789-abcdef";
  ASSERT_TRUE(*accounts.Bootstrap(token));
  ASSERT_TRUE(accounts.Authenticate(token).ok());
  // Remove the account behind the service's back: the cached lookup still answers, however
  // much time passes, because nothing moved the auth generation...
  ASSERT_TRUE(Exec("DELETE FROM accounts").ok());
  EXPECT_TRUE(accounts.Authenticate(token).ok());
  clock_.AdvanceMicros(int64_t{3600} * 1000000);
  EXPECT_TRUE(accounts.Authenticate(token).ok());
  // ...and the moment it moves (as every revocation does), the database decides again.
  ASSERT_TRUE(Exec("UPDATE auth_generation SET n = n + 1 WHERE id = 1").ok());
  EXPECT_EQ(accounts.Authenticate(token).status().code(), Code::kUnauthenticated);
  // Unknown tokens are never cached as valid.
  EXPECT_EQ(accounts.Authenticate("never-seen-token-0123456789-abcdef").status().code(), Code::kUnauthenticated);
}

// Every write that changes who may authenticate moves the auth generation in its own
// transaction (registry/store.h); bookkeeping writes do not. A write that forgot would let an
// instance keep honouring a revoked token, so each one is checked here, on both backends.
TEST_P(StorageTest, EveryRevokingAccountWriteMovesTheAuthGeneration) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  registry::Account a;
  a.id = "acc_gen";
  a.name = "代际";
  a.role = registry::Role::kOfficer;
  a.login = "gen.login";
  a.created_at = clock_.Now();
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.accounts().Insert(a, "th1", "ph1"); }).ok());
  registry::Session session{"sh1", a.id, 1, 1, 100};
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.accounts().InsertSession(session); }).ok());
  auto generation = [&] {
    int64_t g = 0;
    EXPECT_TRUE(store.Read([&](registry::UnitOfWork& u) -> Status {
      ASSIGN_OR_RETURN(g, u.accounts().AuthGeneration());
      return Status::Ok();
    }).ok());
    return g;
  };
  using Write = std::function<Status(registry::AccountStore&)>;
  const std::vector<std::pair<std::string, Write>> revoking = {
      {"Update", [&](registry::AccountStore& s) {
         a.status = registry::AccountStatus::kDisabled;
         Status st = s.Update(a, a.version);
         ++a.version;
         return st;
       }},
      {"SetTokenHash", [](registry::AccountStore& s) { return s.SetTokenHash("acc_gen", "th2"); }},
      {"SetPasswordHash", [](registry::AccountStore& s) { return s.SetPasswordHash("acc_gen", "ph2", true); }},
      {"DeleteSession", [](registry::AccountStore& s) { return s.DeleteSession("sh1"); }},
      {"DeleteSessionsOf", [](registry::AccountStore& s) { return s.DeleteSessionsOf("acc_gen"); }},
  };
  // (No structured bindings here: clang 14 cannot capture them in the lambdas below.)
  for (const auto& entry : revoking) {
    const std::string& name = entry.first;
    const Write& write = entry.second;
    int64_t before = generation();
    ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return write(u.accounts()); }).ok()) << name;
    EXPECT_NE(generation(), before) << name << " did not move the auth generation";
  }
  const std::vector<std::pair<std::string, Write>> bookkeeping = {
      {"TouchLastSeen", [&](registry::AccountStore& s) { return s.TouchLastSeen("acc_gen", clock_.Now()); }},
      {"TouchSession", [](registry::AccountStore& s) { return s.TouchSession("sh1", 5); }},
      {"AddSignInFailure", [](registry::AccountStore& s) { return s.AddSignInFailure("gen.login", 5); }},
  };
  for (const auto& entry : bookkeeping) {
    const std::string& name = entry.first;
    const Write& write = entry.second;
    int64_t before = generation();
    ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return write(u.accounts()); }).ok()) << name;
    EXPECT_EQ(generation(), before) << name << " moved the auth generation (it revokes nothing)";
  }
  // The rows read back as written; a stored status the code does not know is an error, not a default.
  std::string hash;
  std::optional<registry::Account> found;
  ASSERT_TRUE(store.Read([&](registry::UnitOfWork& u) -> Status {
    ASSIGN_OR_RETURN(found, u.accounts().FindByLogin("gen.login", &hash));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, registry::AccountStatus::kDisabled);
  EXPECT_TRUE(found->must_change_password);
  EXPECT_TRUE(found->last_seen_at.has_value());
  EXPECT_EQ(hash, "ph2");
  // (SQLite's CHECK constraint refuses such a value already; MySQL's column takes it.)
  if (Exec("UPDATE accounts SET status = 'sleeping' WHERE id = 'acc_gen'").ok()) {
    Status unknown = store.Read([&](registry::UnitOfWork& u) { return u.accounts().Get("acc_gen").status(); });
    EXPECT_EQ(unknown.code(), Code::kInternal);
  } else {
    EXPECT_EQ(GetParam(), "sqlite");
  }
}

TEST_P(StorageTest, AuditChainAppendsListsAndVerifies) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) {
      return registry::AppendAudit(u, clock_.Now(), "acc_a", "thing.do", i % 2 ? "odd" : "even",
                                   "id" + std::to_string(i), "{\"i\":\"" + std::to_string(i) + "\"}");
    }).ok());
  }
  registry::AuditService audit(store);
  registry::Actor auditor{"acc_b", registry::Role::kAuditor, ""};
  auto page1 = audit.List(auditor, {}, {3, ""});
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->items.size(), 3u);
  EXPECT_EQ(page1->items[0].seq, 1);
  ASSERT_TRUE(page1->next.has_value());
  auto page3 = audit.List(auditor, {}, {3, "6"});
  ASSERT_EQ(page3->items.size(), 1u);
  EXPECT_EQ(page3->items[0].seq, 7);
  EXPECT_FALSE(page3->next.has_value());
  registry::AuditFilter odd_filter;
  odd_filter.entity_type = "odd";
  auto odd = audit.List(auditor, odd_filter, {50, ""});
  EXPECT_EQ(odd->items.size(), 3u);
  registry::AuditFilter one_filter;
  one_filter.entity_type = "even";
  one_filter.entity_id = "id4";
  auto one = audit.List(auditor, one_filter, {50, ""});
  ASSERT_EQ(one->items.size(), 1u);
  EXPECT_EQ(one->items[0].seq, 5);

  auto report = audit.Verify(auditor);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->entries, 7);

  EXPECT_EQ(audit.Verify({"acc_c", registry::Role::kVendor, "ven_1"}).status().code(), Code::kForbidden);
}

TEST_P(StorageTest, VerifyFindsEditsDeletionsAndReordering) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) {
      return registry::AppendAudit(u, clock_.Now(), "acc_a", "x.y", "t", "e" + std::to_string(i), "{}");
    }).ok());
  }
  registry::AuditService audit(store);
  registry::Actor bureau{"acc_b", registry::Role::kBureau, ""};
  auto verdict = [&]() { return *audit.Verify(bureau); };
  ASSERT_TRUE(verdict().ok);

  ASSERT_TRUE(Exec("UPDATE audit_log SET actor = 'acc_evil' WHERE seq = 3").ok());
  EXPECT_FALSE(verdict().ok);
  EXPECT_EQ(verdict().first_bad_seq, 3);
  ASSERT_TRUE(Exec("UPDATE audit_log SET actor = 'acc_a' WHERE seq = 3").ok());
  ASSERT_TRUE(verdict().ok);

  ASSERT_TRUE(Exec("UPDATE audit_log SET at = '2027-01-01T00:00:00Z' WHERE seq = 2").ok());
  EXPECT_EQ(verdict().first_bad_seq, 2);
  ASSERT_TRUE(Exec("UPDATE audit_log SET at = '2026-12-01T09:00:00Z' WHERE seq = 2").ok());
  ASSERT_TRUE(verdict().ok);

  ASSERT_TRUE(Exec("DELETE FROM audit_log WHERE seq = 5").ok());
  EXPECT_FALSE(verdict().ok);
  EXPECT_EQ(verdict().first_bad_seq, 5);

  ASSERT_TRUE(Exec("DELETE FROM audit_log WHERE seq = 2").ok());
  EXPECT_EQ(verdict().first_bad_seq, 2);
}

TEST_P(StorageTest, ConcurrentAppendsFormOneChain) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  constexpr int kThreads = 4, kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Status st = store.Write([&](registry::UnitOfWork& u) {
          return registry::AppendAudit(u, clock_.Now(), "acc_" + std::to_string(t), "x.y", "t",
                                       std::to_string(t) + ":" + std::to_string(i), "{}");
        });
        if (!st.ok()) failures.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto rows = Query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM audit_log");
  EXPECT_EQ(rows[0].Int(0), kThreads * kEach);
  EXPECT_EQ(rows[0].Int(1), 1);
  EXPECT_EQ(rows[0].Int(2), kThreads * kEach);
  registry::AuditService audit(store);
  auto report = audit.Verify({"a", registry::Role::kAuditor, ""});
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->entries, kThreads * kEach);
}

TEST_P(StorageTest, IdempotencyKeysReserveReplayAndRefuseOtherBodies) {
  Migrated();
  IdempotencyStore keys(*db_);
  using O = IdempotencyStore::Outcome;
  IdempotencyStore::Response got;
  EXPECT_EQ(*keys.Reserve("acct:a|k1", "h1", 1000, &got), O::kReserved);
  EXPECT_EQ(*keys.Reserve("acct:a|k1", "h1", 1001, &got), O::kInProgress);
  ASSERT_TRUE(keys.Complete("acct:a|k1", {201, "content-type: application/json\n", "{\"id\":\"x\"}"}).ok());
  ASSERT_EQ(*keys.Reserve("acct:a|k1", "h1", 1002, &got), O::kReplay);
  EXPECT_EQ(got.status, 201);
  EXPECT_EQ(got.body, "{\"id\":\"x\"}");
  EXPECT_EQ(*keys.Reserve("acct:a|k1", "h2", 1003, &got), O::kMismatch);
  EXPECT_EQ(*keys.Reserve("acct:b|k1", "h2", 1003, &got), O::kReserved);  // scopes are separate
  ASSERT_TRUE(keys.Release("acct:b|k1").ok());
  EXPECT_EQ(*keys.Reserve("acct:b|k1", "h2", 1004, &got), O::kReserved);
  // An abandoned reservation is taken over after the stale period.
  EXPECT_EQ(*keys.Reserve("acct:b|k1", "h2", 1004 + IdempotencyStore::kStaleReservationSeconds + 1, &got),
            O::kReserved);
  EXPECT_EQ(*keys.Expire(1003), 1);  // the completed one
}

TEST_P(StorageTest, ConcurrentReservationsAdmitExactlyOne) {
  Migrated();
  IdempotencyStore keys(*db_);
  std::atomic<int> reserved{0}, other{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      IdempotencyStore::Response got;
      auto r = keys.Reserve("anon:1.2.3.4|same", "h", 5000, &got);
      if (!r.ok()) {
        failed.fetch_add(1);
      } else if (*r == IdempotencyStore::Outcome::kReserved) {
        reserved.fetch_add(1);
      } else {
        other.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(reserved.load(), 1);
  EXPECT_EQ(reserved.load() + other.load() + failed.load(), 8);
  EXPECT_EQ(failed.load(), 0);
}

TEST_P(StorageTest, PoolServesMoreThreadsThanConnections) {
  Migrated();
  auto small = tdb_->Open(2);
  ASSERT_NE(small, nullptr);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (small->Ping().ok()) ok.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 160);
}

// Every repository write that market access depends on moves the access generation in its own
// transaction, and nothing else does; and a cache in one "instance" sees another's writes.
TEST_P(StorageTest, EveryAccessWriteMovesTheGenerationAndCachesFollowIt) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  auto generation = [&] {
    int64_t g = 0;
    Status st = store.Read([&](registry::UnitOfWork& uow) -> Status {
      ASSIGN_OR_RETURN(g, uow.AccessGeneration());
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return g;
  };
  auto moves = [&](const char* what, const std::function<Status(registry::UnitOfWork&)>& fn) {
    int64_t before = generation();
    Status st = store.Write(fn);
    ASSERT_TRUE(st.ok()) << what << ": " << st.ToString();
    EXPECT_NE(generation(), before) << what << " did not move the access generation";
  };
  common::Date day = *common::ParseDate("2026-01-01");
  registry::QualificationType type{"T", "type", registry::Holder::kVendor, {"B", "A"}, 0, 1};
  registry::QualificationType ptype{"P", "person", registry::Holder::kPractitioner, {}, 0, 1};
  registry::Category cat{"C", "cat", registry::CategoryKind::kServices, {}, 1};
  cat.requirements.push_back({registry::Requirement::Kind::kQualification, "T", "B", 1});
  registry::Vendor v;
  v.id = "ven_1";
  v.name = "v";
  v.credit_code = testing_support::ValidCreditCode(1);
  v.status = registry::VendorStatus::kListed;
  registry::Qualification q{"qua_1", "ven_1", "T", "A", "no", "issuer", day, day.AddYears(3),
                            registry::QualificationStatus::kActive, "", 1, ""};
  registry::Sanction sanction{"san_1", "ven_1", registry::SanctionKind::kSuspension, "why", day, day.AddYears(10),
                              false, "", clock_.Now(), 1, ""};
  registry::Practitioner person;
  person.id = "pra_1";
  person.vendor_id = "ven_1";
  person.name = "p";
  person.id_number_masked = "4405**********1234";
  person.id_number_hash = "hash";
  person.credentials = {{"P", "", "c", day, std::nullopt}};
  person.created_at = clock_.Now();

  moves("PutType", [&](registry::UnitOfWork& u) { return u.reference().PutType(type); });
  moves("PutType (practitioner)", [&](registry::UnitOfWork& u) { return u.reference().PutType(ptype); });
  moves("PutCategory", [&](registry::UnitOfWork& u) { return u.reference().PutCategory(cat); });
  moves("vendor Insert", [&](registry::UnitOfWork& u) { return u.vendors().Insert(v); });
  moves("qualification Insert", [&](registry::UnitOfWork& u) { return u.qualifications().Insert(q); });
  moves("practitioner Insert", [&](registry::UnitOfWork& u) { return u.practitioners().Insert(person); });
  person.departed_on = day;
  moves("practitioner Update", [&](registry::UnitOfWork& u) { return u.practitioners().Update(person, 1, day); });
  registry::CatalogItem item;
  item.id = "itm_1";
  item.vendor_id = "ven_1";
  item.category = "C";
  item.name = "运维";
  item.unit = "项";
  item.unit_price = common::Money{100};
  item.created_at = clock_.Now();
  moves("catalog Insert", [&](registry::UnitOfWork& u) { return u.catalog().Insert(item, {"运维"}); });
  item.status = registry::ItemStatus::kListed;
  moves("catalog Update", [&](registry::UnitOfWork& u) { return u.catalog().Update(item, 1); });

  // A second store and cache over the same database: another registryd instance.
  SqlStore other(*db_, testing_support::kAuditKey);
  registry::AccessCache cache;
  auto eligible = [&](registry::Store& s) {
    bool ok = false;
    Status st = s.Read([&](registry::UnitOfWork& uow) -> Status {
      ASSIGN_OR_RETURN(registry::AccessCache::View view, cache.Open(uow));
      ASSIGN_OR_RETURN(auto vendor, view.Vendor("ven_1"));
      ASSIGN_OR_RETURN(auto category, view.GetCategory("C"));
      ASSIGN_OR_RETURN(auto types, view.Types());
      if (!vendor || !category) return Status::Internal("missing");
      ok = registry::DecideMarketAccess(vendor->snapshot, category->requirements, *types, day.AddDays(10)).eligible;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return ok;
  };
  EXPECT_TRUE(eligible(other));
  EXPECT_TRUE(eligible(other));
  EXPECT_GE(cache.stats().hits, 3u) << "the second read should come from the cache";

  moves("sanction Insert", [&](registry::UnitOfWork& u) { return u.sanctions().Insert(sanction); });
  EXPECT_FALSE(eligible(other)) << "a sanction written through one store must reach the other's cache";
  sanction.lifted = true;
  sanction.lift_reason = "appeal";
  // A stale version changes nothing (store.h: every Update is versioned, sanctions included).
  Status stale = store.Write([&](registry::UnitOfWork& u) { return u.sanctions().Update(sanction, 7); });
  EXPECT_EQ(stale.code(), Code::kVersionMismatch) << stale.ToString();
  EXPECT_FALSE(eligible(other));
  moves("sanction Update", [&](registry::UnitOfWork& u) { return u.sanctions().Update(sanction, 1); });
  EXPECT_TRUE(eligible(other));
  Status again = store.Write([&](registry::UnitOfWork& u) { return u.sanctions().Update(sanction, 1); });
  EXPECT_EQ(again.code(), Code::kVersionMismatch) << "the version moved to 2";
  q.status = registry::QualificationStatus::kSuspended;
  moves("qualification Update", [&](registry::UnitOfWork& u) { return u.qualifications().Update(q, 1); });
  EXPECT_FALSE(eligible(other));
  v.status = registry::VendorStatus::kDelisted;
  moves("vendor Update", [&](registry::UnitOfWork& u) { return u.vendors().Update(v, 1); });
  EXPECT_FALSE(eligible(other));

  // A rolled-back write leaves the generation as it was, and reads do not move it.
  int64_t before = generation();
  Status failed = store.Write([&](registry::UnitOfWork& u) -> Status {
    RETURN_IF_ERROR(u.sanctions().Insert(registry::Sanction{"san_2", "ven_1", registry::SanctionKind::kDebarment,
                                                             "x", day, day, false, "", clock_.Now(), 1, ""}));
    return Status::Conflict("roll back");
  });
  EXPECT_EQ(failed.code(), Code::kConflict);
  EXPECT_EQ(generation(), before);
  EXPECT_FALSE(eligible(other));
  EXPECT_EQ(generation(), before);
}

// Readers racing writers: a reader's generation is never older than the last write committed
// before it began. On MySQL the readers share their generation round trips
// (storage/coalesced_read.h), which must not make anyone's value stale; on SQLite each reads its own.
// The race that sharing could get wrong (a write committing between a shared read's send and a
// reader's arrival) is rarely hit here; CoalescedReadTest pins that ordering deterministically.
// This test shows the store really shares on MySQL and stays fresh against a real server.
TEST_P(StorageTest, ConcurrentReadersNeverSeeAGenerationOlderThanTheirStart) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  // history[k] = the generation the k-th committed write set; `committed` is published after
  // the commit returns, so a reader that loads k has started after writes 0..k-1 committed.
  std::vector<int64_t> history;
  std::mutex history_mu;
  std::atomic<size_t> committed{0};
  std::atomic<bool> stop{false};
  std::atomic<int> write_errors{0};
  std::thread writer([&] {
    for (int i = 0; !stop && i < 400; ++i) {
      int64_t set = 0;
      registry::QualificationType type{"T" + std::to_string(i % 5), "type", registry::Holder::kVendor, {}, 0, 1};
      Status st = store.Write([&](registry::UnitOfWork& u) -> Status {
        RETURN_IF_ERROR(u.reference().PutType(type));
        ASSIGN_OR_RETURN(set, u.AccessGeneration());  // its own, uncommitted: write mode reads itself
        return Status::Ok();
      });
      if (!st.ok()) {
        write_errors.fetch_add(1);
        continue;
      }
      {
        std::lock_guard lock(history_mu);
        history.push_back(set);
      }
      committed.store(history.size());
    }
  });
  struct Seen {
    size_t committed_at_start;
    int64_t generation;
  };
  constexpr int kReaders = 6, kReads = 150;
  std::vector<std::vector<Seen>> seen(kReaders);
  std::atomic<int> read_errors{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      // At least kReads, and on until a few writes have committed (SQLite's are slow: FULL sync).
      for (int i = 0; (i < kReads || committed.load() < 3) && i < 100000; ++i) {
        size_t at_start = committed.load();
        int64_t g = 0;
        Status st = store.Read([&](registry::UnitOfWork& uow) -> Status {
          ASSIGN_OR_RETURN(g, uow.AccessGeneration());
          return Status::Ok();
        });
        if (!st.ok()) {
          read_errors.fetch_add(1);
          continue;
        }
        seen[t].push_back({at_start, g});
      }
    });
  }
  for (auto& th : readers) th.join();
  stop = true;
  writer.join();
  ASSERT_EQ(write_errors.load(), 0);
  ASSERT_EQ(read_errors.load(), 0);
  ASSERT_GT(history.size(), 0u);
  // Values are random 63-bit numbers, so each names its write; the initial row is none of them.
  std::unordered_map<int64_t, size_t> index;
  for (size_t k = 0; k < history.size(); ++k) index[history[k]] = k;
  int stale = 0, checked = 0;
  for (const auto& per_reader : seen) {
    for (const Seen& s : per_reader) {
      if (s.committed_at_start == 0) continue;  // any value is fresh enough before the first write
      ++checked;
      auto it = index.find(s.generation);
      if (it == index.end() || it->second + 1 < s.committed_at_start) ++stale;
    }
  }
  EXPECT_GT(checked, 0);
  EXPECT_EQ(stale, 0) << "a reader saw a generation older than a write committed before it began";
  if (db_->dialect() == Dialect::kMysql) {
    uint64_t reads = 0;
    for (const auto& per_reader : seen) reads += per_reader.size();
    EXPECT_LT(store.shared_generation_reads(), reads)
        << "concurrent MySQL readers should have shared some generation reads";
  } else {
    EXPECT_EQ(store.shared_generation_reads(), 0u) << "SQLite readers read the row in their own snapshot";
  }
}

// Within a RequestScope a MySQL request reads both generations once (the token check and the
// cached read after it share the round trip); a write in the request ends the reuse, so a read
// after it sees the write. Outside a scope every read goes to the row.
TEST_P(StorageTest, ARequestReadsTheGenerationsOnceAndAgainAfterItsOwnWrite) {
  Migrated();
  SqlStore store(*db_, testing_support::kAuditKey);
  auto read = [&](int64_t* access, int64_t* auth) {
    ASSERT_TRUE(store.Read([&](registry::UnitOfWork& u) -> Status {
      ASSIGN_OR_RETURN(*auth, u.accounts().AuthGeneration());
      ASSIGN_OR_RETURN(*access, u.AccessGeneration());
      return Status::Ok();
    }).ok());
  };
  const bool mysql = db_->dialect() == Dialect::kMysql;
  int64_t access1 = 0, auth1 = 0, access2 = 0, auth2 = 0;
  {
    RequestScope scope;
    uint64_t before = store.shared_generation_reads();
    read(&access1, &auth1);
    read(&access2, &auth2);
    EXPECT_EQ(store.shared_generation_reads() - before, mysql ? 1u : 0u);
    EXPECT_EQ(access1, access2);
    EXPECT_EQ(auth1, auth2);
    // The request's own write: the next read must see its generation, never the reused one.
    ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.accounts().DeleteSessionsOf("acc_none"); }).ok());
    read(&access2, &auth2);
    EXPECT_NE(auth2, auth1) << "a read after the request's own write reused a generation from before it";
    EXPECT_EQ(store.shared_generation_reads() - before, mysql ? 2u : 0u);
  }
  // A write by someone else, seen by the next request (a new scope), and by reads outside any.
  ASSERT_TRUE(Exec("UPDATE access_generation SET n = n + 1 WHERE id = 1").ok());
  {
    RequestScope scope;
    int64_t access3 = 0, auth3 = 0;
    read(&access3, &auth3);
    EXPECT_EQ(access3, access2 + 1);
  }
  ASSERT_TRUE(Exec("UPDATE access_generation SET n = n + 1 WHERE id = 1").ok());
  int64_t access4 = 0, auth4 = 0;
  read(&access4, &auth4);
  EXPECT_EQ(access4, access2 + 2);
}

// Scores stored before they were bound to expert accounts (schema 008) keep their typed name
// and are marked legacy; scores stored after are not.
TEST_P(StorageTest, ScoresFromBeforeExpertAccountsBecomeLegacy) {
  // The schema as an older binary left it: every migration up to 007.
  MigratedUpTo(7, [&](Tx& tx) -> Status {
    return tx.Exec("INSERT INTO bid_scores (bid_id, expert, tender_id, technical_score, scored_by, scored_at) "
                   "VALUES ('bid_old', '专家 甲', 'tnd_old', 6000, 'acc_x', '2026-11-01T00:00:00Z')")
        .status();
  });
  auto applied = Migrate(*db_, clock_.Now());
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_GE(*applied, 1);
  SqlStore store(*db_, testing_support::kAuditKey);
  ASSERT_TRUE(store.WriteProcurement([&](procurement::ProcurementUnitOfWork& u) {
    return u.tenders().PutScore("tnd_old", procurement::Score{"bid_new", "acc_expert", 7000, "acc_expert", clock_.Now()});
  }).ok());
  std::vector<procurement::Score> scores;
  ASSERT_TRUE(store.ReadProcurement([&](procurement::ProcurementUnitOfWork& u) -> Status {
    ASSIGN_OR_RETURN(scores, u.tenders().ListScores("tnd_old"));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].bid_id, "bid_new");
  EXPECT_FALSE(scores[0].legacy);
  EXPECT_EQ(scores[1].bid_id, "bid_old");
  EXPECT_TRUE(scores[1].legacy);
  EXPECT_EQ(scores[1].expert, "专家 甲");
  EXPECT_EQ(scores[1].technical_score, 6000);
}

// Practitioners stored before the bureau reviewed them (schema 009) become active, except where
// two vendors declared the same person: the first added keeps them, the later one waits for the
// bureau (pending, holding nothing). A person who is then departed may join another vendor, and
// the old one-per-vendor key is gone (the same vendor may take them back).
TEST_P(StorageTest, PractitionersFromBeforeReviewBecomeActiveOncePerPerson) {
  MigratedUpTo(8, [&](Tx& tx) -> Status {
    const char* ins = "INSERT INTO practitioners (id, vendor_id, name, id_number_hash, id_number_masked, created_at) "
                      "VALUES (?, ?, ?, ?, '4405**********1234', ?)";
    RETURN_IF_ERROR(tx.Exec(ins, {"prc_a1", "ven_a", "甲", "h1", "2026-10-01T00:00:00Z"}).status());
    RETURN_IF_ERROR(tx.Exec(ins, {"prc_b1", "ven_b", "甲", "h1", "2026-10-02T00:00:00Z"}).status());  // 挂证
    return tx.Exec(ins, {"prc_b2", "ven_b", "乙", "h2", "2026-10-03T00:00:00Z"}).status();
  });
  auto applied = Migrate(*db_, clock_.Now());
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  SqlStore store(*db_, testing_support::kAuditKey);
  auto get = [&](const std::string& id) {
    registry::Practitioner p;
    EXPECT_TRUE(store.Read([&](registry::UnitOfWork& u) -> Status {
      ASSIGN_OR_RETURN(auto found, u.practitioners().Get(id));
      if (!found) return Status::NotFound("gone");
      p = *found;
      return Status::Ok();
    }).ok());
    return p;
  };
  EXPECT_EQ(get("prc_a1").Status(), "active");
  EXPECT_EQ(get("prc_b1").Status(), "pending");
  EXPECT_EQ(get("prc_b2").Status(), "active");
  common::Date today = *common::ParseDate("2026-11-15");
  // prc_b1 cannot be approved while A holds the person.
  registry::Practitioner b1 = get("prc_b1");
  b1.review = registry::PractitionerReview::kActive;
  Status held = store.Write([&](registry::UnitOfWork& u) { return u.practitioners().Update(b1, b1.version, today); });
  EXPECT_EQ(held.code(), common::Code::kConflict) << held.ToString();
  // A's person leaves; then B's is approved, and A may take them back later only once B lets go.
  registry::Practitioner a1 = get("prc_a1");
  a1.departed_on = today;
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.practitioners().Update(a1, a1.version, today); }).ok());
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.practitioners().Update(b1, b1.version, today); }).ok());
  EXPECT_EQ(get("prc_b1").Status(), "active");
  registry::Practitioner again = get("prc_b2");
  again.id = "prc_b3";
  again.version = 1;
  again.review = registry::PractitionerReview::kPending;
  EXPECT_EQ(store.Write([&](registry::UnitOfWork& u) { return u.practitioners().Insert(again); }).code(),
            common::Code::kConflict);  // B holds 乙 already
  registry::Practitioner b2 = get("prc_b2");
  b2.departed_on = today;
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.practitioners().Update(b2, b2.version, today); }).ok());
  EXPECT_TRUE(store.Write([&](registry::UnitOfWork& u) { return u.practitioners().Insert(again); }).ok())
      << "the same vendor takes a person back";
}

// Every stored enum column takes only its C++ table's names (schema 013: CHECK constraints on
// MySQL, triggers on SQLite), and the lists in the schema are the tables' lists.
TEST_P(StorageTest, EveryEnumColumnTakesExactlyItsTablesNames) {
  Migrated();
  struct Column {
    const char* table;
    const char* column;
    std::vector<std::string> names;
  };
  const std::vector<Column> columns = {
      {"vendors", "enterprise_size", common::NamesIn(registry::kEnterpriseSizeNames)},
      {"vendors", "status", common::NamesIn(registry::kVendorStatusNames)},
      {"qualification_types", "holder", common::NamesIn(registry::kHolderNames)},
      {"categories", "kind", common::NamesIn(registry::kCategoryKindNames)},
      {"category_requirements", "kind", common::NamesIn(registry::kRequirementKindNames)},
      {"qualifications", "status", common::NamesIn(registry::kQualificationStatusNames)},
      {"practitioners", "status", common::NamesIn(registry::kPractitionerReviewNames)},
      {"applications", "kind", common::NamesIn(registry::kApplicationKindNames)},
      {"applications", "status", common::NamesIn(registry::kApplicationStatusNames)},
      {"sanctions", "kind", common::NamesIn(registry::kSanctionKindNames)},
      {"catalog_items", "status", common::NamesIn(registry::kItemStatusNames)},
      {"tenders", "method", common::NamesIn(procurement::kMethodNames)},
      {"tenders", "status", common::NamesIn(procurement::kTenderStatusNames)},
      {"tenders", "expert_aggregation", common::NamesIn(procurement::kAggregationNames)},
      {"tender_requirements", "kind", common::NamesIn(registry::kRequirementKindNames)},
  };
  bool mysql = db_->dialect() == Dialect::kMysql;
  for (const Column& c : columns) {
    std::string name = std::string(c.table) + "_" + c.column;
    std::vector<std::string> texts;
    ASSERT_TRUE(db_->Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
      // The constraint's text as the database keeps it; the quoted words in it are the names.
      auto rows = mysql ? tx.Query("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE "
                                   "CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = ?", {name})
                        : tx.Query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?) ORDER BY name",
                                   {name + "_insert", name + "_update"});
      if (!rows.ok()) return rows.status();
      for (const Row& r : *rows) texts.push_back(r.Text(0));
      return Status::Ok();
    }).ok());
    ASSERT_EQ(texts.size(), mysql ? 1u : 2u) << name;
    for (std::string text : texts) {
      if (!mysql) text = text.substr(text.find("NOT IN"), text.find("BEGIN") - text.find("NOT IN"));
      std::vector<std::string> quoted;
      for (size_t at = text.find('\''); at != std::string::npos; at = text.find('\'', text.find('\'', at + 1) + 1)) {
        quoted.push_back(text.substr(at + 1, text.find('\'', at + 1) - at - 1));
      }
      std::sort(quoted.begin(), quoted.end());
      std::vector<std::string> want = c.names;
      std::sort(want.begin(), want.end());
      EXPECT_EQ(quoted, want) << name << ": " << text;
    }
  }
}

// A stored name this binary does not know fails closed: reading the record is an internal
// error, never the enum's first value (an unknown qualification status once read as "active").
// The database refuses such a write; the test turns its checks off to make one, as a newer
// binary or a hand edit could.
TEST_P(StorageTest, AnUnknownStoredNameFailsClosedAndTheDatabaseRefusesIt) {
  Migrated();
  bool mysql = db_->dialect() == Dialect::kMysql;
  auto exec = [&](const std::string& sql) {
    return db_->Transact(Database::Mode::kWrite, [&](Tx& tx) { return tx.Exec(sql).status(); });
  };
  ASSERT_TRUE(exec("INSERT INTO vendors (id, name, credit_code, enterprise_size, region_code, contact_name, "
                   "contact_phone, contact_email, contact_address, status, created_at, updated_at, version) VALUES "
                   "('ven_x', '甲', '91440500MA00000001', 'small', '', '', '', '', '', 'listed', "
                   "'2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 1)").ok());
  ASSERT_TRUE(exec("INSERT INTO qualifications (id, vendor_id, type, level, certificate_no, issuer, issued_on, "
                   "expires_on, status, status_reason, version) VALUES ('qua_x', 'ven_x', 'CS', 'CS3', 'c', 'i', "
                   "'2025-01-01', '2027-12-31', 'active', '', 1)").ok());
  EXPECT_FALSE(exec("UPDATE qualifications SET status = 'expired' WHERE id = 'qua_x'").ok());
  EXPECT_FALSE(exec("UPDATE vendors SET status = 'approved' WHERE id = 'ven_x'").ok());
  EXPECT_FALSE(exec("UPDATE vendors SET enterprise_size = 'huge' WHERE id = 'ven_x'").ok());
  SqlStore store(*db_, testing_support::kAuditKey);
  auto read = [&]() {
    return store.Read([&](registry::UnitOfWork& u) -> Status {
      ASSIGN_OR_RETURN(auto q, u.qualifications().Get("qua_x"));
      if (!q) return Status::NotFound("gone");
      return Status::Ok();
    });
  };
  ASSERT_TRUE(read().ok());
  // Checks off, as a newer binary's schema or a hand edit would leave them.
  ASSERT_TRUE(db_->Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
    if (mysql) {
      RETURN_IF_ERROR(tx.Exec("SET SESSION check_constraint_checks = 0").status());
    } else {
      RETURN_IF_ERROR(tx.ExecOnce("DROP TRIGGER qualifications_status_update"));
    }
    RETURN_IF_ERROR(tx.Exec("UPDATE qualifications SET status = 'expired' WHERE id = 'qua_x'").status());
    if (mysql) RETURN_IF_ERROR(tx.Exec("SET SESSION check_constraint_checks = 1").status());
    return Status::Ok();
  }).ok());
  Status st = read();
  EXPECT_EQ(st.code(), Code::kInternal) << st.ToString();
}

// Columns added to a reconciled table later (bids.status and withdrawn_at, schema 012) enter a
// row's digest only when they differ from the default the migration gave: a bid stored before
// keeps the digest its audit entry holds, and a withdrawal changes it.
TEST_P(StorageTest, LateColumnsKeepTheDigestsOfRowsStoredBefore) {
  const std::string key = testing_support::kAuditKey;
  // The digest a binary before schema 012 gave this row and stored in its audit entry:
  // HMAC-SHA-256 under `key` of ["bid",[the 16 columns as text]], computed apart from this code.
  const std::string before = "4c2efe07aa5583334223cd3abb8cb2f85cf093415e23a284873eeaff366c5cf9";
  MigratedUpTo(11, [&](Tx& tx) -> Status {
    return tx.Exec("INSERT INTO bids (id, tender_id, vendor_id, price, domestic_claimed, domestic, items, note, "
                   "salt, digest, submitted_at, version) VALUES ('bid_old', 'tnd_old', 'ven_old', 80000000, 0, 0, "
                   "'', '', 's', 'd', '2026-11-01T00:00:00Z', 1)")
        .status();
  });
  ASSERT_TRUE(Migrate(*db_, clock_.Now()).ok());
  auto digest = [&](const std::string& change) {
    std::string d;
    EXPECT_TRUE(db_->Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
      if (!change.empty()) RETURN_IF_ERROR(tx.Exec(change).status());
      ASSIGN_OR_RETURN(d, RowDigest(tx, key, "bid", "bid_old"));
      return Status::Ok();
    }).ok());
    return d;
  };
  EXPECT_EQ(digest(""), before) << "the migration changed the digest of a bid stored before it";
  std::string withdrawn =
      digest("UPDATE bids SET status = 'withdrawn', withdrawn_at = '2026-11-02T00:00:00Z' WHERE id = 'bid_old'");
  EXPECT_NE(withdrawn, before);
  EXPECT_NE(digest("UPDATE bids SET withdrawn_at = '2026-11-03T00:00:00Z' WHERE id = 'bid_old'"), withdrawn);
  EXPECT_NE(digest("UPDATE bids SET withdrawn_at = NULL WHERE id = 'bid_old'"), before);  // status alone differs
  EXPECT_EQ(digest("UPDATE bids SET status = 'submitted' WHERE id = 'bid_old'"), before);
  // The CHECK keeps the column to its two values on every backend.
  EXPECT_FALSE(db_->Transact(Database::Mode::kWrite, [&](Tx& tx) {
    return tx.Exec("UPDATE bids SET status = 'lost' WHERE id = 'bid_old'").status();
  }).ok());
}

// A chain from before the key (plain SHA-256, no row digests) is sealed once: re-hashed under
// the key, the last entry about each record given its row digest, a baseline entry for a record
// no entry describes, and an audit.seal entry. It then verifies and reconciles. Flipping the
// scheme back in SQL does not get a chain re-sealed: it no longer holds under the old rule.
TEST_P(StorageTest, AChainFromBeforeTheKeyIsSealedOnceAndThenReconciles) {
  auto applied = Migrate(*db_, clock_.Now());
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  const char* vendor_sql =
      "INSERT INTO vendors (id, name, credit_code, enterprise_size, status, created_at, updated_at, version) "
      "VALUES (?, ?, ?, 'small', 'registered', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)";
  ASSERT_TRUE(db_->Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
    RETURN_IF_ERROR(tx.Exec(vendor_sql, {"ven_old", "旧公司", testing_support::ValidCreditCode(1)}).status());
    RETURN_IF_ERROR(tx.Exec(vendor_sql, {"ven_silent", "无记录公司", testing_support::ValidCreditCode(2)}).status());
    std::string prev = registry::kGenesisHash;
    for (int i = 1; i <= 3; ++i) {
      registry::AuditEntry e;
      e.seq = i;
      e.at = clock_.Now();
      e.actor = "acc_old";
      e.action = i == 1 ? "vendor.register" : "account.create";
      e.entity_type = i == 1 ? "vendor" : "account";
      e.entity_id = i == 1 ? "ven_old" : "acc_" + std::to_string(i);
      e.details = "{}";
      e.digest = registry::AuditDigest(e.details);
      e.prev_hash = prev;
      e.hash = registry::LegacyAuditHash(e);
      prev = e.hash;
      RETURN_IF_ERROR(tx.Exec("INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, details, digest, "
                              "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              {e.seq, common::FormatTimestamp(e.at), e.actor, e.action, e.entity_type, e.entity_id,
                               e.details, e.digest, e.prev_hash, e.hash})
                          .status());
    }
    return tx.Exec("UPDATE audit_head SET seq = 3, hash = ?, scheme = 'sha256' WHERE id = 1", {prev}).status();
  }).ok());
  SqlStore store(*db_, testing_support::kAuditKey);
  // Not sealed yet: nothing may be appended to it.
  EXPECT_EQ(store.Write([&](registry::UnitOfWork& u) {
    return registry::AppendAudit(u, clock_.Now(), "acc_a", "x.y", "t", "e", "{}");
  }).code(), Code::kUnavailable);

  auto sealed = SealAuditChain(*db_, testing_support::kAuditKey, clock_.Now());
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  EXPECT_TRUE(sealed->sealed);
  EXPECT_EQ(sealed->entries, 3);
  EXPECT_EQ(sealed->baselines, 1);  // ven_silent
  registry::AuditService audit(store);
  registry::Actor auditor{"acc_aud", registry::Role::kAuditor, ""};
  auto report = audit.Verify(auditor);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->first_bad_seq << " " << report->mismatched_total;
  EXPECT_EQ(report->entries, 5);  // 3 old, the baseline, the seal
  EXPECT_FALSE(SealAuditChain(*db_, testing_support::kAuditKey, clock_.Now())->sealed);  // once
  ASSERT_TRUE(store.Write([&](registry::UnitOfWork& u) {
    return registry::AppendAudit(u, clock_.Now(), "acc_a", "x.y", "t", "e", "{}");
  }).ok());
  // Under another key the same chain does not verify.
  SqlStore wrong(*db_, "another-key-0123456789abcdefghijklmn");
  EXPECT_EQ(registry::AuditService(wrong).Verify(auditor)->first_bad_seq, 1);

  ASSERT_TRUE(db_->Transact(Database::Mode::kWrite, [&](Tx& tx) {
    return tx.Exec("UPDATE audit_head SET scheme = 'sha256' WHERE id = 1").status();
  }).ok());
  auto again = SealAuditChain(*db_, testing_support::kAuditKey, clock_.Now());
  EXPECT_EQ(again.status().code(), Code::kInvalidState) << again.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

// MySQL only: a pooled connection that the server dropped is replaced, and the transaction that
// found it broken runs again on the new one, with no error reaching the caller.
TEST(MysqlReconnectTest, KilledConnectionIsReplacedTransparently) {
  TestDatabase tdb("mysql");
  ASSERT_TRUE(tdb.ok()) << tdb.error();
  auto db = tdb.Open(1);
  ASSERT_NE(db, nullptr);
  int64_t first_id = 0;
  ASSERT_TRUE(db->Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT CONNECTION_ID()"));
    first_id = rows[0].Int(0);
    return Status::Ok();
  }).ok());
  auto killer = tdb.Open(1);
  ASSERT_NE(killer, nullptr);
  ASSERT_TRUE(killer->Transact(Database::Mode::kWrite, [&](Tx& tx) {
    return tx.ExecOnce("KILL " + std::to_string(first_id));
  }).ok());
  int64_t second_id = 0;
  Status st = db->Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT CONNECTION_ID()"));
    second_id = rows[0].Int(0);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_NE(second_id, first_id);
}

// After a server-side drop of every connection (as in a restart), the first transaction succeeds:
// it must not meet a second stale connection on its retry.
TEST(MysqlReconnectTest, AllIdleConnectionsKilledAtOnce) {
  TestDatabase tdb("mysql");
  ASSERT_TRUE(tdb.ok()) << tdb.error();
  auto db = tdb.Open(4);
  ASSERT_NE(db, nullptr);
  // Open four connections at once so that four sit idle in the pool.
  std::vector<int64_t> ids(4);
  std::vector<std::thread> threads;
  std::atomic<int> inside{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      (void)db->Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
        ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT CONNECTION_ID()"));
        ids[i] = rows[0].Int(0);
        inside.fetch_add(1);
        while (inside.load() < 4) std::this_thread::yield();  // hold until all four are open
        return Status::Ok();
      });
    });
  }
  for (auto& th : threads) th.join();
  auto killer = tdb.Open(1);
  ASSERT_NE(killer, nullptr);
  for (int64_t id : ids) {
    ASSERT_TRUE(killer->Transact(Database::Mode::kWrite, [&](Tx& tx) { return tx.ExecOnce("KILL " + std::to_string(id)); }).ok());
  }
  for (int i = 0; i < 4; ++i) {
    Status st = db->Ping();
    ASSERT_TRUE(st.ok()) << "attempt " << i << ": " << st.ToString();
  }
}

TEST(StorageUrlTest, ParsesAndRedactsMysqlUrls) {
  auto cfg = ParseMysqlUrl("mysql://reg:s3cret@db1:3307,db2/registry");
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->user, "reg");
  EXPECT_EQ(cfg->password, "s3cret");
  ASSERT_EQ(cfg->hosts.size(), 2u);
  EXPECT_EQ(cfg->hosts[0].host, "db1");
  EXPECT_EQ(cfg->hosts[0].port, 3307);
  EXPECT_EQ(cfg->hosts[1].port, 3306);
  EXPECT_EQ(cfg->database, "registry");
  EXPECT_EQ(RedactUrl("mysql://reg:s3cret@db1:3307/registry"), "mysql://reg:***@db1:3307/registry");
  for (const char* bad : {"mysql://db1/registry", "mysql://u:p@db1:0/r", "mysql://u:p@db1:x/r",
                          "mysql://u:p@/r", "mysql://u:p@db1", "mysql://u:p@db1/", "mysql://u:p@a,,b/r"}) {
    EXPECT_FALSE(ParseMysqlUrl(bad).ok()) << bad;
  }
  Database::Options opts;
  EXPECT_EQ(OpenDatabase("postgres://x", opts).status().code(), Code::kValidation);
  EXPECT_EQ(OpenDatabase("sqlite:", opts).status().code(), Code::kValidation);
}

TEST(MigrationSplitTest, SplitsAtLineEndSemicolons) {
  auto parts = SplitStatements("-- c\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nINSERT INTO a VALUES ('1');\n");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT ';')");
  EXPECT_EQ(parts[1], "INSERT INTO a VALUES ('1')");
}

}  // namespace
}  // namespace storage
