// Small helpers of the registry's use-case files (registry_service.cpp, qualifications.cpp,
// practitioners.cpp, applications.cpp, sanctions.cpp). Internal to registry/.
#pragma once

#include <string>

#include "common/text.h"
#include "registry/actor.h"

namespace registry {

inline bool IsBureau(const Actor& a) { return a.Is(Role::kBureau); }
inline bool OwnsVendor(const Actor& a, const std::string& vendor_id) {
  return a.Is(Role::kVendor) && a.vendor_id == vendor_id;
}
// The details of an audit entry.
inline std::string Audit(const common::Fields& f) { return f.ToJson(); }

}  // namespace registry
