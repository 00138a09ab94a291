#include "registry/account_service.h"

#include <algorithm>
#include <cctype>

#include "common/crypto.h"
#include "common/password.h"
#include "common/text.h"

namespace registry {

using common::Fields;
using common::Result;
using common::Status;

namespace {

constexpr int64_t kMicros = 1000000;

Status CheckReason(const std::string& reason) {
  if (reason.empty()) return Status::FieldInvalid("reason", "required", "must not be empty");
  return common::CheckName(reason, "reason", 1000);
}

Status MayReadAccounts(const Actor& actor) {
  if (!actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("only the bureau and auditors read accounts");
  }
  return Status::Ok();
}

Result<Account> Require(UnitOfWork& uow, const std::string& id) {
  ASSIGN_OR_RETURN(auto found, uow.accounts().Get(id));
  if (!found) return Status::NotFound("no such account");
  return *found;
}

// The CSRF token of a session: derived from the cookie's value, so it is never stored and a
// page that knows it cannot derive the cookie.
std::string CsrfFor(std::string_view session) { return common::HmacSha256Hex(session, "registry csrf v1"); }

std::string NewSessionValue() { return "rgs_" + common::Base64UrlEncode(common::RandomBytes(32)); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Status CheckLogin(std::string_view login, std::string_view field) {
  bool ok = login.size() >= 3 && login.size() <= 64 &&
            std::all_of(login.begin(), login.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            });
  if (!ok) {
    return Status::FieldInvalid(std::string(field), "format", "3 to 64 characters of a-z, 0-9, '.', '_' and '-'");
  }
  return Status::Ok();
}

Status CheckNewPassword(std::string_view password, std::string_view login, std::string_view name,
                        std::string_view field_view) {
  std::string field(field_view);
  if (!common::IsValidUtf8(password)) return Status::FieldInvalid(field, "encoding", "must be UTF-8 text");
  if (common::Utf8Length(password) < kMinPasswordChars) {
    return Status::FieldInvalid(field, "too_short", "at least " + std::to_string(kMinPasswordChars) + " characters");
  }
  if (password.size() > 1024) return Status::FieldInvalid(field, "too_long", "at most 1024 bytes");
  if (!login.empty() && Lower(password) == Lower(login)) {
    return Status::FieldInvalid(field, "same_as_login", "must not be the login");
  }
  if (common::PasswordEntropyBits(password, {std::string(login), std::string(name)}) < kMinPasswordBits) {
    return Status::FieldInvalid(field, "common_password",
                                "is a common password or too easy to guess; use a longer phrase");
  }
  return Status::Ok();
}

Status AccountService::CheckNew(const Actor& actor, const NewAccount& input, const common::Unread& unread) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau creates accounts");
  std::vector<common::FieldError> errors;
  auto collect = [&](const Status& st) { common::MergeFieldErrors(st, &errors); };
  collect(common::CheckName(input.name, "name"));
  if (!input.login.empty()) collect(CheckLogin(input.login, "login"));
  if (input.role == Role::kVendor && input.vendor_id.empty()) {
    errors.push_back({"vendor_id", "required", "a vendor account is bound to a vendor"});
  }
  if (input.role != Role::kVendor && !input.vendor_id.empty()) {
    errors.push_back({"vendor_id", "not_allowed", "only vendor accounts are bound to a vendor"});
  }
  if (input.role == Role::kDepartment) {
    if (input.department.empty()) errors.push_back({"department", "required", "a department account names its department"});
    else collect(common::CheckName(input.department, "department", 100));
  } else if (!input.department.empty()) {
    errors.push_back({"department", "not_allowed", "only department accounts name a department"});
  }
  // Whether a vendor id or a department belongs depends on the role.
  return common::ValidationOrOk(unread.Keep(errors, {{"vendor_id", {"role"}}, {"department", {"role"}}}));
}

Result<CreatedAccount> AccountService::Create(const Actor& actor, const NewAccount& input) {
  RETURN_IF_ERROR(CheckNew(actor, input, common::Unread()));
  CreatedAccount out;
  out.account.id = common::NewId("acc");
  out.account.name = common::NormalizeNfc(input.name);
  out.account.role = input.role;
  out.account.vendor_id = input.vendor_id;
  out.account.department = common::NormalizeNfc(input.department);
  out.account.login = input.login;
  out.account.created_at = clock_.Now();
  out.token = common::NewToken();
  std::string password_hash;
  if (!input.login.empty()) {
    out.password = common::NewOneTimePassword();
    out.account.must_change_password = true;
    auto hash = common::HashPassword(out.password);
    if (!hash) return Status::Unavailable("the password could not be hashed (out of memory)");
    password_hash = *hash;
  }
  std::string token_hash = common::Sha256Hex(out.token);
  Status st = store_.Write([&](UnitOfWork& uow) -> Status {
    if (!out.account.vendor_id.empty()) {
      ASSIGN_OR_RETURN(auto vendor, uow.vendors().Get(out.account.vendor_id));
      if (!vendor) return Status::FieldInvalid("vendor_id", "unknown", "no such vendor");
    }
    RETURN_IF_ERROR(uow.accounts().Insert(out.account, token_hash, password_hash));
    return AppendAudit(uow, out.account.created_at, actor.account_id, "account.create", "account",
                       out.account.id,
                       Fields()
                           .Add("name", out.account.name)
                           .Add("role", RoleName(out.account.role))
                           .Add("vendor_id", out.account.vendor_id)
                           .Add("department", out.account.department)
                           .Add("login", out.account.login)
                           .ToJson());
  });
  if (st.code() == common::Code::kConflict) {
    return Status::ConflictWith("this login is taken", {{"login", "taken", "another account has this login"}});
  }
  RETURN_IF_ERROR(st);
  return out;
}

Result<bool> AccountService::Bootstrap(const std::string& token) {
  if (token.size() < kMinAdminTokenChars || token.size() > 512) {
    return Status::FieldInvalid("REGISTRY_ADMIN_TOKEN", "length",
                                "the administrator token needs 32 to 512 characters");
  }
  bool made = false;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    made = false;
    ASSIGN_OR_RETURN(int64_t n, uow.accounts().Count());
    if (n > 0) return Status::Ok();
    Account admin;
    admin.id = common::NewId("acc");
    admin.name = "bureau administrator";
    admin.role = Role::kBureau;
    admin.created_at = clock_.Now();
    RETURN_IF_ERROR(uow.accounts().Insert(admin, common::Sha256Hex(token), ""));
    made = true;
    return AppendAudit(uow, admin.created_at, std::string(kSystemActor), "account.bootstrap",
                       "account", admin.id, Fields().Add("name", admin.name).Add("role", "bureau").ToJson());
  }));
  return made;
}

Result<bool> AccountService::HasAccounts() {
  int64_t n = 0;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(n, uow.accounts().Count());
    return Status::Ok();
  }));
  return n > 0;
}

void AccountService::NoteSeen(const std::string& account_id, int64_t now, int64_t* seen_written) {
  if (now - *seen_written < kSeenWriteSeconds * kMicros) return;
  *seen_written = now;
  // Best effort: a failed write only leaves last_seen_at older; it never fails the request.
  (void)store_.Write([&](UnitOfWork& uow) {
    return uow.accounts().TouchLastSeen(account_id, common::Timestamp{now});
  });
}

Result<Actor> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 512) return Status::Unauthenticated("unknown token");
  std::string hash = common::Sha256Hex(token);
  const int64_t now = clock_.Now().micros;
  CacheShard& shard = cache_[std::hash<std::string>{}(hash) % kCacheShards];
  std::optional<Cached> cached;
  {
    common::MutexLock lock(shard.mu);
    auto it = shard.entries.find(hash);
    if (it != shard.entries.end()) cached = it->second;
  }
  std::optional<Account> found;
  int64_t generation = 0;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(generation, uow.accounts().AuthGeneration());
    // Read in the same snapshot as the generation, so the cached entry is exactly as new as it.
    if (cached && cached->generation == generation) return Status::Ok();
    cached.reset();
    ASSIGN_OR_RETURN(found, uow.accounts().FindByTokenHash(hash));
    return Status::Ok();
  }));
  if (!cached) {
    if (!found || found->status != AccountStatus::kActive) return Status::Unauthenticated("unknown token");
    cached = Cached{Actor{found->id, found->role, found->vendor_id}, generation, 0};
  }
  int64_t seen = cached->seen_written;
  NoteSeen(cached->actor.account_id, now, &seen);
  cached->seen_written = seen;
  common::MutexLock lock(shard.mu);
  if (shard.entries.size() >= kCacheMaxPerShard) shard.entries.clear();  // bounded; refills on demand
  shard.entries[hash] = *cached;
  return cached->actor;
}

Result<SessionAuth> AccountService::AuthenticateSession(std::string_view session) {
  if (session.size() < 8 || session.size() > 128) return Status::Unauthenticated("no such session");
  std::string hash = common::Sha256Hex(session);
  const int64_t now = clock_.Now().micros;
  std::optional<Session> s;
  std::optional<Account> account;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(s, uow.accounts().GetSession(hash));
    if (s) {
      ASSIGN_OR_RETURN(account, uow.accounts().Get(s->account_id));
    }
    return Status::Ok();
  }));
  if (!s || !account || account->status != AccountStatus::kActive || now >= s->expires_at ||
      now - s->last_seen >= kSessionIdleSeconds * kMicros) {
    return Status::Unauthenticated("the session has ended; sign in again");
  }
  if (now - s->last_seen >= kSeenWriteSeconds * kMicros) {
    (void)store_.Write([&](UnitOfWork& uow) -> Status {
      RETURN_IF_ERROR(uow.accounts().TouchSession(hash, now));
      return uow.accounts().TouchLastSeen(account->id, common::Timestamp{now});
    });
  }
  SessionAuth out;
  out.actor = Actor{account->id, account->role, account->vendor_id};
  out.csrf_token = CsrfFor(session);
  out.must_change_password = account->must_change_password;
  return out;
}

Result<SignedIn> AccountService::SignIn(const std::string& login, const std::string& password) {
  const Status wrong = Status::Unauthenticated("the login or the password is wrong");
  if (!CheckLogin(login, "login").ok() || password.empty() || password.size() > 1024) {
    common::DummyPasswordCheck(password);
    return wrong;
  }
  const int64_t now = clock_.Now().micros;
  std::optional<Account> account;
  std::string password_hash;
  int64_t failures = 0;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(failures, uow.accounts().CountSignInFailures(login, now - kLockoutWindowSeconds * kMicros));
    if (failures >= kLockoutFailures) return Status::Ok();
    ASSIGN_OR_RETURN(account, uow.accounts().FindByLogin(login, &password_hash));
    return Status::Ok();
  }));
  if (failures >= kLockoutFailures) {
    return Status::RateLimited("too many failed sign-ins for this login; try again in 15 minutes");
  }
  // The hash runs outside any transaction: it takes tens of milliseconds.
  bool ok = false;
  if (account && !password_hash.empty()) {
    ok = common::VerifyPassword(password_hash, password);
  } else {
    common::DummyPasswordCheck(password);
  }
  if (!ok || account->status != AccountStatus::kActive) {
    RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) { return uow.accounts().AddSignInFailure(login, now); }));
    return wrong;
  }
  SignedIn out;
  out.account = *account;
  out.session = NewSessionValue();
  out.csrf_token = CsrfFor(out.session);
  out.expires_at = common::Timestamp{now + kSessionLifetimeSeconds * kMicros};
  Session s{common::Sha256Hex(out.session), account->id, now, now, out.expires_at.micros};
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.accounts().ClearSignInFailures(login));
    RETURN_IF_ERROR(uow.accounts().InsertSession(s));
    RETURN_IF_ERROR(uow.accounts().TouchLastSeen(account->id, common::Timestamp{now}));
    return AppendAudit(uow, common::Timestamp{now}, account->id, "account.sign_in", "account", account->id,
                       Fields().Add("login", login).ToJson());
  }));
  out.account.last_seen_at = common::Timestamp{now};
  return out;
}

Status AccountService::SignOut(const Actor& actor, std::string_view session) {
  std::string hash = common::Sha256Hex(session);
  return store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto s, uow.accounts().GetSession(hash));
    if (!s || s->account_id != actor.account_id) return Status::Ok();
    RETURN_IF_ERROR(uow.accounts().DeleteSession(hash));
    return AppendAudit(uow, clock_.Now(), actor.account_id, "account.sign_out", "account", actor.account_id, "{}");
  });
}

Result<Account> AccountService::Get(const Actor& actor, const std::string& id) {
  // Any account may read its own record; the bureau and auditors may read any.
  if (actor.account_id != id) RETURN_IF_ERROR(MayReadAccounts(actor));
  ASSIGN_OR_RETURN(std::optional<Account> found,
                   store_.ReadValue<std::optional<Account>>([&](UnitOfWork& uow) { return uow.accounts().Get(id); }));
  if (!found) return Status::NotFound("no such account");
  return *found;
}

Result<Page<Account>> AccountService::List(const Actor& actor, const AccountFilter& filter, const PageRequest& page) {
  RETURN_IF_ERROR(MayReadAccounts(actor));
  return store_.ReadValue<Page<Account>>([&](UnitOfWork& uow) { return uow.accounts().List(filter, page); });
}

Result<Account> AccountService::ChangeStatus(const Actor& actor, const std::string& id, AccountStatus to,
                                             const std::string& reason) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau disables and enables accounts");
  RETURN_IF_ERROR(CheckReason(reason));
  Account a;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(a, Require(uow, id));
    if (a.status == to) {
      return Status::InvalidState(to == AccountStatus::kDisabled ? "the account is disabled already"
                                                                 : "the account is active already");
    }
    if (to == AccountStatus::kDisabled && a.role == Role::kBureau) {
      ASSIGN_OR_RETURN(int64_t active, uow.accounts().CountActive(Role::kBureau));
      if (active <= 1) return Status::Conflict("the last active bureau account cannot be disabled");
    }
    a.status = to;
    RETURN_IF_ERROR(uow.accounts().Update(a, a.version));
    ++a.version;
    if (to == AccountStatus::kDisabled) RETURN_IF_ERROR(uow.accounts().DeleteSessionsOf(a.id));
    return AppendAudit(uow, clock_.Now(), actor.account_id,
                       to == AccountStatus::kDisabled ? "account.disable" : "account.enable", "account", a.id,
                       Fields().Add("reason", reason).ToJson());
  }));
  return a;
}

Result<Account> AccountService::Disable(const Actor& actor, const std::string& id, const std::string& reason) {
  return ChangeStatus(actor, id, AccountStatus::kDisabled, reason);
}

Result<Account> AccountService::Enable(const Actor& actor, const std::string& id, const std::string& reason) {
  return ChangeStatus(actor, id, AccountStatus::kActive, reason);
}

Result<std::string> AccountService::RotateToken(const Actor& actor, const std::string& id) {
  if (actor.account_id != id && !actor.Is(Role::kBureau)) {
    return Status::Forbidden("only the bureau replaces another account's token");
  }
  std::string token = common::NewToken();
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Account a, Require(uow, id));
    if (a.status != AccountStatus::kActive) return Status::InvalidState("the account is disabled");
    RETURN_IF_ERROR(uow.accounts().SetTokenHash(a.id, common::Sha256Hex(token)));
    return AppendAudit(uow, clock_.Now(), actor.account_id, "account.token_rotate", "account", a.id, "{}");
  }));
  return token;
}

Result<std::string> AccountService::ResetPassword(const Actor& actor, const std::string& id) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau resets passwords");
  std::string password = common::NewOneTimePassword();
  auto hash = common::HashPassword(password);
  if (!hash) return Status::Unavailable("the password could not be hashed (out of memory)");
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Account a, Require(uow, id));
    if (a.login.empty()) return Status::InvalidState("the account has no login; it signs in with its token");
    RETURN_IF_ERROR(uow.accounts().SetPasswordHash(a.id, *hash, true));
    RETURN_IF_ERROR(uow.accounts().DeleteSessionsOf(a.id));
    return AppendAudit(uow, clock_.Now(), actor.account_id, "account.password_reset", "account", a.id, "{}");
  }));
  return password;
}

Status AccountService::ChangePassword(const Actor& actor, const std::string& current, const std::string& next) {
  std::optional<Account> account;
  std::string hash;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Account a, Require(uow, actor.account_id));
    if (!a.login.empty()) {
      ASSIGN_OR_RETURN(account, uow.accounts().FindByLogin(a.login, &hash));
    }
    return Status::Ok();
  }));
  if (!account || hash.empty()) return Status::InvalidState("the account has no login; it signs in with its token");
  if (current.size() > 1024 || !common::VerifyPassword(hash, current)) {
    return Status::FieldInvalid("current_password", "wrong", "is not the current password");
  }
  RETURN_IF_ERROR(CheckNewPassword(next, account->login, account->name, "new_password"));
  auto next_hash = common::HashPassword(next);
  if (!next_hash) return Status::Unavailable("the password could not be hashed (out of memory)");
  return store_.Write([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.accounts().SetPasswordHash(account->id, *next_hash, false));
    return AppendAudit(uow, clock_.Now(), actor.account_id, "account.password_change", "account", account->id, "{}");
  });
}

Result<CreatedAccount> AccountService::ResetVendorAccess(const Actor& actor, const std::string& vendor_id,
                                                         const std::string& reason) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau resets a vendor's access");
  RETURN_IF_ERROR(CheckReason(reason));
  CreatedAccount out;
  out.token = common::NewToken();
  const common::Timestamp now = clock_.Now();
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto vendor, uow.vendors().Get(vendor_id));
    if (!vendor) return Status::NotFound("no such vendor");
    ASSIGN_OR_RETURN(auto bound, uow.accounts().ListByVendor(vendor_id));
    for (Account& a : bound) {
      if (a.status == AccountStatus::kDisabled) continue;
      a.status = AccountStatus::kDisabled;
      RETURN_IF_ERROR(uow.accounts().Update(a, a.version));
      RETURN_IF_ERROR(uow.accounts().DeleteSessionsOf(a.id));
      RETURN_IF_ERROR(AppendAudit(uow, now, actor.account_id, "account.disable", "account", a.id,
                                  Fields().Add("reason", reason).Add("vendor_id", vendor_id).ToJson()));
    }
    out.account.id = common::NewId("acc");
    out.account.name = vendor->name;
    out.account.role = Role::kVendor;
    out.account.vendor_id = vendor_id;
    out.account.created_at = now;
    RETURN_IF_ERROR(uow.accounts().Insert(out.account, common::Sha256Hex(out.token), ""));
    return AppendAudit(uow, now, actor.account_id, "vendor.reset_access", "vendor", vendor_id,
                       Fields().Add("reason", reason).Add("account_id", out.account.id).ToJson());
  }));
  return out;
}

Result<int64_t> AccountService::ExpireSessions() {
  const int64_t now = clock_.Now().micros;
  int64_t n = 0;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(int64_t sessions, uow.accounts().DeleteEndedSessions(now, now - kSessionIdleSeconds * kMicros));
    ASSIGN_OR_RETURN(int64_t failures,
                     uow.accounts().DeleteSignInFailuresBefore(now - kLockoutWindowSeconds * kMicros));
    n = sessions + failures;
    return Status::Ok();
  }));
  return n;
}

}  // namespace registry
