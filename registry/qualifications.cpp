// RegistryService: qualifications (recorded, found, suspended, reinstated, revoked).
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

Status RegistryService::CheckQualification(const Actor& actor, const std::string& vendor_id, const Qualification& q,
                                           const common::Unread& unread) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau records verified qualifications");
  Status answer;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(RequireVendor(uow, vendor_id).status());
    ASSIGN_OR_RETURN(auto type, uow.reference().GetType(q.type));
    answer = CheckQualificationClaim(q, type ? &*type : nullptr, "");
    return Status::Ok();
  }));
  // The level is one of its type's; the end is judged against the start and the type's term.
  return common::ValidationOrOk(unread.Keep(answer.errors(), {{"level", {"type"}}, {"expires_on", {"issued_on", "type"}}}));
}

Result<Qualification> RegistryService::RecordQualification(const Actor& actor, const std::string& vendor_id,
                                                           Qualification q) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau records verified qualifications");
  // Malformed: answered from a read with every problem (the type's too), never queuing for the
  // writer.
  if (!CheckQualificationText(q, "").ok()) return CheckQualification(actor, vendor_id, q, common::Unread());
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
  if (q.status == QualificationStanding::kActive) {
    f.stored_status = QualificationStatus::kActive;
    f.expires_from = today;  // not yet expired
  } else if (q.status == QualificationStanding::kExpired) {
    f.stored_status = QualificationStatus::kActive;
    if (!f.expires_before || today < *f.expires_before) f.expires_before = today;
  } else if (q.status == QualificationStanding::kSuspended) {
    f.stored_status = QualificationStatus::kSuspended;
  } else if (q.status == QualificationStanding::kRevoked) {
    f.stored_status = QualificationStatus::kRevoked;
  }
  return store_.ReadValue<Page<Qualification>>([&](UnitOfWork& uow) { return uow.qualifications().List(f, page); });
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

}  // namespace registry
