#include "registry/registry_service.h"

#include "common/password.h"

#include "common/credit_code.h"
#include "common/id_number.h"
#include "common/crypto.h"
#include "common/text.h"
#include "registry/account_service.h"

namespace registry {

using common::Date;
using common::Fields;
using common::Result;
using common::Status;

namespace {

bool IsBureau(const Actor& a) { return a.Is(Role::kBureau); }
bool OwnsVendor(const Actor& a, const std::string& vendor_id) {
  return a.Is(Role::kVendor) && a.vendor_id == vendor_id;
}

Status CheckText(const std::string& s, const std::string& field, size_t max_chars, bool required) {
  if (s.empty()) {
    return required ? Status::FieldInvalid(field, "required", "must not be empty") : Status::Ok();
  }
  return common::CheckName(s, field, max_chars);
}

// Adds the FieldErrors of `st` (if any) to *errors, so that one response lists every problem.
void Collect(std::vector<common::FieldError>* errors, const Status& st) {
  for (const auto& e : st.errors()) errors->push_back(e);
  if (!st.ok() && st.errors().empty()) errors->push_back({"", "invalid", st.message()});
}

Status Finish(const std::vector<common::FieldError>& errors) {
  if (errors.empty()) return Status::Ok();
  return Status::Validation("the request has invalid fields", errors);
}

std::string Audit(const Fields& f) { return f.ToJson(); }

}  // namespace

Date Today(const common::Clock& clock) { return common::BeijingDate(clock.Now()); }

Status CheckRegionCode(const std::string& code, const std::string& field) {
  if (code.empty()) return Status::Ok();
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) {
    return Status::FieldInvalid(field, "format", "an administrative division code has six digits, e.g. 440500");
  }
  return Status::Ok();
}

Status CheckContact(const Contact& c, const std::string& p) {
  std::vector<common::FieldError> errors;
  Collect(&errors, CheckText(c.name, p + "name", 100, false));
  Collect(&errors, CheckText(c.address, p + "address", 500, false));
  if (!c.phone.empty() && (c.phone.size() > 32 || c.phone.find_first_not_of("0123456789+-() ") != std::string::npos)) {
    errors.push_back({p + "phone", "format", "digits, spaces and + - ( ) only, at most 32"});
  }
  if (!c.email.empty()) {
    size_t at = c.email.find('@');
    if (c.email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= c.email.size() ||
        c.email.find_first_of(" \t\r\n<>") != std::string::npos) {
      errors.push_back({p + "email", "format", "not an email address"});
    }
  }
  return Finish(errors);
}

Status CheckQualificationClaim(const Qualification& q, const QualificationType* type, const std::string& p) {
  std::vector<common::FieldError> errors;
  if (!type) {
    errors.push_back({p + "type", "unknown", "no such qualification type"});
  } else if (type->holder != Holder::kVendor) {
    errors.push_back({p + "type", "holder", "this type is held by practitioners, not vendors"});
  } else if (type->Rank(q.level) < 0) {
    errors.push_back({p + "level", "unknown", "not a level of " + type->code});
  }
  Collect(&errors, CheckText(q.certificate_no, p + "certificate_no", 64, true));
  Collect(&errors, CheckText(q.issuer, p + "issuer", 200, true));
  if (q.expires_on < q.issued_on) {
    errors.push_back({p + "expires_on", "before_issue", "expires before it was issued"});
  } else if (type && type->validity_years > 0 && q.expires_on > q.issued_on.AddYears(type->validity_years)) {
    errors.push_back({p + "expires_on", "too_long",
                      type->code + " is valid for at most " + std::to_string(type->validity_years) + " years"});
  }
  return Finish(errors);
}

Result<Vendor> RegistryService::RequireVendor(UnitOfWork& uow, const std::string& id) {
  ASSIGN_OR_RETURN(auto v, uow.vendors().Get(id));
  if (!v) return Status::NotFound("no such vendor");
  return *v;
}

// ---- vendors

Status ValidateRegistration(const Registration& r) {
  std::vector<common::FieldError> errors;
  Collect(&errors, common::CheckName(r.name, "name", 200));
  Collect(&errors, common::CheckCreditCode(r.credit_code, "credit_code"));
  Collect(&errors, CheckRegionCode(r.region_code, "region_code"));
  Collect(&errors, CheckContact(r.contact, "contact."));
  if (!r.login.empty() || !r.password.empty()) {
    if (r.login.empty()) errors.push_back({"login", "required", "a password needs a login"});
    if (r.password.empty()) errors.push_back({"password", "required", "a login needs a password"});
    if (!r.login.empty()) Collect(&errors, CheckLogin(r.login, "login"));
    if (!r.password.empty()) Collect(&errors, CheckNewPassword(r.password, r.login, r.name, "password"));
  }
  return Finish(errors);
}

Result<Registered> RegistryService::RegisterVendor(const std::optional<Actor>& actor, const Registration& r) {
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
  if (!f.status.empty() && !ParseVendorStatus(f.status)) {
    return Status::FieldInvalid("status", "enum", "must be one of: registered, listed, delisted");
  }
  Page<Vendor> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out, uow.vendors().List(f, page));
    return Status::Ok();
  }));
  return out;
}

Result<Page<Vendor>> RegistryService::ListEligibleVendors(const Actor& actor, const VendorFilter& f,
                                                          const std::string& category, Date on,
                                                          const PageRequest& page) {
  if (actor.Is(Role::kVendor)) return Status::Forbidden("vendors do not list who else may bid");
  if (!f.status.empty() && !ParseVendorStatus(f.status)) {
    return Status::FieldInvalid("status", "enum", "must be one of: registered, listed, delisted");
  }
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

Result<Vendor> RegistryService::UpdateVendor(const Actor& actor, const std::string& id, const VendorPatch& p,
                                             std::optional<int64_t> if_match) {
  if (!IsBureau(actor) && !OwnsVendor(actor, id)) return Status::Forbidden("only that vendor and the bureau change it");
  if (!IsBureau(actor) && (p.name || p.enterprise_size)) {
    return Status::Forbidden("the name and the enterprise size are changed by the bureau");
  }
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
    std::vector<common::FieldError> errors;
    Collect(&errors, common::CheckName(v.name, "name", 200));
    Collect(&errors, CheckRegionCode(v.region_code, "region_code"));
    Collect(&errors, CheckContact(v.contact, "contact."));
    RETURN_IF_ERROR(Finish(errors));
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

// ---- qualifications

Result<Qualification> RegistryService::RecordQualification(const Actor& actor, const std::string& vendor_id,
                                                           Qualification q) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau records verified qualifications");
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Vendor v, RequireVendor(uow, vendor_id));
    ASSIGN_OR_RETURN(auto type, uow.reference().GetType(q.type));
    RETURN_IF_ERROR(CheckQualificationClaim(q, type ? &*type : nullptr, ""));
    q.id = common::NewId("qua");
    q.vendor_id = v.id;
    q.status = QualificationStatus::kActive;
    q.version = 1;
    RETURN_IF_ERROR(uow.qualifications().Insert(q));
    return AppendAudit(uow, clock_.Now(), actor.account_id, "qualification.record", "qualification", q.id,
                       Audit(Fields()
                                 .Add("vendor_id", q.vendor_id)
                                 .Add("type", q.type)
                                 .Add("level", q.level)
                                 .Add("certificate_no", q.certificate_no)
                                 .Add("issued_on", common::FormatDate(q.issued_on))
                                 .Add("expires_on", common::FormatDate(q.expires_on))));
  }));
  return q;
}

Result<std::vector<Qualification>> RegistryService::ListQualifications(const Actor&, const std::string& vendor_id) {
  std::vector<Qualification> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(RequireVendor(uow, vendor_id).status());
    ASSIGN_OR_RETURN(out, uow.qualifications().ListByVendor(vendor_id));
    return Status::Ok();
  }));
  return out;
}

Result<Page<Qualification>> RegistryService::FindQualifications(const Actor& actor, const QualificationQuery& q,
                                                                const PageRequest& page) {
  QualificationFilter f;
  f.vendor_id = q.vendor_id;
  if (actor.Is(Role::kVendor)) {
    if (!f.vendor_id.empty() && f.vendor_id != actor.vendor_id) {
      return Status::Forbidden("a vendor lists its own qualifications");
    }
    f.vendor_id = actor.vendor_id;
  } else if (!IsBureau(actor) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("the qualification queue is the bureau's, auditors' and each vendor's own");
  }
  Date today = Today(clock_);
  f.expires_before = q.expiring_before;
  if (q.status == "active") {
    f.stored_status = "active";
    f.expires_from = today;  // not yet expired
  } else if (q.status == "expired") {
    f.stored_status = "active";
    if (!f.expires_before || today < *f.expires_before) f.expires_before = today;
  } else if (q.status == "suspended" || q.status == "revoked") {
    f.stored_status = q.status;
  } else if (!q.status.empty()) {
    return Status::FieldInvalid("status", "unknown", "one of active, suspended, revoked, expired");
  }
  Page<Qualification> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out, uow.qualifications().List(f, page));
    return Status::Ok();
  }));
  return out;
}

Result<Qualification> RegistryService::ChangeQualification(const Actor& actor, const std::string& id,
                                                           QualificationAction a, const std::string& reason) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau suspends, reinstates or revokes qualifications");
  RETURN_IF_ERROR(CheckText(reason, "reason", 1000, true));
  Qualification q;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.qualifications().Get(id));
    if (!found) return Status::NotFound("no such qualification");
    q = *found;
    const char* action = "";
    switch (a) {
      case QualificationAction::kSuspend:
        if (q.status != QualificationStatus::kActive) return Status::InvalidState("only an active qualification is suspended");
        q.status = QualificationStatus::kSuspended;
        action = "qualification.suspend";
        break;
      case QualificationAction::kReinstate:
        if (q.status != QualificationStatus::kSuspended) return Status::InvalidState("only a suspended qualification is reinstated");
        q.status = QualificationStatus::kActive;
        action = "qualification.reinstate";
        break;
      case QualificationAction::kRevoke:
        if (q.status == QualificationStatus::kRevoked) return Status::InvalidState("the qualification is revoked already");
        q.status = QualificationStatus::kRevoked;
        action = "qualification.revoke";
        break;
    }
    q.status_reason = reason;
    RETURN_IF_ERROR(uow.qualifications().Update(q, q.version));
    q.version += 1;
    return AppendAudit(uow, clock_.Now(), actor.account_id, action, "qualification", q.id,
                       Audit(Fields().Add("vendor_id", q.vendor_id).Add("reason", reason)));
  }));
  return q;
}

// ---- practitioners

Result<Practitioner> RegistryService::AddPractitioner(const Actor& actor, const std::string& vendor_id,
                                                      NewPractitioner in) {
  if (!IsBureau(actor) && !OwnsVendor(actor, vendor_id)) {
    return Status::Forbidden("only that vendor and the bureau add its practitioners");
  }
  Practitioner p;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Vendor vendor, RequireVendor(uow, vendor_id));
    ASSIGN_OR_RETURN(TypeTable types, LoadTypeTable(uow));
    std::vector<common::FieldError> errors;
    Collect(&errors, common::CheckName(in.name, "name", 100));
    Collect(&errors, common::CheckIdNumber(in.id_number, "id_number"));
    if (in.credentials.size() > 20) errors.push_back({"credentials", "too_many", "at most 20"});
    for (size_t i = 0; i < in.credentials.size(); ++i) {
      Credential& c = in.credentials[i];
      std::string pre = "credentials[" + std::to_string(i) + "].";
      auto t = types.find(c.type);
      if (t == types.end()) {
        errors.push_back({pre + "type", "unknown", "no such qualification type"});
        continue;
      }
      if (t->second.holder != Holder::kPractitioner) {
        errors.push_back({pre + "type", "holder", "this type is held by vendors, not practitioners"});
      } else if (t->second.Rank(c.level) < 0) {
        errors.push_back({pre + "level", "unknown", "not a level of " + c.type});
      }
      Collect(&errors, CheckText(c.certificate_no, pre + "certificate_no", 64, true));
      // A type that expires and a credential given without an end: it runs its full term.
      if (!c.expires_on && t->second.validity_years > 0) {
        c.expires_on = c.issued_on.AddYears(t->second.validity_years).AddDays(-1);
      }
      if (c.expires_on && *c.expires_on < c.issued_on) {
        errors.push_back({pre + "expires_on", "before_issue", "expires before it was issued"});
      }
    }
    RETURN_IF_ERROR(Finish(errors));
    p.id = common::NewId("prc");
    p.vendor_id = vendor_id;
    p.vendor_name = vendor.name;
    p.name = in.name;
    p.id_number_masked = common::MaskIdNumber(in.id_number);
    p.id_number_hash = common::HmacSha256Hex(id_hash_key_, in.id_number);
    p.credentials = in.credentials;
    p.created_at = clock_.Now();
    if (IsBureau(actor)) {
      p.review = PractitionerReview::kActive;
      p.decided_by = actor.account_id;
      p.decided_at = p.created_at;
    } else {
      p.review = PractitionerReview::kPending;
    }
    // A hold whose holder has left by today is free for the taking.
    RETURN_IF_ERROR(uow.practitioners().ReleaseDeparted(p.id_number_hash, Today(clock_)));
    Status st = uow.practitioners().Insert(p);
    if (st.code() == common::Code::kConflict) {
      return Status::Conflict("this person is already pending or active as a practitioner of a vendor");
    }
    RETURN_IF_ERROR(st);
    return AppendAudit(uow, p.created_at, actor.account_id, "practitioner.add", "practitioner", p.id,
                       Audit(Fields()
                                 .Add("vendor_id", vendor_id)
                                 .Add("name", p.name)
                                 .Add("id_number", p.id_number_masked)
                                 .Add("status", PractitionerReviewName(p.review))
                                 .Add("credentials", std::to_string(p.credentials.size()))));
  }));
  return p;
}

Result<Practitioner> RegistryService::GetPractitioner(const Actor& actor, const std::string& id) {
  Practitioner p;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.practitioners().Get(id));
    // Those who may not see the vendor's practitioners learn nothing, not even that it exists.
    if (!found || (!IsBureau(actor) && !OwnsVendor(actor, found->vendor_id) && !actor.Is(Role::kOfficer) &&
                   !actor.Is(Role::kAuditor))) {
      return Status::NotFound("no such practitioner");
    }
    p = std::move(*found);
    return Status::Ok();
  }));
  return p;
}

Result<Page<Practitioner>> RegistryService::ListAllPractitioners(const Actor& actor, const PractitionerFilter& f,
                                                                 const PageRequest& page) {
  if (!IsBureau(actor) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("the practitioner review queue is the bureau's and auditors'");
  }
  if (!f.status.empty() && f.status != "pending" && f.status != "active" && f.status != "rejected" &&
      f.status != "departed") {
    return Status::FieldInvalid("status", "unknown", "one of pending, active, rejected, departed");
  }
  Page<Practitioner> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out, uow.practitioners().List(f, page));
    return Status::Ok();
  }));
  return out;
}

Result<Practitioner> RegistryService::DecidePractitioner(const Actor& actor, const std::string& id, bool approve,
                                                         const std::string& comment) {
  if (!IsBureau(actor)) return Status::Forbidden("the bureau reviews practitioners");
  RETURN_IF_ERROR(CheckText(comment, "comment", 1000, false));
  if (!approve && comment.empty()) return Status::FieldInvalid("comment", "required", "say why it is rejected");
  Practitioner p;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.practitioners().Get(id));
    if (!found) return Status::NotFound("no such practitioner");
    p = std::move(*found);
    if (p.Status() != "pending") {
      return Status::InvalidState("only a pending practitioner is decided; this one is " + p.Status());
    }
    int64_t version = p.version;
    p.review = approve ? PractitionerReview::kActive : PractitionerReview::kRejected;
    p.decided_by = actor.account_id;
    p.decided_at = clock_.Now();
    p.decision_comment = comment;
    if (approve) RETURN_IF_ERROR(uow.practitioners().ReleaseDeparted(p.id_number_hash, Today(clock_)));
    Status st = uow.practitioners().Update(p, version, Today(clock_));
    if (st.code() == common::Code::kConflict) {
      return Status::Conflict("this person is already active or pending as a practitioner of another vendor");
    }
    RETURN_IF_ERROR(st);
    p.version = version + 1;
    return AppendAudit(uow, *p.decided_at, actor.account_id, approve ? "practitioner.approve" : "practitioner.reject",
                       "practitioner", p.id,
                       Audit(Fields().Add("vendor_id", p.vendor_id).Add("comment", comment)));
  }));
  return p;
}

Result<Practitioner> RegistryService::DepartPractitioner(const Actor& actor, const std::string& id, Date on,
                                                         const std::string& reason) {
  RETURN_IF_ERROR(CheckText(reason, "reason", 1000, true));
  Practitioner p;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.practitioners().Get(id));
    if (!found || (!IsBureau(actor) && !OwnsVendor(actor, found->vendor_id))) {
      if (found && (actor.Is(Role::kOfficer) || actor.Is(Role::kAuditor))) {
        return Status::Forbidden("only its vendor and the bureau record a departure");
      }
      return Status::NotFound("no such practitioner");
    }
    p = std::move(*found);
    if (p.Status() != "pending" && p.Status() != "active") {
      return Status::InvalidState("only a pending or active practitioner departs; this one is " + p.Status());
    }
    if (on < common::BeijingDate(p.created_at)) {
      return Status::FieldInvalid("on", "before_added", "the departure is before the practitioner was added");
    }
    int64_t version = p.version;
    p.departed_on = on;
    p.depart_reason = reason;
    RETURN_IF_ERROR(uow.practitioners().Update(p, version, Today(clock_)));
    p.version = version + 1;
    return AppendAudit(uow, clock_.Now(), actor.account_id, "practitioner.depart", "practitioner", p.id,
                       Audit(Fields().Add("vendor_id", p.vendor_id).Add("on", common::FormatDate(on)).Add("reason", reason)));
  }));
  return p;
}

Result<std::vector<Practitioner>> RegistryService::ListPractitioners(const Actor& actor, const std::string& vendor_id) {
  if (!IsBureau(actor) && !OwnsVendor(actor, vendor_id) && !actor.Is(Role::kOfficer) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("practitioners are shown to that vendor, the bureau, officers and auditors");
  }
  std::vector<Practitioner> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(RequireVendor(uow, vendor_id).status());
    ASSIGN_OR_RETURN(out, uow.practitioners().ListByVendor(vendor_id));
    return Status::Ok();
  }));
  return out;
}

// ---- evidence files

Result<StoredFile> RegistryService::UploadFile(const Actor& actor, const std::string& name,
                                               const std::string& content_type, std::string bytes) {
  if (!actor.Is(Role::kVendor) && !IsBureau(actor)) return Status::Forbidden("files are uploaded by vendors and the bureau");
  std::vector<common::FieldError> errors;
  Collect(&errors, CheckText(name, "name", 200, true));
  if (name.find_first_of("/\\") != std::string::npos) errors.push_back({"name", "charset", "a file name, without / or \\"});
  if (bytes.empty()) errors.push_back({"body", "required", "the file is empty"});
  if (bytes.size() > kMaxFileBytes) errors.push_back({"body", "too_large", "at most 10 MiB"});
  RETURN_IF_ERROR(Finish(errors));
  StoredFile f;
  f.id = common::NewId("fil");
  f.vendor_id = actor.Is(Role::kVendor) ? actor.vendor_id : "";
  f.uploaded_by = actor.account_id;
  f.name = common::NormalizeNfc(name);
  f.content_type = content_type;
  f.size = static_cast<int64_t>(bytes.size());
  f.sha256 = common::Sha256Hex(bytes);
  f.content = std::move(bytes);
  f.created_at = clock_.Now();
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.files().Insert(f));
    return AppendAudit(uow, f.created_at, actor.account_id, "file.upload", "file", f.id,
                       Audit(Fields()
                                 .Add("vendor_id", f.vendor_id)
                                 .Add("name", f.name)
                                 .Add("content_type", f.content_type)
                                 .Add("size", std::to_string(f.size))
                                 .Add("sha256", f.sha256)));
  }));
  f.content.clear();
  return f;
}

Result<StoredFile> RegistryService::GetFile(const Actor& actor, const std::string& id) {
  std::optional<StoredFile> f;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(f, uow.files().Get(id, true));
    return Status::Ok();
  }));
  bool visible = f && (IsBureau(actor) || actor.Is(Role::kAuditor) ||
                       (actor.Is(Role::kVendor) && !f->vendor_id.empty() && actor.vendor_id == f->vendor_id));
  if (!visible) return Status::NotFound("no such file");
  return std::move(*f);
}

// ---- applications

Result<Application> RegistryService::Apply(const Actor& actor, ApplicationKind kind, std::optional<Qualification> claim,
                                           std::vector<Evidence> evidence) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("applications are made by vendor accounts");
  std::vector<common::FieldError> errors;
  if (evidence.size() > 20) errors.push_back({"evidence", "too_many", "at most 20 documents"});
  for (size_t i = 0; i < evidence.size(); ++i) {
    std::string pre = "evidence[" + std::to_string(i) + "].";
    if (!evidence[i].file_id.empty()) continue;  // resolved from the stored file below
    Collect(&errors, CheckText(evidence[i].name, pre + "name", 200, true));
    const std::string& h = evidence[i].sha256;
    if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos) {
      errors.push_back({pre + "sha256", "format", "64 lowercase hexadecimal digits"});
    }
  }
  if (kind == ApplicationKind::kListing && claim) {
    errors.push_back({"qualification", "not_allowed", "a listing application carries no qualification"});
  }
  if (kind == ApplicationKind::kQualification && !claim) {
    errors.push_back({"qualification", "required", "is required"});
  }
  RETURN_IF_ERROR(Finish(errors));
  Application a;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Vendor v, RequireVendor(uow, actor.vendor_id));
    if (kind == ApplicationKind::kQualification) {
      ASSIGN_OR_RETURN(auto type, uow.reference().GetType(claim->type));
      RETURN_IF_ERROR(CheckQualificationClaim(*claim, type ? &*type : nullptr, "qualification."));
      claim->vendor_id = v.id;
    } else {
      if (v.status == VendorStatus::kListed) return Status::InvalidState("the vendor is listed already");
      ASSIGN_OR_RETURN(bool open, uow.applications().HasOpen(v.id, ApplicationKind::kListing));
      if (open) return Status::Conflict("a listing application of this vendor is waiting for a decision");
    }
    // Evidence by file: the vendor's own upload, whose name and digest it carries.
    std::vector<common::FieldError> file_errors;
    for (size_t i = 0; i < evidence.size(); ++i) {
      if (evidence[i].file_id.empty()) continue;
      ASSIGN_OR_RETURN(auto file, uow.files().Get(evidence[i].file_id, false));
      if (!file || file->vendor_id != v.id) {
        file_errors.push_back({"evidence[" + std::to_string(i) + "].file_id", "unknown", "no such file of this vendor"});
        continue;
      }
      evidence[i].name = file->name;
      evidence[i].sha256 = file->sha256;
    }
    if (!file_errors.empty()) return Status::Validation("the request has invalid fields", file_errors);
    a.id = common::NewId("app");
    a.vendor_id = v.id;
    a.vendor_name = v.name;
    a.kind = kind;
    a.status = ApplicationStatus::kSubmitted;
    a.qualification = claim;
    a.evidence = evidence;
    a.submitted_at = clock_.Now();
    RETURN_IF_ERROR(uow.applications().Insert(a));
    Fields f;
    f.Add("vendor_id", v.id).Add("kind", kind == ApplicationKind::kListing ? "listing" : "qualification");
    if (claim) f.Add("type", claim->type).Add("level", claim->level).Add("certificate_no", claim->certificate_no);
    for (const auto& e : evidence) f.Add("evidence", e.sha256);
    return AppendAudit(uow, a.submitted_at, actor.account_id, "application.submit", "application", a.id, Audit(f));
  }));
  return a;
}

Result<Page<Application>> RegistryService::ListApplications(const Actor& actor, ApplicationFilter f,
                                                            const PageRequest& page) {
  if (actor.Is(Role::kVendor)) {
    if (!f.vendor_id.empty() && f.vendor_id != actor.vendor_id) {
      return Status::Forbidden("a vendor sees only its own applications");
    }
    f.vendor_id = actor.vendor_id;
  } else if (!IsBureau(actor) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("applications are shown to the vendor, the bureau and auditors");
  }
  if (!f.status.empty() && !ParseApplicationStatus(f.status)) {
    return Status::FieldInvalid("status", "enum", "must be one of: submitted, approved, rejected");
  }
  Page<Application> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out, uow.applications().List(f, page));
    return Status::Ok();
  }));
  return out;
}

Result<Application> RegistryService::GetApplication(const Actor& actor, const std::string& id) {
  std::optional<Application> a;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(a, uow.applications().Get(id));
    return Status::Ok();
  }));
  // Another vendor's application is reported as absent, not as forbidden: its existence is private.
  if (!a || (actor.Is(Role::kVendor) && a->vendor_id != actor.vendor_id)) return Status::NotFound("no such application");
  if (!actor.Is(Role::kVendor) && !IsBureau(actor) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("applications are shown to the vendor, the bureau and auditors");
  }
  return *a;
}

Result<Application> RegistryService::DecideApplication(const Actor& actor, const std::string& id, bool approve,
                                                       const std::string& comment) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau decides applications");
  RETURN_IF_ERROR(CheckText(comment, "comment", 1000, false));
  Application a;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.applications().Get(id));
    if (!found) return Status::NotFound("no such application");
    a = *found;
    if (a.status != ApplicationStatus::kSubmitted) {
      return Status::InvalidState(std::string("the application is ") + ApplicationStatusName(a.status) + " already");
    }
    common::Timestamp now = clock_.Now();
    a.status = approve ? ApplicationStatus::kApproved : ApplicationStatus::kRejected;
    a.decided_at = now;
    a.decided_by = actor.account_id;
    a.comment = comment;
    if (approve && a.kind == ApplicationKind::kQualification) {
      Qualification q = *a.qualification;
      q.id = common::NewId("qua");
      q.status = QualificationStatus::kActive;
      q.version = 1;
      RETURN_IF_ERROR(uow.qualifications().Insert(q));
      a.qualification_id = q.id;
      RETURN_IF_ERROR(AppendAudit(uow, now, actor.account_id, "qualification.record", "qualification", q.id,
                                  Audit(Fields()
                                            .Add("vendor_id", q.vendor_id)
                                            .Add("type", q.type)
                                            .Add("level", q.level)
                                            .Add("certificate_no", q.certificate_no)
                                            .Add("application_id", a.id))));
    }
    if (approve && a.kind == ApplicationKind::kListing) {
      ASSIGN_OR_RETURN(Vendor v, RequireVendor(uow, a.vendor_id));
      if (v.status != VendorStatus::kListed) {
        v.status = VendorStatus::kListed;
        v.updated_at = now;
        RETURN_IF_ERROR(uow.vendors().Update(v, v.version));
        RETURN_IF_ERROR(AppendAudit(uow, now, actor.account_id, "vendor.list", "vendor", v.id,
                                    Audit(Fields().Add("application_id", a.id).Add("reason", comment))));
      }
    }
    RETURN_IF_ERROR(uow.applications().Update(a, a.version));
    a.version += 1;
    return AppendAudit(uow, now, actor.account_id, approve ? "application.approve" : "application.reject",
                       "application", a.id, Audit(Fields().Add("comment", comment)));
  }));
  return a;
}

// ---- sanctions

Result<Sanction> RegistryService::ImposeSanction(const Actor& actor, const std::string& vendor_id, Sanction s) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau imposes sanctions");
  std::vector<common::FieldError> errors;
  Collect(&errors, CheckText(s.reason, "reason", 1000, true));
  if (s.ends_on < s.starts_on) errors.push_back({"ends_on", "before_start", "ends before it starts"});
  RETURN_IF_ERROR(Finish(errors));
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(RequireVendor(uow, vendor_id).status());
    s.id = common::NewId("snc");
    s.vendor_id = vendor_id;
    s.lifted = false;
    s.created_at = clock_.Now();
    RETURN_IF_ERROR(uow.sanctions().Insert(s));
    return AppendAudit(uow, s.created_at, actor.account_id, "sanction.impose", "sanction", s.id,
                       Audit(Fields()
                                 .Add("vendor_id", vendor_id)
                                 .Add("kind", SanctionKindName(s.kind))
                                 .Add("starts_on", common::FormatDate(s.starts_on))
                                 .Add("ends_on", common::FormatDate(s.ends_on))
                                 .Add("reason", s.reason)));
  }));
  return s;
}

Result<Sanction> RegistryService::LiftSanction(const Actor& actor, const std::string& id, const std::string& reason) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau lifts sanctions");
  RETURN_IF_ERROR(CheckText(reason, "reason", 1000, true));
  Sanction s;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.sanctions().Get(id));
    if (!found) return Status::NotFound("no such sanction");
    s = *found;
    if (s.lifted) return Status::InvalidState("the sanction is lifted already");
    s.lifted = true;
    s.lift_reason = reason;
    Status put = uow.sanctions().Update(s, found->version);
    // Another lift committed since this read: read again, and find it lifted.
    if (put.code() == common::Code::kVersionMismatch) return Status::Retry("a concurrent change of the sanction");
    RETURN_IF_ERROR(put);
    s.version = found->version + 1;
    return AppendAudit(uow, clock_.Now(), actor.account_id, "sanction.lift", "sanction", s.id,
                       Audit(Fields().Add("vendor_id", s.vendor_id).Add("reason", reason)));
  }));
  return s;
}

Result<std::vector<Sanction>> RegistryService::ListSanctions(const Actor&, const std::string& vendor_id) {
  std::vector<Sanction> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Vendor v, RequireVendor(uow, vendor_id));
    ASSIGN_OR_RETURN(out, uow.sanctions().ListByVendor(vendor_id));
    for (Sanction& s : out) s.vendor_name = v.name;
    return Status::Ok();
  }));
  return out;
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
