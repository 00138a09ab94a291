// Accounts: who may call the API, with which role, and how they prove it.
//
// Two credentials (docs/security.md):
// - a bearer token for machine clients: random, shown once, stored only as its SHA-256;
// - a login and password for people: the password stored only as an argon2id hash
//   (common/password.h); signing in makes a session whose cookie value is random, shown once in
//   Set-Cookie and stored only as its SHA-256. The CSRF token of a session is derived from the
//   cookie value (an HMAC), so it is never stored either.
// A disabled account, a replaced token or password and an ended session stop working at once on
// every instance: whatever an instance caches is checked against the stored auth generation,
// which every such change moves in its own transaction (registry/store.h).
//
// Thread-safe (the cache is sharded under mutexes; everything else is stateless over the Store).
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "common/thread_annotations.h"
#include "registry/store.h"

namespace registry {

struct NewAccount {
  std::string name;
  Role role = Role::kAuditor;
  std::string vendor_id;  // required for kVendor, refused otherwise
  std::string login;      // empty: no password sign-in
  std::string department;  // the department's name: required for kDepartment, refused otherwise
};

struct CreatedAccount {
  Account account;
  std::string token;     // the only time the plain token exists outside the caller
  std::string password;  // a one-time password when the account has a login, else empty
};

struct SignedIn {
  Account account;
  std::string session;     // the cookie's value, shown this once
  std::string csrf_token;  // to send back as X-CSRF-Token on requests that change state
  common::Timestamp expires_at;
};

// A request authenticated by its session cookie.
struct SessionAuth {
  Actor actor;
  std::string csrf_token;
  bool must_change_password = false;
};

// A login: 3 to 64 of a-z 0-9 . _ - (FieldError on `field` otherwise).
common::Status CheckLogin(std::string_view login, std::string_view field);
// A password a person chose: at least kMinPasswordChars characters, not the login (in any
// case), and not a common password or pattern (zxcvbn's estimate under kMinPasswordBits, with
// the login and name counted as known words). FieldError on `field` otherwise.
common::Status CheckNewPassword(std::string_view password, std::string_view login, std::string_view name,
                                std::string_view field);
inline constexpr size_t kMinPasswordChars = 12;
inline constexpr double kMinPasswordBits = 40;

class AccountService {
 public:
  AccountService(Store& store, const common::Clock& clock) : store_(store), clock_(clock) {}

  static constexpr int64_t kSessionIdleSeconds = 8 * 3600;       // ends 8 h after the last request
  static constexpr int64_t kSessionLifetimeSeconds = 12 * 3600;  // and 12 h after sign-in at most
  static constexpr int kLockoutFailures = 5;                     // failures for one login ...
  static constexpr int64_t kLockoutWindowSeconds = 15 * 60;      // ... within this window lock it
  static constexpr int64_t kSeenWriteSeconds = 60;               // last_seen written this often

  // Bureau only (else kForbidden). Validation errors name the field ("name", "vendor_id",
  // "login"); a login already taken is kConflict.
  common::Result<CreatedAccount> Create(const Actor& actor, const NewAccount& input);
  // Create's checks alone, on an account some of whose fields could not be read (api ReadBody).
  common::Status CheckNew(const Actor& actor, const NewAccount& input, const common::Unread& unread);

  // On a database with no account, makes the bureau administrator whose token is `token`
  // (at least kMinAdminTokenChars characters); returns true when it did, false when accounts
  // already exist (the token is then not used at all).
  common::Result<bool> Bootstrap(const std::string& token);
  // Whether the database holds any account.
  common::Result<bool> HasAccounts();
  static constexpr size_t kMinAdminTokenChars = 32;

  // The active account holding `token`: kUnauthenticated when there is none, it is disabled, or
  // the token is malformed. A hit in the per-instance cache costs one read of the auth
  // generation; anything that revokes moves it, so a revoked token is refused at once.
  common::Result<Actor> Authenticate(std::string_view token);
  // The same for a session cookie's value: kUnauthenticated when the session is unknown, ended
  // (idle or past its lifetime) or its account is disabled.
  common::Result<SessionAuth> AuthenticateSession(std::string_view session);

  // Sign-in with a login and password. A wrong login and a wrong password are the same
  // kUnauthenticated, and take the same time; after kLockoutFailures failures for one login
  // within kLockoutWindowSeconds that login is kRateLimited (a success clears its failures).
  common::Result<SignedIn> SignIn(const std::string& login, const std::string& password);
  // Ends the session (NotFound-free: an unknown session is already ended).
  common::Status SignOut(const Actor& actor, std::string_view session);

  // Bureau, auditor, or the account itself (else kForbidden); kNotFound when there is none.
  common::Result<Account> Get(const Actor& actor, const std::string& id);
  // Bureau, auditor (else kForbidden).
  common::Result<Page<Account>> List(const Actor& actor, const AccountFilter& filter, const PageRequest& page);
  // Bureau only. Disabling the last active bureau account is kConflict; disabling a disabled
  // account (or enabling an active one) is kInvalidState. Ends the account's sessions.
  common::Result<Account> Disable(const Actor& actor, const std::string& id, const std::string& reason);
  common::Result<Account> Enable(const Actor& actor, const std::string& id, const std::string& reason);
  // A new token for the account (bureau, or the account itself); the old one stops working.
  common::Result<std::string> RotateToken(const Actor& actor, const std::string& id);
  // A one-time password (bureau only; the account needs a login, else kInvalidState); the
  // account's sessions end and the next sign-in must change it.
  common::Result<std::string> ResetPassword(const Actor& actor, const std::string& id);
  // The caller's own password: `current` must match (else a "current_password" FieldError);
  // `next` must pass CheckNewPassword on "new_password". Clears must_change_password.
  common::Status ChangePassword(const Actor& actor, const std::string& current, const std::string& next);
  // Bureau only: disables every account bound to the vendor and makes a new vendor account for
  // it (a registration someone else made in the vendor's name). Returns the new account's token.
  common::Result<CreatedAccount> ResetVendorAccess(const Actor& actor, const std::string& vendor_id,
                                                   const std::string& reason);

  // Deletes ended sessions and sign-in failures past the lockout window; returns how many rows.
  common::Result<int64_t> ExpireSessions();

 private:
  struct Cached {
    Actor actor;
    int64_t generation = 0;
    int64_t seen_written = 0;  // micros: when last_seen_at was last written for this entry
  };
  struct CacheShard {
    common::Mutex mu;
    std::unordered_map<std::string, Cached> entries GUARDED_BY(mu);  // token hash -> account
  };
  static constexpr size_t kCacheShards = 16;
  static constexpr size_t kCacheMaxPerShard = 4096;

  // Writes the account's last_seen_at when the last write is older than kSeenWriteSeconds.
  void NoteSeen(const std::string& account_id, int64_t now, int64_t* seen_written);
  common::Result<Account> ChangeStatus(const Actor& actor, const std::string& id, AccountStatus to,
                                       const std::string& reason);

  Store& store_;
  const common::Clock& clock_;
  std::array<CacheShard, kCacheShards> cache_;
};

}  // namespace registry
