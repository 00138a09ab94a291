// RegistryService: sanctions (imposed, lifted, listed).
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

Status RegistryService::CheckSanction(const Actor& actor, const Sanction& s, const common::Unread& unread) {
  if (!IsBureau(actor)) return Status::Forbidden("only the bureau imposes sanctions");
  std::vector<common::FieldError> errors;
  common::MergeFieldErrors(CheckText(s.reason, "reason", 1000, true), &errors);
  if (s.ends_on < s.starts_on) errors.push_back({"ends_on", "before_start", "ends before it starts"});
  return common::ValidationOrOk(unread.Keep(errors, {{"ends_on", {"starts_on"}}}));
}

Result<Sanction> RegistryService::ImposeSanction(const Actor& actor, const std::string& vendor_id, Sanction s) {
  RETURN_IF_ERROR(CheckSanction(actor, s, common::Unread()));
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

}  // namespace registry
