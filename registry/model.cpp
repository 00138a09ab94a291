#include "registry/model.h"

namespace registry {

int QualificationType::Rank(const std::string& level) const {
  if (levels.empty()) return level.empty() ? 0 : -1;
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] == level) return static_cast<int>(i);
  }
  return -1;
}

std::string QualificationState(const Qualification& q, common::Date on) {
  if (q.status == QualificationStatus::kActive && on > q.expires_on) return "expired";
  return QualificationStatusName(q.status);
}

}  // namespace registry
