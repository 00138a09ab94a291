// The registry's store interfaces. storage/ implements them once in SQL for both backends.
//
// A use case runs in one transaction: Store::Write (or Read) hands the callback a UnitOfWork
// whose repositories all act inside that transaction; the transaction commits when the callback
// returns OK and rolls back otherwise, so a failed use case leaves nothing behind.
//
// **The callback may run more than once.** A transaction that loses a race (SQLite busy, an
// InnoDB deadlock, a Galera certification failure, or a callback's own Status::Retry) is rolled
// back and the callback called again from the start. So a callback starts from nothing: it
// declares what it collects (error lists, counters) inside itself, and assigns what it hands
// back to the caller once, at its end, after everything it did succeeded. Validation that needs
// no stored state happens before Write, so a malformed request never queues for the writer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.h"
#include "common/date.h"
#include "common/status.h"
#include "registry/actor.h"
#include "registry/audit.h"
#include "registry/model.h"

namespace registry {

enum class AccountStatus { kActive, kDisabled };
inline constexpr common::EnumName<AccountStatus> kAccountStatusNames[] = {
    {AccountStatus::kActive, "active"},
    {AccountStatus::kDisabled, "disabled"},
};
static_assert(common::CoversExactly(kAccountStatusNames, 2));
inline const char* AccountStatusName(AccountStatus v) { return common::NameIn(kAccountStatusNames, v); }
inline std::optional<AccountStatus> ParseAccountStatus(std::string_view s) { return common::ParseIn(kAccountStatusNames, s); }

// An account. Its secrets (the token's hash, the password's hash) are not part of it: the store
// takes them on writes and hands a password hash back only to FindByLogin's caller.
struct Account {
  std::string id;
  std::string name;
  Role role = Role::kAuditor;
  std::string vendor_id;  // empty unless role == kVendor
  std::string department;  // the department's name; empty unless role == kDepartment
  std::string login;      // empty: the account cannot sign in with a password
  AccountStatus status = AccountStatus::kActive;
  bool must_change_password = false;  // a one-time password was given; sign-in must change it
  common::Timestamp created_at;
  std::optional<common::Timestamp> last_seen_at;
  int64_t version = 1;
};

struct AccountFilter {
  std::optional<Role> role;
  std::string vendor_id;  // empty: any
  std::optional<AccountStatus> status;
};

// A signed-in session; the cookie's value exists only in the client, the store keeps its hash.
// Times are microseconds since the epoch.
struct Session {
  std::string id_hash;
  std::string account_id;
  int64_t created = 0;
  int64_t last_seen = 0;
  int64_t expires_at = 0;
};

// Keyset pagination: items after `after` (an opaque, store-made position), at most `limit`.
struct PageRequest {
  int limit = 50;
  std::string after;
};
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;  // the position after the last item, when more may follow
};

// Every write below that changes who may authenticate (Update, SetTokenHash, SetPasswordHash,
// DeleteSession, DeleteSessionsOf) also moves the auth generation in the same transaction, so
// no implementation can forget it; TouchLastSeen and TouchSession do not.
class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // kConflict when the token hash or the login is already taken. `password_hash` empty: none.
  virtual common::Status Insert(const Account& account, const std::string& token_hash,
                                const std::string& password_hash) = 0;
  virtual common::Result<std::optional<Account>> FindByTokenHash(const std::string& token_hash) = 0;
  // The account whose login is `login`, and its password hash (empty when it has none).
  virtual common::Result<std::optional<Account>> FindByLogin(const std::string& login,
                                                             std::string* password_hash) = 0;
  virtual common::Result<std::optional<Account>> Get(const std::string& id) = 0;
  virtual common::Result<int64_t> Count() = 0;
  virtual common::Result<int64_t> CountActive(Role role) = 0;
  // Ordered by id; page.after is an id.
  virtual common::Result<Page<Account>> List(const AccountFilter& filter, const PageRequest& page) = 0;
  virtual common::Result<std::vector<Account>> ListByVendor(const std::string& vendor_id) = 0;
  // Writes name, status and must_change_password (version + 1); see "Every Update" below.
  virtual common::Status Update(const Account& account, int64_t expected_version) = 0;
  virtual common::Status SetTokenHash(const std::string& id, const std::string& token_hash) = 0;
  virtual common::Status SetPasswordHash(const std::string& id, const std::string& password_hash,
                                         bool must_change) = 0;
  virtual common::Status TouchLastSeen(const std::string& id, common::Timestamp at) = 0;

  virtual common::Status InsertSession(const Session& session) = 0;
  virtual common::Result<std::optional<Session>> GetSession(const std::string& id_hash) = 0;
  virtual common::Status TouchSession(const std::string& id_hash, int64_t last_seen) = 0;
  virtual common::Status DeleteSession(const std::string& id_hash) = 0;
  virtual common::Status DeleteSessionsOf(const std::string& account_id) = 0;
  // Deletes sessions past expires_at or idle since before `idle_before`; returns how many.
  virtual common::Result<int64_t> DeleteEndedSessions(int64_t now, int64_t idle_before) = 0;

  virtual common::Status AddSignInFailure(const std::string& login, int64_t at) = 0;
  virtual common::Result<int64_t> CountSignInFailures(const std::string& login, int64_t since) = 0;
  virtual common::Status ClearSignInFailures(const std::string& login) = 0;
  virtual common::Result<int64_t> DeleteSignInFailuresBefore(int64_t at) = 0;

  // The stored auth generation (schema/*/005_sign_in.sql).
  virtual common::Result<int64_t> AuthGeneration() = 0;
};

struct AuditFilter {
  std::string entity_type;  // empty: any
  std::string entity_id;    // empty: any
  std::string actor;        // an account id (or "system"); empty: any
  std::optional<common::Timestamp> since;  // at >= since
  std::optional<common::Timestamp> until;  // at < until
  // Every entry of this tender, its bids (and their scores), its clarifications, its vendors'
  // questions, its committee, its challenges and complaints; empty: any.
  std::string tender_id;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Locks the chain head for the rest of the transaction (SELECT ... FOR UPDATE on MySQL; the
  // SQLite write transaction already holds the database lock) and returns it.
  virtual common::Status LockHead(int64_t* seq, std::string* hash) = 0;
  virtual common::Status Insert(const AuditEntry& entry) = 0;
  virtual common::Status SetHead(int64_t seq, const std::string& hash) = 0;
  // Entries in ascending seq, filtered; `page.after` is a seq in decimal.
  // The entries after `after_seq` whose entity_type is one of `entity_types`, oldest first, at
  // most `limit`, with their actors' names (the change feed). Entries commit in seq order (the
  // head is locked until commit), so a reader never sees an entry before an earlier one.
  virtual common::Result<std::vector<AuditEntry>> ListChanges(int64_t after_seq, const std::vector<std::string>& entity_types,
                                                              int limit) = 0;
  virtual common::Result<Page<AuditEntry>> List(const AuditFilter& filter, const PageRequest& page) = 0;
  // Calls `fn` for every entry in ascending seq, reading in batches; stops early when `fn`
  // returns false. Reads the head first (*head_seq, *head_hash).
  virtual common::Status Scan(int64_t* head_seq, std::string* head_hash,
                              const std::function<bool(const AuditEntry&)>& fn) = 0;
  virtual common::Status ReadHead(int64_t* seq, std::string* hash) = 0;
  virtual common::Result<std::optional<AuditEntry>> Get(int64_t seq) = 0;

  // Of these bid (or vendor question) ids, those whose tender has not been opened: draft or
  // open, or cancelled before it was opened (the registry cannot see tenders; storage answers).
  virtual common::Result<std::set<std::string>> SealedBids(const std::vector<std::string>& bid_ids) = 0;

  // The chain's key (registry/audit.h), kept outside the database.
  virtual const std::string& ChainKey() const = 0;
  // The keyed digest of the reconciled record's row(s) as this transaction sees them; empty
  // for a type that is not reconciled (IsReconciledType) or a record that does not exist.
  virtual common::Result<std::string> RowDigest(const std::string& entity_type, const std::string& entity_id) = 0;
  // Calls `fn` with the digest of every row of every reconciled type.
  virtual common::Status ScanRowDigests(
      const std::function<void(const std::string& type, const std::string& id, const std::string& digest)>& fn) = 0;
};

struct VendorFilter {
  std::optional<VendorStatus> status;  // none: any
  std::string q;       // empty: any; else a substring of the name or a prefix of the credit code
};

// Every Update(x, expected_version) below writes x with version expected_version + 1 when the
// stored version is expected_version, and returns kVersionMismatch when it is not (someone
// changed the record since it was read) or kNotFound when there is no such record.
class VendorStore {
 public:
  virtual ~VendorStore() = default;
  virtual common::Status Insert(const Vendor& v) = 0;  // kConflict when the credit code is taken
  virtual common::Result<std::optional<Vendor>> Get(const std::string& id) = 0;
  virtual common::Status Update(const Vendor& v, int64_t expected_version) = 0;
  // Ordered by id; page.after is an id.
  virtual common::Result<Page<Vendor>> List(const VendorFilter& filter, const PageRequest& page) = 0;
  // The vendors with these ids, in no order (ids of none left out); likewise GetMany below: the
  // change feed's records, in a few statements whatever their number.
  virtual common::Result<std::vector<Vendor>> GetMany(const std::vector<std::string>& ids) = 0;
  // The vendors holding these credit codes (canonical), in no order; codes no vendor holds are left out.
  virtual common::Result<std::vector<Vendor>> FindByCreditCodes(const std::vector<std::string>& codes) = 0;
};

class ReferenceStore {
 public:
  virtual ~ReferenceStore() = default;
  virtual common::Result<std::vector<QualificationType>> ListTypes() = 0;
  virtual common::Result<std::optional<QualificationType>> GetType(const std::string& code) = 0;
  virtual common::Status PutType(const QualificationType& t) = 0;  // insert or replace
  // How many qualifications (holder vendor) or credentials (holder practitioner) use the level.
  virtual common::Result<int64_t> CountLevelUse(const std::string& type, const std::string& level) = 0;
  virtual common::Result<std::vector<Category>> ListCategories() = 0;
  virtual common::Result<std::optional<Category>> GetCategory(const std::string& code) = 0;
  virtual common::Status PutCategory(const Category& c) = 0;  // insert or replace
};

struct QualificationFilter {
  std::string vendor_id;      // empty: any
  std::optional<QualificationStatus> stored_status;  // none: any (expiry is expires_before/from)
  std::optional<common::Date> expires_before;  // expires_on < this
  std::optional<common::Date> expires_from;    // expires_on >= this
};

class QualificationStore {
 public:
  virtual ~QualificationStore() = default;
  virtual common::Status Insert(const Qualification& q) = 0;
  virtual common::Result<std::optional<Qualification>> Get(const std::string& id) = 0;
  virtual common::Status Update(const Qualification& q, int64_t expected_version) = 0;
  virtual common::Result<std::vector<Qualification>> ListByVendor(const std::string& vendor_id) = 0;
  virtual common::Result<std::vector<Qualification>> GetMany(const std::vector<std::string>& ids) = 0;
  // Every qualification of these vendors, in no order (an import's matching, in a few statements).
  virtual common::Result<std::vector<Qualification>> ListByVendors(const std::vector<std::string>& vendor_ids) = 0;
  // Writes level, issuer, issued_on and expires_on (an import correcting a certificate), versioned.
  virtual common::Status Amend(const Qualification& q, int64_t expected_version) = 0;
  // Every vendor's, filtered, soonest expiry first (then id); with vendor_name.
  virtual common::Result<Page<Qualification>> List(const QualificationFilter& f, const PageRequest& page) = 0;
};

// What a practitioner list shows: those under review, active, rejected (and not departed), or
// departed (whatever their review).
enum class PractitionerListing { kPending, kActive, kRejected, kDeparted };
inline constexpr common::EnumName<PractitionerListing> kPractitionerListingNames[] = {
    {PractitionerListing::kPending, "pending"},
    {PractitionerListing::kActive, "active"},
    {PractitionerListing::kRejected, "rejected"},
    {PractitionerListing::kDeparted, "departed"},
};
static_assert(common::CoversExactly(kPractitionerListingNames, 4));

struct PractitionerFilter {
  std::optional<PractitionerListing> status;  // none: any
};

class PractitionerStore {
 public:
  virtual ~PractitionerStore() = default;
  // Inserts p (p.id_number_hash set). A pending or active p (not departed) takes the person's
  // hold: kConflict when another practitioner row, at any vendor, holds the same ID number.
  virtual common::Status Insert(const Practitioner& p) = 0;
  virtual common::Result<std::optional<Practitioner>> Get(const std::string& id) = 0;
  // Writes review, departure and decision fields (versioned, see below) and sets the hold from
  // the new state: taken while pending or active and not departed on or before `today`,
  // released otherwise. Taking it → kConflict when someone else holds the person.
  virtual common::Status Update(const Practitioner& p, int64_t expected_version, common::Date today) = 0;
  // Releases the hold on this ID number of anyone whose departure day is on or before `today`.
  virtual common::Status ReleaseDeparted(const std::string& id_number_hash, common::Date today) = 0;
  virtual common::Result<std::vector<Practitioner>> ListByVendor(const std::string& vendor_id) = 0;
  virtual common::Result<std::vector<Practitioner>> GetMany(const std::vector<std::string>& ids) = 0;
  // The practitioners holding these people (holding_hash among `id_number_hashes`), with their
  // credentials: at most one per person. A departed one whose hold is not yet released is among them.
  virtual common::Result<std::vector<Practitioner>> FindHolding(const std::vector<std::string>& id_number_hashes) = 0;
  // Replaces p's credentials with p.credentials (in order), versioned like Update.
  virtual common::Status SetCredentials(const Practitioner& p, int64_t expected_version) = 0;
  // All vendors' practitioners in id order, filtered; `page.after` is an id.
  virtual common::Result<Page<Practitioner>> List(const PractitionerFilter& filter, const PageRequest& page) = 0;
};

struct ApplicationFilter {
  std::string vendor_id;  // empty: any
  std::optional<ApplicationStatus> status;  // none: any
};

class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;
  virtual common::Status Insert(const Application& a) = 0;
  virtual common::Result<std::optional<Application>> Get(const std::string& id) = 0;
  virtual common::Status Update(const Application& a, int64_t expected_version) = 0;
  virtual common::Result<Page<Application>> List(const ApplicationFilter& f, const PageRequest& page) = 0;
  // Whether the vendor has an undecided application of `kind`.
  virtual common::Result<bool> HasOpen(const std::string& vendor_id, ApplicationKind kind) = 0;
};

class SanctionStore {
 public:
  virtual ~SanctionStore() = default;
  virtual common::Status Insert(const Sanction& s) = 0;
  virtual common::Result<std::optional<Sanction>> Get(const std::string& id) = 0;
  // Writes lifted and lift_reason; versioned like every Update here (see above).
  virtual common::Status Update(const Sanction& s, int64_t expected_version) = 0;
  virtual common::Result<std::vector<Sanction>> ListByVendor(const std::string& vendor_id) = 0;
  // Every sanction, oldest first, with its vendor's name (the exchange issue's exports and the
  // public list); `in_force_on`: only those in force that day.
  virtual common::Result<std::vector<Sanction>> ListAll(std::optional<common::Date> in_force_on) = 0;
  virtual common::Result<std::vector<Sanction>> GetMany(const std::vector<std::string>& ids) = 0;
};

struct CatalogQuery {
  std::vector<std::string> terms;  // search terms (common::QueryTerms); items must have all
  std::string category;            // empty: any
  std::string vendor_id;           // empty: any
  bool domestic_only = false;      // only items whose domestic claim the bureau verified
  std::optional<common::Money> max_price;
};

class FileStore {
 public:
  virtual ~FileStore() = default;
  virtual common::Status Insert(const StoredFile& f) = 0;
  // With the bytes when `with_content`.
  virtual common::Result<std::optional<StoredFile>> Get(const std::string& id, bool with_content) = 0;
};

struct ItemFilter {
  std::optional<ItemStatus> status;  // none: any
  std::string vendor_id;  // empty: any
  std::string category;   // empty: any
};

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;
  // Stores the item and its search terms.
  virtual common::Status Insert(const CatalogItem& item, const std::vector<std::string>& terms) = 0;
  virtual common::Result<std::optional<CatalogItem>> Get(const std::string& id) = 0;
  virtual common::Status Update(const CatalogItem& item, int64_t expected_version) = 0;
  // Listed items matching `q`, ordered by id, after page.after, at most page.limit.
  virtual common::Result<Page<CatalogItem>> SearchListed(const CatalogQuery& q, const PageRequest& page) = 0;
  // Items of any status, filtered, in id order (the bureau's work queue).
  virtual common::Result<Page<CatalogItem>> List(const ItemFilter& f, const PageRequest& page) = 0;
  virtual common::Result<std::vector<CatalogItem>> GetMany(const std::vector<std::string>& ids) = 0;
  // Every item of these vendors, in no order (an import's matching).
  virtual common::Result<std::vector<CatalogItem>> ListByVendors(const std::vector<std::string>& vendor_ids) = 0;
  // Writes category, description, domestic, domestic_verified, unit_price, unit and status, and
  // replaces the item's search terms `old_terms` with `terms` (an import changing an item),
  // versioned. The index is keyed by term (schema 017), so the old terms are named.
  virtual common::Status Amend(const CatalogItem& item, const std::vector<std::string>& old_terms,
                               const std::vector<std::string>& terms, int64_t expected_version) = 0;
};

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual AccountStore& accounts() = 0;
  virtual AuditStore& audit() = 0;
  virtual VendorStore& vendors() = 0;
  virtual ReferenceStore& reference() = 0;
  virtual QualificationStore& qualifications() = 0;
  virtual PractitionerStore& practitioners() = 0;
  virtual ApplicationStore& applications() = 0;
  virtual SanctionStore& sanctions() = 0;
  virtual CatalogStore& catalog() = 0;
  virtual FileStore& files() = 0;
  // The stored access generation (schema/*/004_access_generation.sql): a value that changes in
  // every transaction that writes a record market access is decided from.
  virtual common::Result<int64_t> AccessGeneration() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Both may call `fn` more than once (see the top of this file).
  virtual common::Status Write(const std::function<common::Status(UnitOfWork&)>& fn) = 0;
  virtual common::Status Read(const std::function<common::Status(UnitOfWork&)>& fn) = 0;
  // A read whose queries all see one instant, however many tables it reads while others write
  // (storage: Database::Mode::kSnapshot). Costs MySQL two more round trips than Read: for
  // readers that compare tables with each other, like the audit verification.
  virtual common::Status ReadSnapshot(const std::function<common::Status(UnitOfWork&)>& fn) = 0;

  // A read that returns one value: `fn` gives the value or an error, inside Read.
  //   return store_.ReadValue<std::vector<Category>>([](UnitOfWork& uow) { return uow.reference().ListCategories(); });
  template <typename T>
  common::Result<T> ReadValue(const std::function<common::Result<T>(UnitOfWork&)>& fn) {
    std::optional<T> out;
    common::Status st = Read([&](UnitOfWork& uow) -> common::Status {
      auto r = fn(uow);
      if (!r.ok()) return r.status();
      out = std::move(r).value();  // assigned once, last: a re-run starts from nothing
      return common::Status::Ok();
    });
    if (!st.ok()) return st;
    return std::move(*out);
  }

  // The field errors a check against stored records finds, from one read: `check` appends to a
  // list that starts empty on every run (the closure may run again). For the Check… methods that
  // answer every problem of a request at once.
  common::Result<std::vector<common::FieldError>> ReadErrors(
      const std::function<common::Status(UnitOfWork&, std::vector<common::FieldError>*)>& check) {
    return ReadValue<std::vector<common::FieldError>>([&](UnitOfWork& uow) -> common::Result<std::vector<common::FieldError>> {
      std::vector<common::FieldError> found;
      common::Status st = check(uow, &found);
      if (!st.ok()) return st;
      return found;
    });
  }
};

// Appends one audit entry inside the caller's transaction: locks the head, chains the entry to
// it, inserts it and moves the head. `details` must never hold a secret or a sealed value.
common::Status AppendAudit(UnitOfWork& uow, common::Timestamp at, const std::string& actor,
                           const std::string& action, const std::string& entity_type,
                           const std::string& entity_id, const std::string& details);

// Many entries in one transaction (an import: one per record): the head is locked once and
// written once at Finish, each entry chained to the one before as AppendAudit chains them. Call
// Finish before the transaction ends; entries added without it are not on the chain's head.
class AuditBatch {
 public:
  explicit AuditBatch(UnitOfWork& uow) : uow_(uow) {}
  common::Status Add(common::Timestamp at, const std::string& actor, const std::string& action,
                     const std::string& entity_type, const std::string& entity_id, const std::string& details);
  common::Status Finish();

 private:
  UnitOfWork& uow_;
  bool locked_ = false;
  int64_t seq_ = 0;
  std::string hash_;
};

}  // namespace registry
