// TenderService: what the public may know of tenders (the exchange issue: OCDS releases and
// /public/v1/tenders). Read only; no account: everything here is public information, and a bid
// is never part of it before its tender is opened.
#include <algorithm>

#include "procurement/tender_internal.h"
#include "procurement/tender_service.h"

namespace procurement {

using common::Result;
using common::Status;
using registry::AuditEntry;
using registry::PageRequest;

namespace {

// Bids are public once the tender is opened: then, and in every status after it.
bool BidsArePublic(const Tender& t) {
  switch (t.status) {
    case TenderStatus::kOpened:
    case TenderStatus::kEvaluated:
    case TenderStatus::kFailed:
    case TenderStatus::kAwarded:
    case TenderStatus::kContracted:
      return true;
    case TenderStatus::kCancelled:
      return t.opened_at.has_value();
    case TenderStatus::kDraft:
    case TenderStatus::kOpen:
      return false;
  }
  return false;
}

// The tender's events, its bids once public and their bidders: three statements.
Result<PublishedTender> Load(ProcurementUnitOfWork& uow, Tender t) {
  PublishedTender out;
  registry::AuditFilter f;
  f.entity_type = "tender";
  f.entity_id = t.id;
  PageRequest page{500, ""};
  bool published = false;
  for (;;) {
    ASSIGN_OR_RETURN(auto entries, uow.registry().audit().List(f, page));
    for (const AuditEntry& e : entries.items) {
      if (!PublishedTender::Published(e.action)) continue;
      if (e.action == "tender.publish") published = true;
      // A draft cancelled was never public: its cancellation is not a published step.
      if (e.action == "tender.cancel" && !published) continue;
      out.events.push_back(TenderEvent{e.seq, e.at, e.action});
    }
    if (!entries.next) break;
    page.after = *entries.next;
  }
  if (BidsArePublic(t)) {
    ASSIGN_OR_RETURN(auto bids, uow.tenders().ListBids(t.id));
    std::vector<std::string> vendor_ids;
    for (Bid& b : bids) {
      if (b.status != BidStatus::kSubmitted) continue;
      vendor_ids.push_back(b.vendor_id);
      out.bids.push_back(std::move(b));
    }
    ASSIGN_OR_RETURN(auto vendors, uow.registry().vendors().GetMany(vendor_ids));
    for (auto& v : vendors) out.bidders.emplace(v.id, std::move(v));
  }
  out.tender = std::move(t);
  return out;
}

}  // namespace

Result<PublishedTender> TenderService::GetPublished(const std::string& id) {
  PublishedTender out;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto t, uow.tenders().Get(id));
    if (!t || t->status == TenderStatus::kDraft) return Status::NotFound("no such published tender");
    ASSIGN_OR_RETURN(out, Load(uow, std::move(*t)));
    // A draft cancelled: never published.
    if (out.events.empty()) return Status::NotFound("no such published tender");
    return Status::Ok();
  }));
  return out;
}

Result<registry::Page<PublishedTender>> TenderService::ListPublished(const PageRequest& page) {
  registry::Page<PublishedTender> out;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    out = {};
    ASSIGN_OR_RETURN(auto tenders, uow.tenders().List(std::nullopt, page, /*include_drafts=*/false));
    for (Tender& t : tenders.items) {
      ASSIGN_OR_RETURN(PublishedTender p, Load(uow, std::move(t)));
      if (!p.events.empty()) out.items.push_back(std::move(p));
    }
    out.next = tenders.next;
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<std::pair<TenderEvent, std::shared_ptr<const PublishedTender>>>> TenderService::PublishedSteps(
    int64_t after_seq, int limit, int64_t* next) {
  std::vector<std::pair<TenderEvent, std::shared_ptr<const PublishedTender>>> out;
  RETURN_IF_ERROR(store_.ReadProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    out.clear();
    *next = after_seq;
    std::map<std::string, std::shared_ptr<const PublishedTender>> loaded;  // each tender of the page once
    // Tenders' audit entries in batches until `limit` steps are found, the log ends, or 20 batches
    // are read (*next then says how far this page looked).
    for (int batch = 0; batch < 20 && static_cast<int>(out.size()) < limit; ++batch) {
      ASSIGN_OR_RETURN(auto some, uow.registry().audit().ListChanges(*next, {"tender"}, 200));
      if (some.empty()) break;
      for (const AuditEntry& e : some) {
        if (static_cast<int>(out.size()) >= limit) break;
        *next = e.seq;
        if (!PublishedTender::Published(e.action)) continue;
        RETURN_IF_ERROR(Step(uow, e, &loaded, &out));
      }
    }
    return Status::Ok();
  }));
  return out;
}

Status TenderService::Step(ProcurementUnitOfWork& uow, const AuditEntry& e,
                           std::map<std::string, std::shared_ptr<const PublishedTender>>* loaded,
                           std::vector<std::pair<TenderEvent, std::shared_ptr<const PublishedTender>>>* out) {
  auto& p = (*loaded)[e.entity_id];
  if (!p) {
    ASSIGN_OR_RETURN(auto t, uow.tenders().Get(e.entity_id));
    if (!t) return Status::Ok();
    ASSIGN_OR_RETURN(PublishedTender got, Load(uow, std::move(*t)));
    p = std::make_shared<const PublishedTender>(std::move(got));
  }
  // Only the steps Load kept (a draft's cancellation is not one).
  for (const TenderEvent& ev : p->events) {
    if (ev.seq == e.seq) out->emplace_back(ev, p);
  }
  return Status::Ok();
}

}  // namespace procurement
