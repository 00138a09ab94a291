// RegistryService: evidence files and applications (qualification claims and listing, decided
// by the bureau).
#include "registry/registry_service.h"

#include "common/crypto.h"
#include "common/text.h"
#include "registry/use_case_helpers.h"
#include "registry/validation.h"

namespace registry {

using common::Date;
using common::Fields;
using common::Result;
using common::Status;

Result<StoredFile> RegistryService::UploadFile(const Actor& actor, const std::string& name,
                                               const std::string& content_type, std::string bytes) {
  if (!actor.Is(Role::kVendor) && !IsBureau(actor)) return Status::Forbidden("files are uploaded by vendors and the bureau");
  std::vector<common::FieldError> errors;
  common::MergeFieldErrors(CheckText(name, "name", 200, true), &errors);
  if (name.find_first_of("/\\") != std::string::npos) errors.push_back({"name", "charset", "a file name, without / or \\"});
  if (bytes.empty()) errors.push_back({"body", "required", "the file is empty"});
  if (bytes.size() > kMaxFileBytes) errors.push_back({"body", "too_large", "at most 10 MiB"});
  RETURN_IF_ERROR(common::ValidationOrOk(errors));
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
  ASSIGN_OR_RETURN(std::optional<StoredFile> f,
                   store_.ReadValue<std::optional<StoredFile>>([&](UnitOfWork& uow) { return uow.files().Get(id, true); }));
  bool visible = f && (IsBureau(actor) || actor.Is(Role::kAuditor) ||
                       (actor.Is(Role::kVendor) && !f->vendor_id.empty() && actor.vendor_id == f->vendor_id));
  if (!visible) return Status::NotFound("no such file");
  return std::move(*f);
}

// ---- applications

namespace {

// The checks of an application that need no stored record.
std::vector<common::FieldError> PureApplicationChecks(ApplicationKind kind, const std::optional<Qualification>& claim,
                                                      const std::vector<Evidence>& evidence) {
  std::vector<common::FieldError> errors;
  if (evidence.size() > 20) errors.push_back({"evidence", "too_many", "at most 20 documents"});
  for (size_t i = 0; i < evidence.size(); ++i) {
    std::string pre = "evidence[" + std::to_string(i) + "].";
    if (!evidence[i].file_id.empty()) continue;  // resolved from the stored file
    common::MergeFieldErrors(CheckText(evidence[i].name, pre + "name", 200, true), &errors);
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
  return errors;
}

// The checks against stored records: the claim against its type, each evidence file the
// vendor's own (its name and digest taken from the file).
Status StoredApplicationChecks(UnitOfWork& uow, const Vendor& v, ApplicationKind kind,
                               const std::optional<Qualification>& claim, std::vector<Evidence>* evidence,
                               std::vector<common::FieldError>* errors) {
  if (kind == ApplicationKind::kQualification && claim) {
    ASSIGN_OR_RETURN(auto type, uow.reference().GetType(claim->type));
    common::MergeFieldErrors(CheckQualificationClaim(*claim, type ? &*type : nullptr, "qualification."), errors);
  }
  for (size_t i = 0; i < evidence->size(); ++i) {
    Evidence& e = (*evidence)[i];
    if (e.file_id.empty()) continue;
    ASSIGN_OR_RETURN(auto file, uow.files().Get(e.file_id, false));
    if (!file || file->vendor_id != v.id) {
      errors->push_back({"evidence[" + std::to_string(i) + "].file_id", "unknown", "no such file of this vendor"});
      continue;
    }
    e.name = file->name;
    e.sha256 = file->sha256;
  }
  return Status::Ok();
}

}  // namespace

Status RegistryService::CheckApplication(const Actor& actor, ApplicationKind kind, const std::optional<Qualification>& claim,
                                         const std::vector<Evidence>& evidence, const common::Unread& unread) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("applications are made by vendor accounts");
  std::vector<common::FieldError> errors = PureApplicationChecks(kind, claim, evidence);
  ASSIGN_OR_RETURN(auto stored, store_.ReadErrors([&](UnitOfWork& uow, std::vector<common::FieldError>* found) -> Status {
    ASSIGN_OR_RETURN(Vendor v, RequireVendor(uow, actor.vendor_id));
    std::vector<Evidence> copy = evidence;  // the closure may run again: work on a copy
    return StoredApplicationChecks(uow, v, kind, claim, &copy, found);
  }));
  errors.insert(errors.end(), stored.begin(), stored.end());
  // Whether a qualification belongs depends on the kind; a level on its type; an end on the
  // start and the type's term.
  return common::ValidationOrOk(unread.Keep(errors, {{"qualification", {"kind"}},
                                                     {"qualification.level", {"qualification.type"}},
                                                     {"qualification.expires_on",
                                                      {"qualification.issued_on", "qualification.type"}}}));
}

Result<Application> RegistryService::Apply(const Actor& actor, ApplicationKind kind, std::optional<Qualification> claim,
                                           std::vector<Evidence> evidence) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("applications are made by vendor accounts");
  // Malformed: answered from a read with every problem (the claim's type and the files too),
  // never queuing for the writer.
  if (!PureApplicationChecks(kind, claim, evidence).empty()) {
    return CheckApplication(actor, kind, claim, evidence, common::Unread());
  }
  Application a;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Vendor v, RequireVendor(uow, actor.vendor_id));
    if (kind == ApplicationKind::kListing) {
      if (v.status == VendorStatus::kListed) return Status::InvalidState("the vendor is listed already");
      ASSIGN_OR_RETURN(bool open, uow.applications().HasOpen(v.id, ApplicationKind::kListing));
      if (open) return Status::Conflict("a listing application of this vendor is waiting for a decision");
    }
    // The claim against its type; evidence by file: the vendor's own upload, whose name and
    // digest it carries. On a copy: the closure may run again.
    std::vector<Evidence> resolved = evidence;
    std::vector<common::FieldError> errors;
    RETURN_IF_ERROR(StoredApplicationChecks(uow, v, kind, claim, &resolved, &errors));
    RETURN_IF_ERROR(common::ValidationOrOk(errors));
    std::optional<Qualification> stored_claim = claim;
    if (stored_claim) stored_claim->vendor_id = v.id;
    a.id = common::NewId("app");
    a.vendor_id = v.id;
    a.vendor_name = v.name;
    a.kind = kind;
    a.status = ApplicationStatus::kSubmitted;
    a.qualification = stored_claim;
    a.evidence = resolved;
    a.submitted_at = clock_.Now();
    RETURN_IF_ERROR(uow.applications().Insert(a));
    Fields f;
    f.Add("vendor_id", v.id).Add("kind", kind == ApplicationKind::kListing ? "listing" : "qualification");
    if (claim) f.Add("type", claim->type).Add("level", claim->level).Add("certificate_no", claim->certificate_no);
    for (const auto& e : resolved) f.Add("evidence", e.sha256);
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
  return store_.ReadValue<Page<Application>>([&](UnitOfWork& uow) { return uow.applications().List(f, page); });
}

Result<Application> RegistryService::GetApplication(const Actor& actor, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<Application> a,
                   store_.ReadValue<std::optional<Application>>([&](UnitOfWork& uow) { return uow.applications().Get(id); }));
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

}  // namespace registry
