#include "registry/account_service.h"

#include "common/crypto.h"
#include "common/text.h"

namespace registry {

using common::Result;
using common::Status;

Status CheckName(std::string_view name, std::string_view field_view, size_t max_chars) {
  std::string field(field_view);
  if (!common::IsValidUtf8(name)) return Status::FieldInvalid(field, "encoding", "must be UTF-8 text");
  if (name.find_first_not_of(" \t") == std::string_view::npos) {
    return Status::FieldInvalid(field, "required", "must not be empty");
  }
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Status::FieldInvalid(field, "control_character", "must not contain control characters");
    }
  }
  if (common::Utf8Length(name) > max_chars) {
    return Status::FieldInvalid(field, "too_long", "at most " + std::to_string(max_chars) + " characters");
  }
  return Status::Ok();
}

Result<CreatedAccount> AccountService::Create(const Actor& actor, const NewAccount& input) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau creates accounts");
  RETURN_IF_ERROR(CheckName(input.name, "name"));
  if (input.role == Role::kVendor && input.vendor_id.empty()) {
    return Status::FieldInvalid("vendor_id", "required", "a vendor account is bound to a vendor");
  }
  if (input.role != Role::kVendor && !input.vendor_id.empty()) {
    return Status::FieldInvalid("vendor_id", "not_allowed", "only vendor accounts are bound to a vendor");
  }
  CreatedAccount out;
  out.account.id = common::NewId("acc");
  out.account.name = input.name;
  out.account.role = input.role;
  out.account.vendor_id = input.vendor_id;
  out.account.created_at = clock_.Now();
  out.token = common::NewToken();
  std::string token_hash = common::Sha256Hex(out.token);
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    if (!out.account.vendor_id.empty()) {
      ASSIGN_OR_RETURN(auto vendor, uow.vendors().Get(out.account.vendor_id));
      if (!vendor) return Status::FieldInvalid("vendor_id", "unknown", "no such vendor");
    }
    RETURN_IF_ERROR(uow.accounts().Insert(out.account, token_hash));
    return AppendAudit(uow, out.account.created_at, actor.account_id, "account.create", "account",
                       out.account.id,
                       common::Fields()
                           .Add("name", out.account.name)
                           .Add("role", RoleName(out.account.role))
                           .Add("vendor_id", out.account.vendor_id)
                           .ToJson());
  }));
  return out;
}

Result<bool> AccountService::Bootstrap(const std::string& token) {
  if (token.size() < 16 || token.size() > 512) {
    return Status::FieldInvalid("REGISTRY_ADMIN_TOKEN", "length", "the administrator token needs 16 to 512 characters");
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
    RETURN_IF_ERROR(uow.accounts().Insert(admin, common::Sha256Hex(token)));
    made = true;
    return AppendAudit(uow, admin.created_at, std::string(kSystemActor), "account.bootstrap",
                       "account", admin.id,
                       common::Fields().Add("name", admin.name).Add("role", "bureau").ToJson());
  }));
  return made;
}

Result<Actor> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 512) return Status::Unauthenticated("unknown token");
  std::string hash = common::Sha256Hex(token);
  const int64_t now = clock_.Now().micros;
  CacheShard& shard = cache_[std::hash<std::string>{}(hash) % kCacheShards];
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.entries.find(hash);
    if (it != shard.entries.end() && it->second.second > now) return it->second.first;
  }
  std::optional<Account> found;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(found, uow.accounts().FindByTokenHash(hash));
    return Status::Ok();
  }));
  if (!found) return Status::Unauthenticated("unknown token");
  Actor actor{found->id, found->role, found->vendor_id};
  std::lock_guard<std::mutex> lock(shard.mu);
  if (shard.entries.size() >= kCacheMaxPerShard) shard.entries.clear();  // bounded; refills on demand
  shard.entries[hash] = {actor, now + kAuthCacheSeconds * 1000000};
  return actor;
}

Result<Account> AccountService::Get(const Actor& actor, const std::string& id) {
  // Any account may read its own record; the bureau and auditors may read any.
  if (actor.account_id != id && !actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("you may read only your own account");
  }
  std::optional<Account> found;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(found, uow.accounts().Get(id));
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no such account");
  return *found;
}

}  // namespace registry
