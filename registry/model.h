// The approved list's data: vendors, qualification types, categories and their requirements,
// qualifications, practitioners, applications, sanctions, catalog items. Plain values; the
// rules over them are in market_access.h and the services.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/enum_names.h"
#include "common/money.h"

namespace registry {

enum class EnterpriseSize { kMicro, kSmall, kMedium, kLarge };
inline constexpr common::EnumName<EnterpriseSize> kEnterpriseSizeNames[] = {
    {EnterpriseSize::kMicro, "micro"},
    {EnterpriseSize::kSmall, "small"},
    {EnterpriseSize::kMedium, "medium"},
    {EnterpriseSize::kLarge, "large"},
};
static_assert(common::CoversExactly(kEnterpriseSizeNames, 4));
inline const char* EnterpriseSizeName(EnterpriseSize v) { return common::NameIn(kEnterpriseSizeNames, v); }
inline std::optional<EnterpriseSize> ParseEnterpriseSize(std::string_view s) { return common::ParseIn(kEnterpriseSizeNames, s); }
// Micro and small enterprises get the SME price deduction in evaluations.
inline bool IsSme(EnterpriseSize s) { return s == EnterpriseSize::kMicro || s == EnterpriseSize::kSmall; }

enum class VendorStatus { kRegistered, kListed, kDelisted };
inline constexpr common::EnumName<VendorStatus> kVendorStatusNames[] = {
    {VendorStatus::kRegistered, "registered"},
    {VendorStatus::kListed, "listed"},
    {VendorStatus::kDelisted, "delisted"},
};
static_assert(common::CoversExactly(kVendorStatusNames, 3));
inline const char* VendorStatusName(VendorStatus v) { return common::NameIn(kVendorStatusNames, v); }
inline std::optional<VendorStatus> ParseVendorStatus(std::string_view s) { return common::ParseIn(kVendorStatusNames, s); }

struct Contact {
  std::string name;
  std::string phone;
  std::string email;
  std::string address;
};

struct Vendor {
  std::string id;
  std::string name;
  std::string credit_code;
  EnterpriseSize enterprise_size = EnterpriseSize::kSmall;
  std::string region_code;  // six-digit administrative division code, or empty
  Contact contact;
  VendorStatus status = VendorStatus::kRegistered;
  common::Timestamp created_at;
  common::Timestamp updated_at;
  int64_t version = 1;
};

enum class Holder { kVendor, kPractitioner };
inline constexpr common::EnumName<Holder> kHolderNames[] = {
    {Holder::kVendor, "vendor"},
    {Holder::kPractitioner, "practitioner"},
};
static_assert(common::CoversExactly(kHolderNames, 2));
inline const char* HolderName(Holder v) { return common::NameIn(kHolderNames, v); }
inline std::optional<Holder> ParseHolder(std::string_view s) { return common::ParseIn(kHolderNames, s); }

struct QualificationType {
  std::string code;
  std::string name;
  Holder holder = Holder::kVendor;
  std::vector<std::string> levels;  // lowest first; empty: the type has no levels
  int validity_years = 0;           // 0: never expires
  int64_t version = 1;
  // The rank of `level` (0 = lowest), or -1 when the type has no such level. A type without
  // levels ranks the empty level 0.
  int Rank(const std::string& level) const;
};

enum class CategoryKind { kGoods, kServices, kWorks };
inline constexpr common::EnumName<CategoryKind> kCategoryKindNames[] = {
    {CategoryKind::kGoods, "goods"},
    {CategoryKind::kServices, "services"},
    {CategoryKind::kWorks, "works"},
};
static_assert(common::CoversExactly(kCategoryKindNames, 3));
inline const char* CategoryKindName(CategoryKind v) { return common::NameIn(kCategoryKindNames, v); }
inline std::optional<CategoryKind> ParseCategoryKind(std::string_view s) { return common::ParseIn(kCategoryKindNames, s); }

// {"qualification": CODE, "min_level": LEVEL} or {"credential": CODE, "min_level"?, "min_count": N}.
struct Requirement {
  enum class Kind { kQualification, kCredential } kind = Kind::kQualification;
  std::string code;
  std::string min_level;  // may be empty for credentials (any level)
  int min_count = 1;      // credentials only
  bool operator==(const Requirement& o) const {
    return kind == o.kind && code == o.code && min_level == o.min_level && min_count == o.min_count;
  }
};

inline constexpr common::EnumName<Requirement::Kind> kRequirementKindNames[] = {
    {Requirement::Kind::kQualification, "qualification"}, {Requirement::Kind::kCredential, "credential"}};
static_assert(common::CoversExactly(kRequirementKindNames, 2));
inline const char* RequirementKindName(Requirement::Kind k) { return common::NameIn(kRequirementKindNames, k); }
inline std::optional<Requirement::Kind> ParseRequirementKind(std::string_view s) {
  return common::ParseIn(kRequirementKindNames, s);
}

struct Category {
  std::string code;
  std::string name;
  CategoryKind kind = CategoryKind::kServices;
  std::vector<Requirement> requirements;
  int64_t version = 1;
};

// Stored status; "expired" is never stored, it is derived from the date (QualificationState).
enum class QualificationStatus { kActive, kSuspended, kRevoked };
inline constexpr common::EnumName<QualificationStatus> kQualificationStatusNames[] = {
    {QualificationStatus::kActive, "active"},
    {QualificationStatus::kSuspended, "suspended"},
    {QualificationStatus::kRevoked, "revoked"},
};
static_assert(common::CoversExactly(kQualificationStatusNames, 3));
inline const char* QualificationStatusName(QualificationStatus v) { return common::NameIn(kQualificationStatusNames, v); }
inline std::optional<QualificationStatus> ParseQualificationStatus(std::string_view s) { return common::ParseIn(kQualificationStatusNames, s); }

struct Qualification {
  std::string id;
  std::string vendor_id;
  std::string type;
  std::string level;
  std::string certificate_no;
  std::string issuer;
  common::Date issued_on;
  common::Date expires_on;
  QualificationStatus status = QualificationStatus::kActive;
  std::string status_reason;
  int64_t version = 1;
  std::string vendor_name;  // filled by lists that read it (names next to ids); not stored
};
// "active", "suspended", "revoked" or "expired" (active but past expires_on) on `on`.
std::string QualificationState(const Qualification& q, common::Date on);
// The same four as a filter of the qualification queue.
enum class QualificationStanding { kActive, kSuspended, kRevoked, kExpired };
inline constexpr common::EnumName<QualificationStanding> kQualificationStandingNames[] = {
    {QualificationStanding::kActive, "active"},
    {QualificationStanding::kSuspended, "suspended"},
    {QualificationStanding::kRevoked, "revoked"},
    {QualificationStanding::kExpired, "expired"},
};
static_assert(common::CoversExactly(kQualificationStandingNames, 4));

struct Credential {
  std::string type;
  std::string level;  // empty when the type has no levels
  std::string certificate_no;
  common::Date issued_on;
  std::optional<common::Date> expires_on;  // none: never expires
};

enum class PractitionerReview { kPending, kActive, kRejected };
inline constexpr common::EnumName<PractitionerReview> kPractitionerReviewNames[] = {
    {PractitionerReview::kPending, "pending"},
    {PractitionerReview::kActive, "active"},
    {PractitionerReview::kRejected, "rejected"},
};
static_assert(common::CoversExactly(kPractitionerReviewNames, 3));
inline const char* PractitionerReviewName(PractitionerReview v) { return common::NameIn(kPractitionerReviewNames, v); }
inline std::optional<PractitionerReview> ParsePractitionerReview(std::string_view s) {
  return common::ParseIn(kPractitionerReviewNames, s);
}

// A practitioner (从业人员) is reviewed by the bureau: one a vendor adds is "pending" and counts
// for nothing until approved ("active") or refused ("rejected"); one the bureau adds is active
// at once. A departure records the day the person left: from it they count for nothing. The
// same person (ID number) is pending or active at one vendor at a time (store: holding_hash).
struct Practitioner {
  std::string id;
  std::string vendor_id;
  std::string vendor_name;  // read with it (names next to ids); not stored on the practitioner
  std::string name;
  std::string id_number_masked;  // "4405**********1234"; the number itself is never stored
  std::string id_number_hash;    // keyed hash of the number; never serialised
  std::vector<Credential> credentials;
  common::Timestamp created_at;
  PractitionerReview review = PractitionerReview::kActive;
  std::optional<common::Date> departed_on;
  std::string depart_reason;
  std::string decided_by;  // account id; empty until decided (or when added by the bureau: the bureau)
  std::optional<common::Timestamp> decided_at;
  std::string decision_comment;
  int64_t version = 1;

  // "pending", "active", "rejected" or "departed" (a departure is recorded, whatever its day).
  std::string Status() const { return departed_on ? "departed" : PractitionerReviewName(review); }
  // Counts toward market access on `on`: approved, and not yet gone on that day.
  bool CountsOn(common::Date on) const {
    return review == PractitionerReview::kActive && (!departed_on || on < *departed_on);
  }
};

enum class SanctionKind { kDebarment, kSuspension };
inline constexpr common::EnumName<SanctionKind> kSanctionKindNames[] = {
    {SanctionKind::kDebarment, "debarment"},
    {SanctionKind::kSuspension, "suspension"},
};
static_assert(common::CoversExactly(kSanctionKindNames, 2));
inline const char* SanctionKindName(SanctionKind v) { return common::NameIn(kSanctionKindNames, v); }
inline std::optional<SanctionKind> ParseSanctionKind(std::string_view s) { return common::ParseIn(kSanctionKindNames, s); }

struct Sanction {
  std::string id;
  std::string vendor_id;
  SanctionKind kind = SanctionKind::kSuspension;
  std::string reason;
  common::Date starts_on;
  common::Date ends_on;  // inclusive
  bool lifted = false;
  std::string lift_reason;
  common::Timestamp created_at;
  int64_t version = 1;
  std::string vendor_name;  // filled by lists (names next to ids); not stored
  std::string vendor_credit_code;  // filled by SanctionStore::ListAll; not stored
  // In force on `on`: not lifted and starts_on <= on <= ends_on.
  bool InForce(common::Date on) const { return !lifted && starts_on <= on && on <= ends_on; }
  // "lifted", "in_force", "upcoming" (starts after `on`) or "ended" on `on`.
  const char* State(common::Date on) const {
    if (lifted) return "lifted";
    if (InForce(on)) return "in_force";
    return on < starts_on ? "upcoming" : "ended";
  }
};

struct Evidence {
  std::string name;
  std::string sha256;   // 64 lowercase hex digits
  std::string file_id;  // an uploaded file (then name and sha256 are the file's); may be empty
};

// An uploaded evidence file (PDF, JPEG or PNG, at most 10 MiB), kept in the database.
struct StoredFile {
  std::string id;
  std::string vendor_id;    // the uploading vendor's; empty when the bureau uploaded it
  std::string uploaded_by;  // account id
  std::string name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  std::string content;  // the bytes; empty when only the description was read
  common::Timestamp created_at;
};

enum class ApplicationKind { kQualification, kListing };
inline constexpr common::EnumName<ApplicationKind> kApplicationKindNames[] = {
    {ApplicationKind::kQualification, "qualification"},
    {ApplicationKind::kListing, "listing"},
};
static_assert(common::CoversExactly(kApplicationKindNames, 2));
inline const char* ApplicationKindName(ApplicationKind v) { return common::NameIn(kApplicationKindNames, v); }
inline std::optional<ApplicationKind> ParseApplicationKind(std::string_view s) { return common::ParseIn(kApplicationKindNames, s); }
enum class ApplicationStatus { kSubmitted, kApproved, kRejected };
inline constexpr common::EnumName<ApplicationStatus> kApplicationStatusNames[] = {
    {ApplicationStatus::kSubmitted, "submitted"},
    {ApplicationStatus::kApproved, "approved"},
    {ApplicationStatus::kRejected, "rejected"},
};
static_assert(common::CoversExactly(kApplicationStatusNames, 3));
inline const char* ApplicationStatusName(ApplicationStatus v) { return common::NameIn(kApplicationStatusNames, v); }
inline std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view s) { return common::ParseIn(kApplicationStatusNames, s); }

struct Application {
  std::string id;
  std::string vendor_id;
  std::string vendor_name;  // read with it (names next to ids)
  ApplicationKind kind = ApplicationKind::kListing;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  std::optional<Qualification> qualification;  // the claimed qualification (kind qualification)
  std::vector<Evidence> evidence;
  common::Timestamp submitted_at;
  std::optional<common::Timestamp> decided_at;
  std::string decided_by;
  std::string comment;
  std::string qualification_id;  // set when an approved qualification was recorded
  int64_t version = 1;
};

enum class ItemStatus { kPending, kListed, kRejected };
inline constexpr common::EnumName<ItemStatus> kItemStatusNames[] = {
    {ItemStatus::kPending, "pending"},
    {ItemStatus::kListed, "listed"},
    {ItemStatus::kRejected, "rejected"},
};
static_assert(common::CoversExactly(kItemStatusNames, 3));
inline const char* ItemStatusName(ItemStatus v) { return common::NameIn(kItemStatusNames, v); }
inline std::optional<ItemStatus> ParseItemStatus(std::string_view s) { return common::ParseIn(kItemStatusNames, s); }

struct CatalogItem {
  std::string id;
  std::string vendor_id;
  std::string vendor_name;  // read with it (names next to ids)
  std::string category;
  std::string name;
  std::string description;
  bool domestic = false;           // the vendor's claim
  bool domestic_verified = false;  // true once the bureau approved the item with the claim
  common::Money unit_price;
  std::string unit;
  ItemStatus status = ItemStatus::kPending;
  std::string comment;
  common::Timestamp created_at;
  int64_t version = 1;
};

}  // namespace registry
