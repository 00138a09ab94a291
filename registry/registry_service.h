// The approved list's use cases: vendors, listing, qualifications, practitioners, applications,
// sanctions and market access. Each method is one transaction with its audit entry; each decides
// itself whether the Actor may do it (roles as in docs/api.md). Thread-safe.
//
// "Today" is the calendar date in China (UTC+8, no daylight saving): common::BeijingDate.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "registry/market_access.h"
#include "registry/access_cache.h"
#include "registry/store.h"
#include "registry/validation.h"

namespace registry {

// Today in Beijing by `clock` (common::BeijingDate).
common::Date Today(const common::Clock& clock);

struct Registration {
  std::string name;
  std::string credit_code;
  EnterpriseSize enterprise_size = EnterpriseSize::kSmall;
  std::string region_code;
  Contact contact;
  // Optional: a sign-in for the new vendor account. Both or neither; the password is the
  // vendor's own choice, so it must pass CheckNewPassword and need not be changed.
  std::string login;
  std::string password;
};

struct Registered {
  Vendor vendor;
  std::string account_id;
  std::string token;  // the vendor account's token, shown once
};

// Fields a PATCH may change; absent fields stay as they are. Name and enterprise size are the
// bureau's to change (they follow the business licence); contact and region are the vendor's too.
struct VendorPatch {
  std::optional<std::string> name;
  std::optional<EnterpriseSize> enterprise_size;
  std::optional<std::string> region_code;
  std::optional<std::string> contact_name, contact_phone, contact_email, contact_address;
};

struct NewPractitioner {
  std::string name;
  std::string id_number;  // GB 11643 citizen ID number; stored only as a keyed hash and masked
  std::vector<Credential> credentials;
};

enum class QualificationAction { kSuspend, kReinstate, kRevoke };

class RegistryService {
 public:
  // `id_hash_key` keys the HMAC under which practitioners' ID numbers are stored.
  // `access_cache` is the process's one cache (registryd's), shared with the other services.
  RegistryService(Store& store, const common::Clock& clock, std::string id_hash_key, AccessCache& access_cache)
      : store_(store), clock_(clock), id_hash_key_(std::move(id_hash_key)), access_cache_(access_cache) {}

  // AddPractitioner's checks alone, on a practitioner some of whose fields could not be read.
  common::Status CheckPractitioner(const Actor& actor, const std::string& vendor_id, const NewPractitioner& in,
                                   const common::Unread& unread);
  // RecordQualification's and ImposeSanction's checks alone, on input some of whose fields could
  // not be read (api ReadBody).
  common::Status CheckQualification(const Actor& actor, const std::string& vendor_id, const Qualification& q,
                                    const common::Unread& unread);
  common::Status CheckSanction(const Actor& actor, const Sanction& s, const common::Unread& unread);
  // Apply's checks alone, on an application some of whose fields could not be read.
  common::Status CheckApplication(const Actor& actor, ApplicationKind kind, const std::optional<Qualification>& claim,
                                  const std::vector<Evidence>& evidence, const common::Unread& unread);
  // UpdateVendor's checks alone, on a patch some of whose fields could not be read.
  common::Status CheckPatch(const Actor& actor, const std::string& id, const VendorPatch& p, const common::Unread& unread);
  // RegisterVendor's field checks alone, on a registration some of whose fields could not be
  // read (api ReadBody).
  common::Status CheckRegistration(const Registration& r, const common::Unread& unread);
  // Anyone. kConflict when the credit code is registered already.
  common::Result<Registered> RegisterVendor(const std::optional<Actor>& actor, const Registration& r);
  common::Result<Vendor> GetVendor(const Actor& actor, const std::string& id);
  // The same vendor as GetVendor, rendered by `render` at most once per access generation (the
  // access cache's memo): GET /v1/vendors/{id} serves the stored text. `version` is the ETag's.
  struct RenderedVendor {
    std::shared_ptr<const std::string> body;
    int64_t version = 0;
  };
  common::Result<RenderedVendor> GetVendorRendered(const Actor& actor, const std::string& id,
                                                   const std::function<std::string(const Vendor&)>& render);
  common::Result<Page<Vendor>> ListVendors(const Actor& actor, const VendorFilter& f, const PageRequest& page);
  // Only the vendors with market access for `category` on `on` (any account but vendors:
  // "which vendors may bid"), in id order, filtered by `f` too. kFieldInvalid for an unknown category.
  common::Result<Page<Vendor>> ListEligibleVendors(const Actor& actor, const VendorFilter& f, const std::string& category,
                                                   common::Date on, const PageRequest& page);
  // That vendor or the bureau. `if_match`: the version the caller read (kVersionMismatch if stale).
  common::Result<Vendor> UpdateVendor(const Actor& actor, const std::string& id, const VendorPatch& patch,
                                      std::optional<int64_t> if_match);
  // Bureau. list: registered/delisted -> listed; delist: listed -> delisted; else kInvalidState.
  common::Result<Vendor> DecideListing(const Actor& actor, const std::string& id, bool list, const std::string& reason);

  // Bureau: records a verified qualification directly (status active).
  common::Result<Qualification> RecordQualification(const Actor& actor, const std::string& vendor_id, Qualification q);
  common::Result<std::vector<Qualification>> ListQualifications(const Actor& actor, const std::string& vendor_id);
  // The expiry work queue: every vendor's qualifications (bureau, auditors; a vendor its own),
  // soonest expiry first. `status`: active, suspended, revoked or expired (derived, as read on
  // today); `expiring_before`: expires_on before that day.
  struct QualificationQuery {
    std::string vendor_id;
    std::optional<QualificationStanding> status;  // none: any
    std::optional<common::Date> expiring_before;
  };
  common::Result<Page<Qualification>> FindQualifications(const Actor& actor, const QualificationQuery& q,
                                                         const PageRequest& page);
  // Bureau. suspend: active -> suspended; reinstate: suspended -> active; revoke: not revoked -> revoked.
  common::Result<Qualification> ChangeQualification(const Actor& actor, const std::string& id, QualificationAction a,
                                                    const std::string& reason);

  // That vendor (→ pending) or the bureau (→ active). kConflict when the person (ID number) is
  // pending or active at any vendor, this one included; the error names no vendor.
  common::Result<Practitioner> AddPractitioner(const Actor& actor, const std::string& vendor_id, NewPractitioner p);
  // That vendor, bureau, officer, auditor.
  common::Result<std::vector<Practitioner>> ListPractitioners(const Actor& actor, const std::string& vendor_id);
  common::Result<Practitioner> GetPractitioner(const Actor& actor, const std::string& id);
  // Bureau and auditors: every vendor's practitioners, by status (the review queue is "pending").
  common::Result<Page<Practitioner>> ListAllPractitioners(const Actor& actor, const PractitionerFilter& f,
                                                          const PageRequest& page);
  // Bureau: pending → active (approve; kConflict when someone else holds the person meanwhile)
  // or rejected. Anything else: kInvalidState.
  common::Result<Practitioner> DecidePractitioner(const Actor& actor, const std::string& id, bool approve,
                                                  const std::string& comment);
  // Its vendor or the bureau: the person left on `on` (not before they were added); a pending or
  // active practitioner not yet departed, else kInvalidState. From `on` they count for nothing
  // and may join another vendor.
  common::Result<Practitioner> DepartPractitioner(const Actor& actor, const std::string& id, common::Date on,
                                                  const std::string& reason);

  // Vendor or bureau: stores an evidence file (the route has checked its type against its bytes).
  // The answer carries no bytes.
  static constexpr size_t kMaxFileBytes = 10u << 20;
  common::Result<StoredFile> UploadFile(const Actor& actor, const std::string& name, const std::string& content_type,
                                        std::string bytes);
  // The uploading vendor, bureau, auditors (others: kNotFound); with the bytes.
  common::Result<StoredFile> GetFile(const Actor& actor, const std::string& id);

  // A vendor account, for its own vendor.
  common::Result<Application> Apply(const Actor& actor, ApplicationKind kind, std::optional<Qualification> claim,
                                    std::vector<Evidence> evidence);
  // Vendors see their own; the bureau and auditors see all.
  common::Result<Page<Application>> ListApplications(const Actor& actor, ApplicationFilter f, const PageRequest& page);
  common::Result<Application> GetApplication(const Actor& actor, const std::string& id);
  // Bureau; an application is decided once (kInvalidState after).
  common::Result<Application> DecideApplication(const Actor& actor, const std::string& id, bool approve,
                                                const std::string& comment);

  // Bureau.
  common::Result<Sanction> ImposeSanction(const Actor& actor, const std::string& vendor_id, Sanction s);
  common::Result<Sanction> LiftSanction(const Actor& actor, const std::string& id, const std::string& reason);
  // Any account: sanctions are public record on the approved list.
  common::Result<std::vector<Sanction>> ListSanctions(const Actor& actor, const std::string& vendor_id);

  // Any account: the market-access decision for `category` on the day `on`, rendered by
  // `render` at most once per access generation for each (vendor, category, day) (the access
  // cache's memo): GET /v1/vendors/{id}/market-access?category= serves the stored text. Any
  // write that can change a decision moves the generation, so the text is never stale.
  // kNotFound for an unknown vendor or category.
  common::Result<std::shared_ptr<const std::string>> MarketAccessRendered(
      const Actor& actor, const std::string& vendor_id, const std::string& category, common::Date on,
      const std::function<std::string(const AccessDecision&)>& render);

 private:
  common::Result<Vendor> RequireVendor(UnitOfWork& uow, const std::string& id);
  Store& store_;
  const common::Clock& clock_;
  std::string id_hash_key_;
  // What the audit log keeps of personal data (a contact's name, phone, e-mail, address): an
  // HMAC under the ID-hash key, so the log shows that it changed, and to what a holder of the
  // value can check, without ever holding the value (entries can never be erased).
  std::string PersonalDigest(const std::string& value) const;
  AccessCache& access_cache_;  // market-access reads (registry/access_cache.h)
};

}  // namespace registry
