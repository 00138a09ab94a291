#include "registry/store.h"

namespace registry {

common::Status AppendAudit(UnitOfWork& uow, common::Timestamp at, const std::string& actor,
                           const std::string& action, const std::string& entity_type,
                           const std::string& entity_id, const std::string& details) {
  AuditBatch one(uow);
  RETURN_IF_ERROR(one.Add(at, actor, action, entity_type, entity_id, details));
  return one.Finish();
}

common::Status AuditBatch::Add(common::Timestamp at, const std::string& actor, const std::string& action,
                               const std::string& entity_type, const std::string& entity_id, const std::string& details) {
  if (!locked_) {
    RETURN_IF_ERROR(uow_.audit().LockHead(&seq_, &hash_));
    locked_ = true;
  }
  AuditEntry e;
  e.seq = seq_ + 1;
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.details = details;
  e.digest = AuditDigest(details);
  ASSIGN_OR_RETURN(e.row_digest, uow_.audit().RowDigest(entity_type, entity_id));
  e.prev_hash = hash_;
  e.hash = AuditHash(e, uow_.audit().ChainKey());
  RETURN_IF_ERROR(uow_.audit().Insert(e));
  seq_ = e.seq;
  hash_ = e.hash;
  return common::Status::Ok();
}

common::Status AuditBatch::Finish() {
  if (!locked_) return common::Status::Ok();
  return uow_.audit().SetHead(seq_, hash_);
}


}  // namespace registry
