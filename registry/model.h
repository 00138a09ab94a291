// The approved list's data: vendors, qualification types, categories and their requirements,
// qualifications, practitioners, applications, sanctions, catalog items. Plain values; the
// rules over them are in market_access.h and the services.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/money.h"

namespace registry {

enum class EnterpriseSize { kMicro, kSmall, kMedium, kLarge };
const char* EnterpriseSizeName(EnterpriseSize s);
std::optional<EnterpriseSize> ParseEnterpriseSize(const std::string& s);
// Micro and small enterprises get the SME price deduction in evaluations.
inline bool IsSme(EnterpriseSize s) { return s == EnterpriseSize::kMicro || s == EnterpriseSize::kSmall; }

enum class VendorStatus { kRegistered, kListed, kDelisted };
const char* VendorStatusName(VendorStatus s);
std::optional<VendorStatus> ParseVendorStatus(const std::string& s);

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
const char* CategoryKindName(CategoryKind k);
std::optional<CategoryKind> ParseCategoryKind(const std::string& s);

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

struct Category {
  std::string code;
  std::string name;
  CategoryKind kind = CategoryKind::kServices;
  std::vector<Requirement> requirements;
  int64_t version = 1;
};

// Stored status; "expired" is never stored, it is derived from the date (QualificationState).
enum class QualificationStatus { kActive, kSuspended, kRevoked };
const char* QualificationStatusName(QualificationStatus s);

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

struct Credential {
  std::string type;
  std::string level;  // empty when the type has no levels
  std::string certificate_no;
  common::Date issued_on;
  std::optional<common::Date> expires_on;  // none: never expires
};

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
  std::string review = "active";  // "pending", "active", "rejected"
  std::optional<common::Date> departed_on;
  std::string depart_reason;
  std::string decided_by;  // account id; empty until decided (or when added by the bureau: the bureau)
  std::optional<common::Timestamp> decided_at;
  std::string decision_comment;
  int64_t version = 1;

  // "pending", "active", "rejected" or "departed" (a departure is recorded, whatever its day).
  std::string Status() const { return departed_on ? "departed" : review; }
  // Counts toward market access on `on`: approved, and not yet gone on that day.
  bool CountsOn(common::Date on) const { return review == "active" && (!departed_on || on < *departed_on); }
};

enum class SanctionKind { kDebarment, kSuspension };
const char* SanctionKindName(SanctionKind k);

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
  std::string vendor_name;  // filled by lists (names next to ids); not stored
  // In force on `on`: not lifted and starts_on <= on <= ends_on.
  bool InForce(common::Date on) const { return !lifted && starts_on <= on && on <= ends_on; }
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
enum class ApplicationStatus { kSubmitted, kApproved, kRejected };
const char* ApplicationStatusName(ApplicationStatus s);

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
const char* ItemStatusName(ItemStatus s);

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
