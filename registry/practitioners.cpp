// RegistryService: practitioners (declared, reviewed, held by one vendor at a time, departing).
#include "registry/registry_service.h"

#include "common/crypto.h"
#include "common/id_number.h"
#include "common/text.h"
#include "registry/use_case_helpers.h"
#include "registry/validation.h"

namespace registry {

using common::Date;
using common::Fields;
using common::Result;
using common::Status;

namespace {

// The checks of a new practitioner that need no stored record.
std::vector<common::FieldError> PurePractitionerChecks(const NewPractitioner& in) {
  std::vector<common::FieldError> fields;
  common::MergeFieldErrors(common::CheckName(in.name, "name", 100), &fields);
  common::MergeFieldErrors(common::CheckIdNumber(in.id_number, "id_number"), &fields);
  if (in.credentials.size() > 20) fields.push_back({"credentials", "too_many", "at most 20"});
  for (size_t i = 0; i < in.credentials.size(); ++i) {
    const Credential& c = in.credentials[i];
    std::string pre = "credentials[" + std::to_string(i) + "].";
    common::MergeFieldErrors(CheckText(c.certificate_no, pre + "certificate_no", 64, true), &fields);
    if (c.expires_on && *c.expires_on < c.issued_on) {
      fields.push_back({pre + "expires_on", "before_issue", "expires before it was issued"});
    }
  }
  return fields;
}

// Against the stored types: each credential's type and level; a type that expires and a
// credential given without an end runs its full term. Returns the credentials as stored.
std::vector<Credential> TypedCredentials(const NewPractitioner& in, const TypeTable& types,
                                         std::vector<common::FieldError>* errors) {
  std::vector<Credential> out = in.credentials;
  for (size_t i = 0; i < out.size(); ++i) {
    Credential& c = out[i];
    std::string pre = "credentials[" + std::to_string(i) + "].";
    auto t = types.find(c.type);
    common::MergeFieldErrors(CheckCredentialType(c, t == types.end() ? nullptr : &t->second, pre + "type", pre + "level"), errors);
    if (t != types.end()) c = WithFullTerm(std::move(c), t->second);
  }
  return out;
}

}  // namespace

Status RegistryService::CheckPractitioner(const Actor& actor, const std::string& vendor_id, const NewPractitioner& in,
                                          const common::Unread& unread) {
  if (!IsBureau(actor) && !OwnsVendor(actor, vendor_id)) {
    return Status::Forbidden("only that vendor and the bureau add its practitioners");
  }
  std::vector<common::FieldError> fields = PurePractitionerChecks(in);
  ASSIGN_OR_RETURN(auto stored, store_.ReadErrors([&](UnitOfWork& uow, std::vector<common::FieldError>* found) -> Status {
    RETURN_IF_ERROR(RequireVendor(uow, vendor_id).status());
    ASSIGN_OR_RETURN(TypeTable types, LoadTypeTable(uow));
    TypedCredentials(in, types, found);
    return Status::Ok();
  }));
  fields.insert(fields.end(), stored.begin(), stored.end());
  // A credential whose type is unknown has its level left unjudged, so nothing here waits on
  // another field: each error stands unless its own field was unread.
  return common::ValidationOrOk(unread.Keep(fields));
}

Result<Practitioner> RegistryService::AddPractitioner(const Actor& actor, const std::string& vendor_id,
                                                      NewPractitioner in) {
  if (!IsBureau(actor) && !OwnsVendor(actor, vendor_id)) {
    return Status::Forbidden("only that vendor and the bureau add its practitioners");
  }
  // A malformed request is answered from a read and never queues for the writer (SQLite has
  // one), with the checks against the stored types too.
  if (!PurePractitionerChecks(in).empty()) return CheckPractitioner(actor, vendor_id, in, common::Unread());
  Practitioner p;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(Vendor vendor, RequireVendor(uow, vendor_id));
    ASSIGN_OR_RETURN(TypeTable types, LoadTypeTable(uow));
    std::vector<common::FieldError> errors;  // this run's own
    std::vector<Credential> credentials = TypedCredentials(in, types, &errors);
    RETURN_IF_ERROR(common::ValidationOrOk(errors));
    p = Practitioner{};
    p.id = common::NewId("prc");
    p.vendor_id = vendor_id;
    p.vendor_name = vendor.name;
    p.name = in.name;
    p.id_number_masked = common::MaskIdNumber(in.id_number);
    p.id_number_hash = common::HmacSha256Hex(id_hash_key_, in.id_number);
    p.credentials = std::move(credentials);
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
  return store_.ReadValue<Page<Practitioner>>([&](UnitOfWork& uow) { return uow.practitioners().List(f, page); });
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

}  // namespace registry
