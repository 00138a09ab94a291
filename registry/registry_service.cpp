// RegistryService: vendors (registration, reads, changes, listing) and market access. The
// other use cases are in qualifications.cpp, practitioners.cpp, applications.cpp, sanctions.cpp.
#include "registry/registry_service.h"

#include "common/credit_code.h"

#include "common/crypto.h"
#include "common/password.h"
#include "common/text.h"
#include "registry/account_service.h"
#include "registry/use_case_helpers.h"
#include "registry/validation.h"

namespace registry {

using common::Date;
using common::Fields;
using common::Result;
using common::Status;

Date Today(const common::Clock& clock) { return common::BeijingDate(clock.Now()); }

Result<Vendor> RegistryService::RequireVendor(UnitOfWork& uow, const std::string& id) {
  ASSIGN_OR_RETURN(auto v, uow.vendors().Get(id));
  if (!v) return Status::NotFound("no such vendor");
  return *v;
}

Status RegistryService::CheckRegistration(const Registration& typed, const common::Unread& unread) {
  Registration r = typed;
  r.credit_code = common::CanonicalCreditCode(typed.credit_code);
  Status st = ValidateRegistration(r);
  // The password's strength is judged against the login and the name.
  return common::ValidationOrOk(unread.Keep(st.errors(), {{"password", {"login", "name"}}}));
}

Result<Registered> RegistryService::RegisterVendor(const std::optional<Actor>& actor, const Registration& typed) {
  Registration r = typed;
  r.credit_code = common::CanonicalCreditCode(typed.credit_code);  // people type it in lower case
  RETURN_IF_ERROR(ValidateRegistration(r));
  Registered out;
  Vendor& v = out.vendor;
  v.id = common::NewId("ven");
  v.name = common::NormalizeNfc(r.name);
  v.credit_code = r.credit_code;
  v.enterprise_size = r.enterprise_size;
  v.region_code = r.region_code;
  v.contact = r.contact;
  v.status = VendorStatus::kRegistered;
  v.created_at = v.updated_at = clock_.Now();
  Account account;
  account.id = common::NewId("acc");
  account.name = v.name;
  account.role = Role::kVendor;
  account.vendor_id = v.id;
  account.login = r.login;
  account.created_at = v.created_at;
  out.account_id = account.id;
  out.token = common::NewToken();
  std::string password_hash;
  if (!r.password.empty()) {
    auto hash = common::HashPassword(r.password);
    if (!hash) return Status::Unavailable("the password could not be hashed (out of memory)");
    password_hash = *hash;
  }
  bool login_taken = false;
  Status st = store_.Write([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.vendors().Insert(v));
    if (!account.login.empty()) {
      std::string ignored;
      ASSIGN_OR_RETURN(auto holder, uow.accounts().FindByLogin(account.login, &ignored));
      if (holder) {
        login_taken = true;
        return Status::Conflict("this login is taken");
      }
    }
    RETURN_IF_ERROR(uow.accounts().Insert(account, common::Sha256Hex(out.token), password_hash));
    std::string who = actor ? actor->account_id : account.id;
    RETURN_IF_ERROR(AppendAudit(uow, v.created_at, who, "vendor.register", "vendor", v.id,
                                Audit(Fields()
                                          .Add("name", v.name)
                                          .Add("credit_code", v.credit_code)
                                          .Add("enterprise_size", EnterpriseSizeName(v.enterprise_size))
                                          .Add("region_code", v.region_code))));
    return AppendAudit(uow, v.created_at, who, "account.create", "account", account.id,
                       Audit(Fields().Add("name", account.name).Add("role", "vendor").Add("vendor_id", v.id)
                                 .Add("login", account.login)));
  });
  if (login_taken) {
    return Status::ConflictWith("this login is taken", {{"login", "taken", "another account has this login"}});
  }
  if (st.code() == common::Code::kConflict) {
    return Status::Conflict("a vendor with this credit code is registered already");
  }
  RETURN_IF_ERROR(st);
  return out;
}

Result<Vendor> RegistryService::GetVendor(const Actor&, const std::string& id) {
  Vendor v;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    // Through the access cache: every vendor write moves the generation, so the record (and
    // its version, the ETag) is exact.
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(auto record, view.Vendor(id));
    if (!record) return Status::NotFound("no such vendor");
    v = record->vendor;
    return Status::Ok();
  }));
  return v;
}

Result<RegistryService::RenderedVendor> RegistryService::GetVendorRendered(
    const Actor&, const std::string& id, const std::function<std::string(const Vendor&)>& render) {
  RenderedVendor out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(auto record, view.Vendor(id));
    if (!record) return Status::NotFound("no such vendor");
    out.version = record->vendor.version;
    // Each kind of memo names itself first; MemoKey keeps any two lists of parts apart.
    ASSIGN_OR_RETURN(out.body, view.Memo(MemoKey().Add("vendor").Add(id), [&]() -> Result<std::string> {
      return render(record->vendor);
    }));
    return Status::Ok();
  }));
  return out;
}

Result<Page<Vendor>> RegistryService::ListVendors(const Actor&, const VendorFilter& f, const PageRequest& page) {
  return store_.ReadValue<Page<Vendor>>([&](UnitOfWork& uow) { return uow.vendors().List(f, page); });
}

Result<Page<Vendor>> RegistryService::ListEligibleVendors(const Actor& actor, const VendorFilter& f,
                                                          const std::string& category, Date on,
                                                          const PageRequest& page) {
  if (actor.Is(Role::kVendor)) return Status::Forbidden("vendors do not list who else may bid");
  Page<Vendor> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    out = Page<Vendor>{};
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(auto cat, view.GetCategory(category));
    if (!cat) return Status::FieldInvalid("eligible_for", "unknown", "no such category");
    ASSIGN_OR_RETURN(auto types, view.Types());
    // Scan in id order, in batches, deciding each vendor from the access cache, until the page
    // is full (one more tells whether another page follows) or the vendors run out.
    PageRequest batch{200, page.after};
    for (;;) {
      ASSIGN_OR_RETURN(Page<Vendor> some, uow.vendors().List(f, batch));
      for (Vendor& v : some.items) {
        ASSIGN_OR_RETURN(auto record, view.Vendor(v.id));
        if (!record || !DecideMarketAccess(record->snapshot, cat->requirements, *types, on).eligible) continue;
        if (static_cast<int>(out.items.size()) == page.limit) {
          out.next = out.items.back().id;
          return Status::Ok();
        }
        out.items.push_back(std::move(v));
      }
      if (!some.next) return Status::Ok();
      batch.after = *some.next;
    }
  }));
  return out;
}

std::string RegistryService::PersonalDigest(const std::string& value) const {
  if (value.empty()) return "";
  return "hmac-sha256:" + common::HmacSha256Hex(id_hash_key_, "personal data|" + value).substr(0, 32);
}

Status RegistryService::CheckPatch(const Actor& actor, const std::string& id, const VendorPatch& p,
                                   const common::Unread& unread) {
  if (!IsBureau(actor) && !OwnsVendor(actor, id)) return Status::Forbidden("only that vendor and the bureau change it");
  if (!IsBureau(actor) && (p.name || p.enterprise_size)) {
    return Status::Forbidden("the name and the enterprise size are changed by the bureau");
  }
  // The patch's own values (the stored ones passed these checks when they were written).
  std::vector<common::FieldError> errors;
  if (p.name) common::MergeFieldErrors(common::CheckName(common::NormalizeNfc(*p.name), "name", 200), &errors);
  if (p.region_code) common::MergeFieldErrors(CheckRegionCode(*p.region_code, "region_code"), &errors);
  Contact given{p.contact_name.value_or(""), p.contact_phone.value_or(""), p.contact_email.value_or(""),
                p.contact_address.value_or("")};
  common::MergeFieldErrors(CheckContact(given, "contact."), &errors);
  return common::ValidationOrOk(unread.Keep(errors));
}

Result<Vendor> RegistryService::UpdateVendor(const Actor& actor, const std::string& id, const VendorPatch& p,
                                             std::optional<int64_t> if_match) {
  // Checked before the transaction: a malformed patch never queues for the writer.
  RETURN_IF_ERROR(CheckPatch(actor, id, p, common::Unread()));
  Vendor v;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(v, RequireVendor(uow, id));
    if (if_match && *if_match != v.version) {
      return Status::VersionMismatch("the vendor was changed since version " + std::to_string(*if_match));
    }
    Fields changed;
    if (p.name) { v.name = common::NormalizeNfc(*p.name); changed.Add("name", v.name); }
    if (p.enterprise_size) { v.enterprise_size = *p.enterprise_size; changed.Add("enterprise_size", EnterpriseSizeName(v.enterprise_size)); }
    if (p.region_code) { v.region_code = *p.region_code; changed.Add("region_code", v.region_code); }
    if (p.contact_name) { v.contact.name = *p.contact_name; changed.Add("contact.name", PersonalDigest(v.contact.name)); }
    if (p.contact_phone) { v.contact.phone = *p.contact_phone; changed.Add("contact.phone", PersonalDigest(v.contact.phone)); }
    if (p.contact_email) { v.contact.email = *p.contact_email; changed.Add("contact.email", PersonalDigest(v.contact.email)); }
    if (p.contact_address) { v.contact.address = *p.contact_address; changed.Add("contact.address", PersonalDigest(v.contact.address)); }
    v.updated_at = clock_.Now();
    RETURN_IF_ERROR(uow.vendors().Update(v, v.version));
    v.version += 1;
    return AppendAudit(uow, v.updated_at, actor.account_id, "vendor.update", "vendor", v.id, Audit(changed));
  }));
  return v;
}

Result<Vendor> RegistryService::DecideListing(const Actor& actor, const std::string& id, bool list,
                                              const std::string& reason) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau keeps the approved list");
  RETURN_IF_ERROR(CheckText(reason, "reason", 1000, true));
  Vendor v;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(v, RequireVendor(uow, id));
    if (list && v.status == VendorStatus::kListed) return Status::InvalidState("the vendor is listed already");
    if (!list && v.status != VendorStatus::kListed) return Status::InvalidState("the vendor is not listed");
    v.status = list ? VendorStatus::kListed : VendorStatus::kDelisted;
    v.updated_at = clock_.Now();
    RETURN_IF_ERROR(uow.vendors().Update(v, v.version));
    v.version += 1;
    return AppendAudit(uow, v.updated_at, actor.account_id, list ? "vendor.list" : "vendor.delist", "vendor", v.id,
                       Audit(Fields().Add("reason", reason)));
  }));
  return v;
}

// ---- market access

Result<std::shared_ptr<const std::string>> RegistryService::MarketAccessRendered(
    const Actor&, const std::string& vendor_id, const std::string& category, Date on,
    const std::function<std::string(const AccessDecision&)>& render) {
  std::shared_ptr<const std::string> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(auto vendor, view.Vendor(vendor_id));
    if (!vendor) return Status::NotFound("no such vendor");
    ASSIGN_OR_RETURN(auto cat, view.GetCategory(category));
    if (!cat) return Status::NotFound("no such category");
    // Memoised only once both exist, under a key of its own kind (MemoKey).
    MemoKey key;
    key.Add("access").Add(vendor_id).Add(category).Add(common::FormatDate(on));
    ASSIGN_OR_RETURN(out, view.Memo(key, [&]() -> Result<std::string> {
      ASSIGN_OR_RETURN(auto types, view.Types());
      return render(DecideMarketAccess(vendor->snapshot, cat->requirements, *types, on));
    }));
    return Status::Ok();
  }));
  return out;
}

}  // namespace registry
