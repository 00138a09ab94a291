#include "storage/sql_store.h"

#include <charconv>
#include <optional>
#include <random>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "storage/audit_rows.h"
#include "storage/sql_page.h"
#include "storage/sql_registry_stores.h"
#include "storage/sql_tender_store.h"

namespace storage {
namespace {

using common::Result;
using common::Status;
using registry::Account;
using registry::AuditEntry;

// The RequestScope of this thread: depth > 0 while one is open; `value` once a read filled it.
struct ScopeState {
  int depth = 0;
  std::optional<Generations> value;
};
thread_local ScopeState scope_state;

void EndReuse() { scope_state.value.reset(); }

// How read units of work get the generations: reused within a RequestScope, else (on MySQL)
// through the store's CoalescedRead, else (SQLite) by a statement in the reader's transaction.
class GenerationSource {
 public:
  GenerationSource(Tx& tx, CoalescedRead<Generations>* shared) : tx_(tx), shared_(shared) {}
  Result<Generations> Get() {
    if (!shared_) return Read();
    if (scope_state.depth > 0 && scope_state.value) return *scope_state.value;
    ASSIGN_OR_RETURN(Generations g, shared_->Get([this] { return Read(); }));
    if (scope_state.depth > 0) scope_state.value = g;
    return g;
  }

 private:
  Result<Generations> Read() {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT a.n, u.n FROM access_generation a, auth_generation u "
                                          "WHERE a.id = 1 AND u.id = 1"));
    if (rows.empty()) return Status::Internal("a generation row is missing");
    return Generations{rows[0].Int(0), rows[0].Int(1)};
  }
  Tx& tx_;
  CoalescedRead<Generations>* shared_;
};

constexpr const char* kAccountCols =
    "id, name, role, vendor_id, created_at, version, login, status, must_change_password, last_seen_at, department";

Result<Account> AccountFromRow(const Row& r) {
  Account a;
  a.id = r.Text(0);
  a.name = r.Text(1);
  auto role = registry::ParseRole(r.Text(2));
  if (!role) return Status::Internal("stored account has an unknown role");
  a.role = *role;
  a.vendor_id = r.Text(3);
  auto at = common::ParseTimestamp(r.Text(4));
  if (!at.ok()) return Status::Internal("stored account has a bad timestamp");
  a.created_at = *at;
  a.version = r.Int(5);
  a.login = r.Text(6);
  auto status = registry::ParseAccountStatus(r.Text(7));
  if (!status) return Status::Internal("stored account has an unknown status");
  a.status = *status;
  a.must_change_password = r.Int(8) != 0;
  if (!r.IsNull(9)) {
    auto seen = common::ParseTimestamp(r.Text(9));
    if (!seen.ok()) return Status::Internal("stored account has a bad last_seen_at");
    a.last_seen_at = *seen;
  }
  a.department = r.Text(10);
  return a;
}

// Moves the auth generation (schema/*/005_sign_in.sql) in the caller's transaction, after a
// write that changes who may authenticate. Random for the reason ThenBumpAccess gives.
Status ThenBumpAuth(Tx& tx, Status written) {
  if (!written.ok()) return written;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  int64_t next = static_cast<int64_t>(rng() >> 2);
  return tx.Exec("UPDATE auth_generation SET n = ? WHERE id = 1", {next}).status();
}

Value NullIfEmpty(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

class SqlAccountStore final : public registry::AccountStore {
 public:
  SqlAccountStore(Tx& tx, GenerationSource& generations) : tx_(tx), generations_(generations) {}

  Status Insert(const Account& a, const std::string& token_hash, const std::string& password_hash) override {
    return tx_.Exec("INSERT INTO accounts (id, name, role, vendor_id, token_hash, created_at, version, login, "
                    "password_hash, must_change_password, status, department) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {a.id, a.name, std::string(registry::RoleName(a.role)), NullIfEmpty(a.vendor_id), token_hash,
                     common::FormatTimestamp(a.created_at), a.version, NullIfEmpty(a.login),
                     NullIfEmpty(password_hash), static_cast<int64_t>(a.must_change_password ? 1 : 0),
                     std::string(registry::AccountStatusName(a.status)), a.department})
        .status();
  }

  Result<std::optional<Account>> FindByTokenHash(const std::string& token_hash) override {
    return One(std::string("SELECT ") + kAccountCols + " FROM accounts WHERE token_hash = ?", token_hash);
  }

  Result<std::optional<Account>> FindByLogin(const std::string& login, std::string* password_hash) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kAccountCols +
                                              ", password_hash FROM accounts WHERE login = ?",
                                          {login}));
    if (rows.empty()) return std::optional<Account>();
    ASSIGN_OR_RETURN(Account a, AccountFromRow(rows[0]));
    *password_hash = rows[0].Text(11);
    return std::optional<Account>(std::move(a));
  }

  Result<std::optional<Account>> Get(const std::string& id) override {
    return One(std::string("SELECT ") + kAccountCols + " FROM accounts WHERE id = ?", id);
  }

  Result<int64_t> Count() override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT COUNT(*) FROM accounts"));
    return rows.at(0).Int(0);
  }

  Result<int64_t> CountActive(registry::Role role) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT COUNT(*) FROM accounts WHERE role = ? AND status = 'active'",
                                          {std::string(registry::RoleName(role))}));
    return rows.at(0).Int(0);
  }

  Result<registry::Page<Account>> List(const registry::AccountFilter& f, const registry::PageRequest& page) override {
    std::string role = f.role ? registry::RoleName(*f.role) : "";
    std::string status = f.status ? registry::AccountStatusName(*f.status) : "";
    // One statement text for every filter combination: empty strings mean "any".
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kAccountCols +
                                   " FROM accounts WHERE id > ? AND (? = '' OR role = ?) AND "
                                   "(? = '' OR vendor_id = ?) AND (? = '' OR status = ?) ORDER BY id LIMIT ?",
                               {page.after, role, role, f.vendor_id, f.vendor_id, status, status,
                                FetchLimit(page)}));
    return PageOf<Account>(rows, page, [&](const Row& row) { return AccountFromRow(row); });
  }

  Result<std::vector<Account>> ListByVendor(const std::string& vendor_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kAccountCols +
                                              " FROM accounts WHERE vendor_id = ? ORDER BY id",
                                          {vendor_id}));
    std::vector<Account> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Account a, AccountFromRow(r));
      out.push_back(std::move(a));
    }
    return out;
  }

  Status Update(const Account& a, int64_t expected_version) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE accounts SET name = ?, status = ?, must_change_password = ?, "
                                         "version = ? WHERE id = ? AND version = ?",
                                         {a.name, std::string(registry::AccountStatusName(a.status)),
                                          static_cast<int64_t>(a.must_change_password ? 1 : 0),
                                          expected_version + 1, a.id, expected_version}));
    if (n == 0) {
      ASSIGN_OR_RETURN(auto found, Get(a.id));
      return found ? Status::VersionMismatch("the account changed since it was read")
                   : Status::NotFound("no such account");
    }
    return ThenBumpAuth(tx_, Status::Ok());
  }

  Status SetTokenHash(const std::string& id, const std::string& token_hash) override {
    return ThenBumpAuth(tx_, Changed(tx_.Exec("UPDATE accounts SET token_hash = ?, version = version + 1 WHERE id = ?",
                                              {token_hash, id})));
  }

  Status SetPasswordHash(const std::string& id, const std::string& password_hash, bool must_change) override {
    return ThenBumpAuth(tx_, Changed(tx_.Exec("UPDATE accounts SET password_hash = ?, must_change_password = ?, "
                                              "version = version + 1 WHERE id = ?",
                                              {password_hash, static_cast<int64_t>(must_change ? 1 : 0), id})));
  }

  Status TouchLastSeen(const std::string& id, common::Timestamp at) override {
    return tx_.Exec("UPDATE accounts SET last_seen_at = ? WHERE id = ?", {common::FormatTimestamp(at), id}).status();
  }

  Status InsertSession(const registry::Session& s) override {
    return tx_.Exec("INSERT INTO sessions (id_hash, account_id, created, last_seen, expires_at) VALUES (?, ?, ?, ?, ?)",
                    {s.id_hash, s.account_id, s.created, s.last_seen, s.expires_at})
        .status();
  }

  Result<std::optional<registry::Session>> GetSession(const std::string& id_hash) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT id_hash, account_id, created, last_seen, expires_at FROM sessions "
                                          "WHERE id_hash = ?",
                                          {id_hash}));
    if (rows.empty()) return std::optional<registry::Session>();
    const Row& r = rows[0];
    return std::optional<registry::Session>(registry::Session{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4)});
  }

  Status TouchSession(const std::string& id_hash, int64_t last_seen) override {
    return tx_.Exec("UPDATE sessions SET last_seen = ? WHERE id_hash = ?", {last_seen, id_hash}).status();
  }

  Status DeleteSession(const std::string& id_hash) override {
    return ThenBumpAuth(tx_, tx_.Exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash}).status());
  }

  Status DeleteSessionsOf(const std::string& account_id) override {
    return ThenBumpAuth(tx_, tx_.Exec("DELETE FROM sessions WHERE account_id = ?", {account_id}).status());
  }

  Result<int64_t> DeleteEndedSessions(int64_t now, int64_t idle_before) override {
    return tx_.Exec("DELETE FROM sessions WHERE expires_at <= ? OR last_seen < ?", {now, idle_before});
  }

  Status AddSignInFailure(const std::string& login, int64_t at) override {
    return tx_.Exec("INSERT INTO sign_in_failures (login, at) VALUES (?, ?)", {login, at}).status();
  }

  Result<int64_t> CountSignInFailures(const std::string& login, int64_t since) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT COUNT(*) FROM sign_in_failures WHERE login = ? AND at >= ?",
                                          {login, since}));
    return rows.at(0).Int(0);
  }

  Status ClearSignInFailures(const std::string& login) override {
    return tx_.Exec("DELETE FROM sign_in_failures WHERE login = ?", {login}).status();
  }

  Result<int64_t> DeleteSignInFailuresBefore(int64_t at) override {
    return tx_.Exec("DELETE FROM sign_in_failures WHERE at < ?", {at});
  }

  Result<int64_t> AuthGeneration() override {
    ASSIGN_OR_RETURN(Generations g, generations_.Get());
    return g.auth;
  }

 private:
  static Status Changed(const Result<int64_t>& n) {
    if (!n.ok()) return n.status();
    return *n == 0 ? Status::NotFound("no such account") : Status::Ok();
  }
  Result<std::optional<Account>> One(const std::string& sql, const std::string& key) {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, {key}));
    if (rows.empty()) return std::optional<Account>();
    ASSIGN_OR_RETURN(Account a, AccountFromRow(rows[0]));
    return std::optional<Account>(std::move(a));
  }
  Tx& tx_;
  GenerationSource& generations_;
};

constexpr const char* kAuditColumns =
    "seq, at, actor, action, entity_type, entity_id, details, digest, prev_hash, hash, row_digest";
constexpr const char* kKeyedScheme = "hmac-sha256";

Result<AuditEntry> AuditFromRow(const Row& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  auto at = common::ParseTimestamp(r.Text(1));
  // A timestamp that does not parse is kept as the epoch: verify then reports the entry as bad
  // instead of the read failing, because a tampered row must be reported, not hidden.
  e.at = at.ok() ? *at : common::Timestamp{0};
  e.actor = r.Text(2);
  e.action = r.Text(3);
  e.entity_type = r.Text(4);
  e.entity_id = r.Text(5);
  e.details = r.Text(6);
  e.digest = r.Text(7);
  e.prev_hash = r.Text(8);
  e.hash = r.Text(9);
  e.row_digest = r.Text(10);
  if (!at.ok()) e.hash = "unparseable timestamp";
  return e;
}

class SqlAuditStore final : public registry::AuditStore {
 public:
  SqlAuditStore(Tx& tx, const std::string& key) : tx_(tx), key_(key) {}

  Status LockHead(int64_t* seq, std::string* hash) override {
    const char* sql = tx_.dialect() == Dialect::kMysql
                          ? "SELECT seq, hash, scheme FROM audit_head WHERE id = 1 FOR UPDATE"
                          : "SELECT seq, hash, scheme FROM audit_head WHERE id = 1";
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql));
    if (rows.empty()) return Status::Internal("the audit head row is missing");
    // Appending keyed entries to a chain still hashed the old way would make it unsealable.
    if (rows[0].Text(2) != kKeyedScheme) {
      return Status::Unavailable("the audit chain is not sealed under its key yet (registryd seals it on start)");
    }
    *seq = rows[0].Int(0);
    *hash = rows[0].Text(1);
    return Status::Ok();
  }

  Status Insert(const AuditEntry& e) override {
    return tx_.Exec("INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, details, "
                    "digest, prev_hash, hash, row_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {e.seq, common::FormatTimestamp(e.at), e.actor, e.action, e.entity_type,
                     e.entity_id, e.details, e.digest, e.prev_hash, e.hash, e.row_digest})
        .status();
  }

  Status ReadHead(int64_t* seq, std::string* hash) override {
    ASSIGN_OR_RETURN(auto head, tx_.Query("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (head.empty()) return Status::Internal("the audit head row is missing");
    *seq = head[0].Int(0);
    *hash = head[0].Text(1);
    return Status::Ok();
  }

  Result<std::optional<AuditEntry>> Get(int64_t seq) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE seq = ?", {seq}));
    if (rows.empty()) return std::optional<AuditEntry>();
    ASSIGN_OR_RETURN(AuditEntry e, AuditFromRow(rows[0]));
    return std::optional<AuditEntry>(std::move(e));
  }

  Result<std::set<std::string>> SealedBids(const std::vector<std::string>& bid_ids) override {
    std::set<std::string> out;
    // One statement per bid keeps the text fixed (cached); pages hold at most 500 entries.
    for (const std::string& id : std::set<std::string>(bid_ids.begin(), bid_ids.end())) {
      // A vendor's question names an interested bidder as much as its bid does (issue 19).
      const std::string sealed =
          " JOIN tenders t ON t.id = x.tender_id WHERE x.id = ? AND "
          "(t.status IN ('draft', 'open') OR (t.status = 'cancelled' AND NOT EXISTS ("
          "SELECT 1 FROM audit_log a WHERE a.entity_type = 'tender' AND a.entity_id = t.id AND "
          "a.action = 'tender.open')))";
      ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT (SELECT COUNT(*) FROM bids x" + sealed +
                                                ") + (SELECT COUNT(*) FROM tender_questions x" + sealed + ")",
                                            {id, id}));
      if (rows.at(0).Int(0) > 0) out.insert(id);
    }
    return out;
  }

  const std::string& ChainKey() const override { return key_; }

  Result<std::string> RowDigest(const std::string& type, const std::string& id) override {
    return storage::RowDigest(tx_, key_, type, id);
  }

  Status ScanRowDigests(
      const std::function<void(const std::string&, const std::string&, const std::string&)>& fn) override {
    return storage::ScanRowDigests(tx_, key_, fn);
  }

  Status SetHead(int64_t seq, const std::string& hash) override {
    return tx_.Exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {seq, hash}).status();
  }

  Result<registry::Page<AuditEntry>> List(const registry::AuditFilter& f,
                                          const registry::PageRequest& page) override {
    int64_t after = 0;
    if (!page.after.empty()) {
      auto [p, ec] = std::from_chars(page.after.data(), page.after.data() + page.after.size(), after);
      if (ec != std::errc() || p != page.after.data() + page.after.size()) {
        return Status::FieldInvalid("cursor", "invalid", "not a cursor this server made");
      }
    }
    // One statement text for every filter combination: empty strings mean "any". Column names
    // are qualified: the accounts join gives each entry its actor's name.
    std::string since = f.since ? common::FormatTimestamp(*f.since) : "";
    std::string until = f.until ? common::FormatTimestamp(*f.until) : "";
    ASSIGN_OR_RETURN(
        auto rows,
        tx_.Query("SELECT l.seq, l.at, l.actor, l.action, l.entity_type, l.entity_id, l.details, l.digest, "
                  "l.prev_hash, l.hash, l.row_digest, ac.name FROM audit_log l LEFT JOIN accounts ac ON ac.id = l.actor "
                  "WHERE l.seq > ? AND (? = '' OR l.entity_type = ?) AND (? = '' OR l.entity_id = ?) AND "
                  "(? = '' OR l.actor = ?) AND (? = '' OR l.at >= ?) AND (? = '' OR l.at < ?) AND "
                  "(? = '' OR (l.entity_type IN ('tender', 'committee') AND l.entity_id = ?) OR (l.entity_type = 'bid' AND "
                  "l.entity_id IN (SELECT b.id FROM bids b WHERE b.tender_id = ?)) OR (l.entity_type = 'clarification' AND "
                  "l.entity_id IN (SELECT c.id FROM clarifications c WHERE c.tender_id = ?)) OR (l.entity_type = 'question' "
                  "AND l.entity_id IN (SELECT q.id FROM tender_questions q WHERE q.tender_id = ?)) OR "
                  "(l.entity_type = 'challenge' AND l.entity_id IN (SELECT h.id FROM challenges h WHERE h.tender_id = ?)) "
                  "OR (l.entity_type = 'complaint' AND l.entity_id IN (SELECT p.id FROM complaints p WHERE p.tender_id = ?))) "
                  "ORDER BY l.seq LIMIT ?",
                  {after, f.entity_type, f.entity_type, f.entity_id, f.entity_id, f.actor, f.actor, since, since, until,
                   until, f.tender_id, f.tender_id, f.tender_id, f.tender_id, f.tender_id, f.tender_id, f.tender_id,
                   FetchLimit(page)}));
    return PageOf<AuditEntry>(rows, page, [&](const Row& row) -> Result<AuditEntry> {
      ASSIGN_OR_RETURN(AuditEntry e, AuditFromRow(row));
      e.actor_name = row.Text(11);
      return e;
    }, [](const AuditEntry& last) { return std::to_string(last.seq); });
  }

  Result<std::vector<AuditEntry>> ListChanges(int64_t after_seq, const std::vector<std::string>& types, int limit) override {
    std::string sql =
        "SELECT l.seq, l.at, l.actor, l.action, l.entity_type, l.entity_id, l.details, l.digest, l.prev_hash, l.hash, "
        "l.row_digest, ac.name FROM audit_log l LEFT JOIN accounts ac ON ac.id = l.actor WHERE l.seq > ? AND l.entity_type IN (";
    std::vector<Value> params{after_seq};
    for (size_t i = 0; i < types.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.emplace_back(types[i]);
    }
    sql += ") ORDER BY l.seq LIMIT ?";
    params.emplace_back(int64_t{limit});
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, params));
    std::vector<AuditEntry> out;
    out.reserve(rows.size());
    for (const Row& row : rows) {
      ASSIGN_OR_RETURN(AuditEntry e, AuditFromRow(row));
      e.actor_name = row.Text(11);
      out.push_back(std::move(e));
    }
    return out;
  }

  Status Scan(int64_t* head_seq, std::string* head_hash,
              const std::function<bool(const AuditEntry&)>& fn) override {
    RETURN_IF_ERROR(ReadHead(head_seq, head_hash));
    constexpr int64_t kBatch = 1000;
    int64_t after = 0;
    for (;;) {
      ASSIGN_OR_RETURN(auto rows,
                       tx_.Query(std::string("SELECT ") + kAuditColumns +
                                     " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                                 {after, kBatch}));
      for (const Row& r : rows) {
        ASSIGN_OR_RETURN(AuditEntry e, AuditFromRow(r));
        if (!fn(e)) return Status::Ok();
        after = e.seq;
      }
      if (static_cast<int64_t>(rows.size()) < kBatch) return Status::Ok();
    }
  }

 private:
  Tx& tx_;
  const std::string& key_;
};

// Repositories are made on first use: most use cases touch two or three of them.
class SqlUnitOfWork final : public registry::UnitOfWork {
 public:
  // `generation_reads`: where this read-only unit of work shares the generation read with
  // concurrent ones (storage/coalesced_read.h); null: it reads the rows itself.
  SqlUnitOfWork(Tx& tx, const std::string& audit_key, CoalescedRead<Generations>* generation_reads = nullptr)
      : tx_(tx), generations_(tx, generation_reads), accounts_(tx, generations_), audit_(tx, audit_key) {}
  registry::AccountStore& accounts() override { return accounts_; }
  registry::AuditStore& audit() override { return audit_; }
  registry::VendorStore& vendors() override { return Lazy(vendors_, MakeVendorStore); }
  registry::ReferenceStore& reference() override { return Lazy(reference_, MakeReferenceStore); }
  registry::QualificationStore& qualifications() override { return Lazy(qualifications_, MakeQualificationStore); }
  registry::PractitionerStore& practitioners() override { return Lazy(practitioners_, MakePractitionerStore); }
  registry::ApplicationStore& applications() override { return Lazy(applications_, MakeApplicationStore); }
  registry::SanctionStore& sanctions() override { return Lazy(sanctions_, MakeSanctionStore); }
  registry::CatalogStore& catalog() override { return Lazy(catalog_, MakeCatalogStore); }
  registry::FileStore& files() override { return Lazy(files_, MakeFileStore); }
  Result<int64_t> AccessGeneration() override {
    ASSIGN_OR_RETURN(Generations g, generations_.Get());
    return g.access;
  }

 private:
  template <typename T>
  T& Lazy(std::unique_ptr<T>& slot, std::unique_ptr<T> (*make)(Tx&)) {
    if (!slot) slot = make(tx_);
    return *slot;
  }
  Tx& tx_;
  GenerationSource generations_;
  SqlAccountStore accounts_;
  SqlAuditStore audit_;
  std::unique_ptr<registry::VendorStore> vendors_;
  std::unique_ptr<registry::ReferenceStore> reference_;
  std::unique_ptr<registry::QualificationStore> qualifications_;
  std::unique_ptr<registry::PractitionerStore> practitioners_;
  std::unique_ptr<registry::ApplicationStore> applications_;
  std::unique_ptr<registry::SanctionStore> sanctions_;
  std::unique_ptr<registry::CatalogStore> catalog_;
  std::unique_ptr<registry::FileStore> files_;
};

class SqlProcurementUnitOfWork final : public procurement::ProcurementUnitOfWork {
 public:
  SqlProcurementUnitOfWork(Tx& tx, const std::string& audit_key, CoalescedRead<Generations>* generation_reads = nullptr)
      : registry_(tx, audit_key, generation_reads), tenders_(MakeTenderStore(tx)), projects_(MakeProjectStore(tx)) {}
  registry::UnitOfWork& registry() override { return registry_; }
  procurement::TenderStore& tenders() override { return *tenders_; }
  procurement::ProjectStore& projects() override { return *projects_; }

 private:
  SqlUnitOfWork registry_;
  std::unique_ptr<procurement::TenderStore> tenders_;
  std::unique_ptr<procurement::ProjectStore> projects_;
};

}  // namespace

RequestScope::RequestScope() {
  if (scope_state.depth++ == 0) EndReuse();
}

RequestScope::~RequestScope() {
  if (--scope_state.depth == 0) EndReuse();
}

Status SqlStore::WriteProcurement(const std::function<Status(procurement::ProcurementUnitOfWork&)>& fn) {
  Status st = db_.Transact(Database::Mode::kWrite, [&](Tx& tx) {
    SqlProcurementUnitOfWork uow(tx, audit_key_);
    return fn(uow);
  });
  EndReuse();
  return st;
}

Status SqlStore::ReadProcurement(const std::function<Status(procurement::ProcurementUnitOfWork&)>& fn) {
  return db_.Transact(Database::Mode::kRead, [&](Tx& tx) {
    SqlProcurementUnitOfWork uow(tx, audit_key_, SharedGenerationReads());
    return fn(uow);
  });
}

Status SqlStore::Write(const std::function<Status(registry::UnitOfWork&)>& fn) {
  Status st = db_.Transact(Database::Mode::kWrite, [&](Tx& tx) {
    SqlUnitOfWork uow(tx, audit_key_);
    return fn(uow);
  });
  EndReuse();
  return st;
}

Status SqlStore::Read(const std::function<Status(registry::UnitOfWork&)>& fn) {
  return db_.Transact(Database::Mode::kRead, [&](Tx& tx) {
    SqlUnitOfWork uow(tx, audit_key_, SharedGenerationReads());
    return fn(uow);
  });
}

Status SqlStore::ReadSnapshot(const std::function<Status(registry::UnitOfWork&)>& fn) {
  // No shared generation read: a coalesced read was taken outside this snapshot.
  return db_.Transact(Database::Mode::kSnapshot, [&](Tx& tx) {
    SqlUnitOfWork uow(tx, audit_key_);
    return fn(uow);
  });
}

Result<SealReport> SealAuditChain(Database& db, const std::string& key, common::Timestamp now) {
  SealReport report;
  RETURN_IF_ERROR(db.Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
    report = SealReport{};
    const char* sql = tx.dialect() == Dialect::kMysql ? "SELECT seq, hash, scheme FROM audit_head WHERE id = 1 FOR UPDATE"
                                                      : "SELECT seq, hash, scheme FROM audit_head WHERE id = 1";
    ASSIGN_OR_RETURN(auto head, tx.Query(sql));
    if (head.empty()) return Status::Internal("the audit head row is missing");
    if (head[0].Text(2) == kKeyedScheme) return Status::Ok();
    int64_t head_seq = head[0].Int(0);
    std::string old_head = head[0].Text(1);

    // The old chain must hold under the old rule before the key vouches for it.
    std::vector<AuditEntry> entries;
    registry::ChainVerifier legacy("", /*legacy=*/true);
    ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq"));
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(AuditEntry e, AuditFromRow(r));
      legacy.Add(e);
      entries.push_back(std::move(e));
    }
    if (!legacy.Finish(head_seq, old_head)) {
      return Status::InvalidState("the audit chain fails verification at seq " + std::to_string(legacy.first_bad_seq()) +
                                  " under its old (unkeyed) rule; it was not sealed under the key");
    }
    std::map<std::pair<std::string, std::string>, size_t> last;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (registry::IsReconciledType(entries[i].entity_type)) last[{entries[i].entity_type, entries[i].entity_id}] = i;
    }
    std::map<std::pair<std::string, std::string>, std::string> rows_now;
    RETURN_IF_ERROR(ScanRowDigests(tx, key, [&](const std::string& t, const std::string& id, const std::string& d) {
      rows_now[{t, id}] = d;
    }));
    std::string prev = registry::kGenesisHash;
    for (size_t i = 0; i < entries.size(); ++i) {
      AuditEntry& e = entries[i];
      auto k = std::make_pair(e.entity_type, e.entity_id);
      auto l = last.find(k);
      e.row_digest = (l != last.end() && l->second == i && rows_now.count(k)) ? rows_now[k] : "";
      e.prev_hash = prev;
      e.hash = registry::AuditHash(e, key);
      RETURN_IF_ERROR(tx.Exec("UPDATE audit_log SET prev_hash = ?, row_digest = ?, hash = ? WHERE seq = ?",
                              {e.prev_hash, e.row_digest, e.hash, e.seq})
                          .status());
      prev = e.hash;
    }
    report.entries = static_cast<int64_t>(entries.size());
    int64_t seq = head_seq;
    auto append = [&](const std::string& action, const std::string& type, const std::string& id,
                      const std::string& details, const std::string& row_digest) -> Status {
      AuditEntry e;
      e.seq = ++seq;
      e.at = now;
      e.actor = "system";
      e.action = action;
      e.entity_type = type;
      e.entity_id = id;
      e.details = details;
      e.digest = registry::AuditDigest(details);
      e.row_digest = row_digest;
      e.prev_hash = prev;
      e.hash = registry::AuditHash(e, key);
      prev = e.hash;
      return tx.Exec("INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, details, digest, "
                     "prev_hash, hash, row_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     {e.seq, common::FormatTimestamp(e.at), e.actor, e.action, e.entity_type, e.entity_id, e.details,
                      e.digest, e.prev_hash, e.hash, e.row_digest})
          .status();
    };
    // Records no entry describes (loaded before the log, or written by hand) get one now, so
    // that from here on every record has an entry to be reconciled against.
    for (const auto& [k, digest] : rows_now) {
      if (last.count(k)) continue;
      RETURN_IF_ERROR(append("audit.baseline", k.first, k.second, "{}", digest));
      ++report.baselines;
    }
    nlohmann::json details = {{"baselines", report.baselines}, {"entries", report.entries}, {"legacy_head", old_head}};
    RETURN_IF_ERROR(append("audit.seal", "audit", "chain", details.dump(), ""));
    RETURN_IF_ERROR(tx.Exec("UPDATE audit_head SET seq = ?, hash = ?, scheme = ? WHERE id = 1",
                            {seq, prev, std::string(kKeyedScheme)})
                        .status());
    report.sealed = true;
    return Status::Ok();
  }));
  return report;
}

}  // namespace storage
