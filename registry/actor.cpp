#include "registry/actor.h"

namespace registry {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kBureau: return "bureau";
    case Role::kOfficer: return "officer";
    case Role::kExpert: return "expert";
    case Role::kVendor: return "vendor";
    case Role::kAuditor: return "auditor";
  }
  return "auditor";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "bureau") return Role::kBureau;
  if (name == "officer") return Role::kOfficer;
  if (name == "expert") return Role::kExpert;
  if (name == "vendor") return Role::kVendor;
  if (name == "auditor") return Role::kAuditor;
  return std::nullopt;
}

}  // namespace registry
