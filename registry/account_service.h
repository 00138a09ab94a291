// Accounts: who may call the API, with which role. Tokens are random, shown once at creation,
// and stored only as their SHA-256 hash. Thread-safe (stateless over the Store).
#pragma once

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "registry/store.h"

namespace registry {

struct NewAccount {
  std::string name;
  Role role = Role::kAuditor;
  std::string vendor_id;  // required for kVendor, refused otherwise
};

struct CreatedAccount {
  Account account;
  std::string token;  // the only time the plain token exists outside the caller
};

// Plain names: 1..200 characters of valid UTF-8, no control characters, not only spaces.
// Returns a FieldError on `field` otherwise.
common::Status CheckName(std::string_view name, std::string_view field, size_t max_chars = 200);

class AccountService {
 public:
  AccountService(Store& store, const common::Clock& clock) : store_(store), clock_(clock) {}

  // Bureau only (else kForbidden). Validation errors name the field ("name", "vendor_id").
  common::Result<CreatedAccount> Create(const Actor& actor, const NewAccount& input);

  // On a database with no account, makes the bureau administrator whose token is `token`
  // (at least 16 characters); returns true when it did, false when accounts already exist.
  common::Result<bool> Bootstrap(const std::string& token);

  // The account holding `token`: kUnauthenticated when there is none (or it is malformed).
  // Successful lookups are cached for kAuthCacheSeconds (by token hash, bounded in size), so a
  // busy client costs no database read per request. Accounts cannot be changed or revoked yet;
  // when they can, the TTL bounds how long a revoked token keeps working on an instance.
  common::Result<Actor> Authenticate(std::string_view token);
  static constexpr int64_t kAuthCacheSeconds = 60;

  common::Result<Account> Get(const Actor& actor, const std::string& id);

 private:
  struct CacheShard {
    std::mutex mu;
    std::unordered_map<std::string, std::pair<Actor, int64_t>> entries;  // hash -> actor, expiry
  };
  static constexpr size_t kCacheShards = 16;
  static constexpr size_t kCacheMaxPerShard = 4096;

  Store& store_;
  const common::Clock& clock_;
  std::array<CacheShard, kCacheShards> cache_;
};

}  // namespace registry
