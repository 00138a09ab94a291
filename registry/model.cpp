#include "registry/model.h"

namespace registry {

const char* EnterpriseSizeName(EnterpriseSize s) {
  switch (s) {
    case EnterpriseSize::kMicro: return "micro";
    case EnterpriseSize::kSmall: return "small";
    case EnterpriseSize::kMedium: return "medium";
    case EnterpriseSize::kLarge: return "large";
  }
  return "large";
}

std::optional<EnterpriseSize> ParseEnterpriseSize(const std::string& s) {
  if (s == "micro") return EnterpriseSize::kMicro;
  if (s == "small") return EnterpriseSize::kSmall;
  if (s == "medium") return EnterpriseSize::kMedium;
  if (s == "large") return EnterpriseSize::kLarge;
  return std::nullopt;
}

const char* VendorStatusName(VendorStatus s) {
  switch (s) {
    case VendorStatus::kRegistered: return "registered";
    case VendorStatus::kListed: return "listed";
    case VendorStatus::kDelisted: return "delisted";
  }
  return "registered";
}

std::optional<VendorStatus> ParseVendorStatus(const std::string& s) {
  if (s == "registered") return VendorStatus::kRegistered;
  if (s == "listed") return VendorStatus::kListed;
  if (s == "delisted") return VendorStatus::kDelisted;
  return std::nullopt;
}

int QualificationType::Rank(const std::string& level) const {
  if (levels.empty()) return level.empty() ? 0 : -1;
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] == level) return static_cast<int>(i);
  }
  return -1;
}

const char* CategoryKindName(CategoryKind k) {
  switch (k) {
    case CategoryKind::kGoods: return "goods";
    case CategoryKind::kServices: return "services";
    case CategoryKind::kWorks: return "works";
  }
  return "services";
}

std::optional<CategoryKind> ParseCategoryKind(const std::string& s) {
  if (s == "goods") return CategoryKind::kGoods;
  if (s == "services") return CategoryKind::kServices;
  if (s == "works") return CategoryKind::kWorks;
  return std::nullopt;
}

const char* QualificationStatusName(QualificationStatus s) {
  switch (s) {
    case QualificationStatus::kActive: return "active";
    case QualificationStatus::kSuspended: return "suspended";
    case QualificationStatus::kRevoked: return "revoked";
  }
  return "active";
}

std::string QualificationState(const Qualification& q, common::Date on) {
  if (q.status == QualificationStatus::kActive && on > q.expires_on) return "expired";
  return QualificationStatusName(q.status);
}

const char* SanctionKindName(SanctionKind k) {
  return k == SanctionKind::kDebarment ? "debarment" : "suspension";
}

const char* ApplicationStatusName(ApplicationStatus s) {
  switch (s) {
    case ApplicationStatus::kSubmitted: return "submitted";
    case ApplicationStatus::kApproved: return "approved";
    case ApplicationStatus::kRejected: return "rejected";
  }
  return "submitted";
}

const char* ItemStatusName(ItemStatus s) {
  switch (s) {
    case ItemStatus::kPending: return "pending";
    case ItemStatus::kListed: return "listed";
    case ItemStatus::kRejected: return "rejected";
  }
  return "pending";
}

}  // namespace registry
