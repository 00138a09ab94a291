#include "registry/audit_service.h"

#include <algorithm>
#include <map>

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
    // Sealed means unseen: until its tender is opened, a bid entry (or a vendor's question's)
    // names neither the bid nor the bidder, not even to the bureau and auditors. Verify still
    // checks it in full.
    std::vector<std::string> bids;
    for (const AuditEntry& e : out.items) {
      if (e.entity_type == "bid" || e.entity_type == "question") bids.push_back(e.entity_id);
    }
    if (bids.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(std::set<std::string> sealed, uow.audit().SealedBids(bids));
    for (AuditEntry& e : out.items) {
      if ((e.entity_type != "bid" && e.entity_type != "question") || !sealed.count(e.entity_id)) continue;
      e.redacted = true;
      e.actor.clear();
      e.entity_id.clear();
      e.details.clear();
      e.digest.clear();
      e.row_digest.clear();
      e.actor_name.clear();
    }
    // Asked by actor, a redacted entry would tell that this actor bid: it is left out.
    if (!filter.actor.empty()) {
      out.items.erase(std::remove_if(out.items.begin(), out.items.end(), [](const AuditEntry& e) { return e.redacted; }),
                      out.items.end());
    }
    return Status::Ok();
  }));
  return out;
}

Result<ChainReport> AuditService::Verify(const Actor& actor, std::optional<std::pair<int64_t, std::string>> checkpoint) {
  RETURN_IF_ERROR(MayReadAudit(actor));
  ChainReport report;
  // One snapshot: the chain and the records as of one instant, or a record committed between
  // the two scans would be reported as not matching its entry (seen on MySQL under load).
  RETURN_IF_ERROR(store_.ReadSnapshot([&](UnitOfWork& uow) -> Status {
    report = ChainReport{};
    ChainVerifier verifier(uow.audit().ChainKey());
    if (checkpoint) verifier.ExpectCheckpoint(checkpoint->first, checkpoint->second);
    int64_t head_seq = 0;
    std::string head_hash;
    // The digest the last entry about each reconciled record left. Past a bad entry the chain
    // proves nothing, but the records are still compared, so that the report names them.
    std::map<std::pair<std::string, std::string>, std::string> expected;
    RETURN_IF_ERROR(uow.audit().Scan(&head_seq, &head_hash, [&](const AuditEntry& e) {
      verifier.Add(e);
      if (IsReconciledType(e.entity_type)) expected[{e.entity_type, e.entity_id}] = e.row_digest;
      return true;
    }));
    verifier.Finish(head_seq, head_hash);
    auto mismatch = [&](const std::string& type, const std::string& id) {
      if (report.mismatched.size() < kMaxMismatches) report.mismatched.push_back({type, id});
      ++report.mismatched_total;
    };
    RETURN_IF_ERROR(uow.audit().ScanRowDigests([&](const std::string& type, const std::string& id, const std::string& d) {
      auto it = expected.find({type, id});
      if (it == expected.end() || it->second != d) {
        mismatch(type, id);
      }
      if (it != expected.end()) expected.erase(it);
    }));
    for (const auto& left : expected) mismatch(left.first.first, left.first.second);  // rows gone
    report.entries = verifier.entries();
    report.first_bad_seq = verifier.first_bad_seq();
    report.checkpoint = verifier.checkpoint_problem();
    report.head_hash = head_hash;
    report.ok = verifier.ok() && report.mismatched_total == 0;
    return Status::Ok();
  }));
  return report;
}

Result<Checkpoint> AuditService::CurrentCheckpoint(const Actor& actor) {
  RETURN_IF_ERROR(MayReadAudit(actor));
  Checkpoint cp;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    RETURN_IF_ERROR(uow.audit().ReadHead(&cp.seq, &cp.hash));
    if (cp.seq == 0) return Status::Ok();
    ASSIGN_OR_RETURN(auto e, uow.audit().Get(cp.seq));
    if (e) cp.at = e->at;
    return Status::Ok();
  }));
  return cp;
}

}  // namespace registry
