#include "registry/audit_service.h"

namespace registry {

using common::Result;
using common::Status;

namespace {
Status MayReadAudit(const Actor& actor) {
  if (actor.Is(Role::kBureau) || actor.Is(Role::kAuditor)) return Status::Ok();
  return Status::Forbidden("only the bureau and auditors read the audit log");
}
}  // namespace

Result<Page<AuditEntry>> AuditService::List(const Actor& actor, const AuditFilter& filter,
                                            const PageRequest& page) {
  RETURN_IF_ERROR(MayReadAudit(actor));
  Page<AuditEntry> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out, uow.audit().List(filter, page));
    return Status::Ok();
  }));
  return out;
}

Result<ChainReport> AuditService::Verify(const Actor& actor) {
  RETURN_IF_ERROR(MayReadAudit(actor));
  ChainReport report;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ChainVerifier verifier;
    int64_t head_seq = 0;
    std::string head_hash;
    RETURN_IF_ERROR(uow.audit().Scan(&head_seq, &head_hash,
                                     [&](const AuditEntry& e) { return verifier.Add(e); }));
    verifier.Finish(head_seq, head_hash);
    report.ok = verifier.ok();
    report.entries = verifier.entries();
    report.first_bad_seq = verifier.first_bad_seq();
    report.head_hash = head_hash;
    return Status::Ok();
  }));
  return report;
}

}  // namespace registry
