// Who is asking: the roles of the contract and the authenticated caller of a use case.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/enum_names.h"

namespace registry {

// kDepartment: a government department that builds e-government projects; kFinance: the finance
// office that confirms their budgets (the projects issue).
enum class Role { kBureau, kOfficer, kExpert, kVendor, kAuditor, kDepartment, kFinance };
inline constexpr common::EnumName<Role> kRoleNames[] = {
    {Role::kBureau, "bureau"},
    {Role::kOfficer, "officer"},
    {Role::kExpert, "expert"},
    {Role::kVendor, "vendor"},
    {Role::kAuditor, "auditor"},
    {Role::kDepartment, "department"},
    {Role::kFinance, "finance"},
};
static_assert(common::CoversExactly(kRoleNames, 7));
inline const char* RoleName(Role v) { return common::NameIn(kRoleNames, v); }
inline std::optional<Role> ParseRole(std::string_view s) { return common::ParseIn(kRoleNames, s); }

// The authenticated caller. Every service method that reads or changes anything takes the
// Actor and decides itself whether the role may do it: permission rules live in the domain,
// not in the HTTP edge.
struct Actor {
  std::string account_id;
  Role role = Role::kAuditor;
  std::string vendor_id;  // set for kVendor only: the vendor the account is bound to

  bool Is(Role r) const { return role == r; }
};

// Who may read the service's operational data (/metrics): the bureau and auditors.
inline bool MayReadOperations(const Actor& actor) { return actor.Is(Role::kBureau) || actor.Is(Role::kAuditor); }

// The actor recorded for changes that no account made (start-up bootstrap, fixtures).
inline constexpr std::string_view kSystemActor = "system";

}  // namespace registry
