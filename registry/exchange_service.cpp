#include "registry/exchange_service.h"

#include <algorithm>
#include <tuple>

#include "registry/market_access.h"
#include "registry/registry_service.h"

namespace registry {

using common::Date;
using common::Result;
using common::Status;

bool MayExport(const Actor& actor) {
  return actor.Is(Role::kBureau) || actor.Is(Role::kOfficer) || actor.Is(Role::kAuditor);
}

namespace {
Status RequireExporter(const Actor& actor) {
  if (MayExport(actor)) return Status::Ok();
  return Status::Forbidden("exports are for the bureau, officers and auditors");
}
}  // namespace

Result<Page<ListedVendor>> ExchangeService::Listed(UnitOfWork& uow, AccessCache::View& view, const PageRequest& page,
                                                   Date on, ApprovedListPage* names) {
  Page<ListedVendor> out;
  ASSIGN_OR_RETURN(std::vector<Category> categories, uow.reference().ListCategories());
  std::sort(categories.begin(), categories.end(), [](const Category& a, const Category& b) { return a.code < b.code; });
  ASSIGN_OR_RETURN(auto types, view.Types());
  VendorFilter listed;
  listed.status = VendorStatus::kListed;
  // Every listed vendor is on the list (only the day's qualifications and access vary), so a
  // page of the list is a page of listed vendors; the whole list reads them in batches.
  PageRequest batch{page.limit > 0 ? page.limit : 500, page.after};
  for (;;) {
    ASSIGN_OR_RETURN(Page<Vendor> some, uow.vendors().List(listed, batch));
    for (Vendor& v : some.items) {
      ASSIGN_OR_RETURN(auto record, view.Vendor(v.id));
      if (!record) return Status::Internal("a listed vendor without its record");
      ListedVendor lv;
      lv.vendor = std::move(v);
      for (const Qualification& q : record->snapshot.qualifications) {
        if (QualificationState(q, on) == "active") lv.qualifications.push_back(q);
      }
      std::sort(lv.qualifications.begin(), lv.qualifications.end(),
                [](const Qualification& a, const Qualification& b) { return std::tie(a.type, a.id) < std::tie(b.type, b.id); });
      for (const Category& c : categories) {
        if (!DecideMarketAccess(record->snapshot, c.requirements, *types, on).eligible) continue;
        lv.categories.push_back(c.code);
        if (names) names->category_names[c.code] = c.name;
      }
      if (names) {
        for (const Qualification& q : lv.qualifications) {
          auto t = types->find(q.type);
          names->type_names[q.type] = t == types->end() ? q.type : t->second.name;
        }
      }
      out.items.push_back(std::move(lv));
    }
    if (page.limit > 0 || !some.next) {
      out.next = page.limit > 0 ? some.next : std::nullopt;
      return out;
    }
    batch.after = *some.next;
  }
}

Result<std::shared_ptr<const std::string>> ExchangeService::PublicApprovedList(
    const PageRequest& page, const std::function<std::string(const ApprovedListPage&)>& render) {
  Date today = Today(clock_);
  MemoKey key;
  key.Add("public-approved-list").Add(page.after).Add(page.limit).Add(common::FormatDate(today));
  std::shared_ptr<const std::string> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(out, view.Memo(key, [&]() -> Result<std::string> {
      ApprovedListPage found;
      found.on = today;
      ASSIGN_OR_RETURN(found.page, Listed(uow, view, page, today, &found));
      return render(found);
    }));
    return Status::Ok();
  }));
  return out;
}

Result<SanctionList> ExchangeService::PublicSanctions() {
  SanctionList out{Today(clock_), {}};
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out.sanctions, uow.sanctions().ListAll(out.on));
    return Status::Ok();
  }));
  return out;
}

Result<ApprovedList> ExchangeService::ExportApprovedList(const Actor& actor) {
  RETURN_IF_ERROR(RequireExporter(actor));
  ApprovedList out{Today(clock_), {}};
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(Page<ListedVendor> all, Listed(uow, view, PageRequest{0, ""}, out.on));
    out.vendors = std::move(all.items);
    return Status::Ok();
  }));
  return out;
}

Result<SanctionList> ExchangeService::ExportSanctions(const Actor& actor) {
  RETURN_IF_ERROR(RequireExporter(actor));
  SanctionList out{Today(clock_), {}};
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(out.sanctions, uow.sanctions().ListAll(std::nullopt));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ExportedItem>> ExchangeService::ExportCatalog(const Actor& actor) {
  RETURN_IF_ERROR(RequireExporter(actor));
  std::vector<ExportedItem> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ItemFilter f;
    f.status = ItemStatus::kListed;
    PageRequest batch{500, ""};
    for (;;) {
      ASSIGN_OR_RETURN(Page<CatalogItem> some, uow.catalog().List(f, batch));
      for (CatalogItem& it : some.items) {
        ASSIGN_OR_RETURN(auto record, view.Vendor(it.vendor_id));
        out.push_back(ExportedItem{std::move(it), record ? record->vendor.credit_code : std::string()});
      }
      if (!some.next) return Status::Ok();
      batch.after = *some.next;
    }
  }));
  return out;
}

Result<std::vector<Change>> ExchangeService::Changes(const Actor& actor, int64_t after_seq,
                                                    const std::vector<std::string>& types, int limit) {
  RETURN_IF_ERROR(RequireExporter(actor));
  std::vector<std::string> wanted = types;
  if (wanted.empty()) wanted.assign(std::begin(kChangeTypes), std::end(kChangeTypes));
  std::vector<Change> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, uow.audit().ListChanges(after_seq, wanted, limit));
    // The records, each kind in one lookup.
    std::map<std::string, std::vector<std::string>> ids;
    for (const AuditEntry& e : entries) ids[e.entity_type].push_back(e.entity_id);
    auto index = [](auto records) {
      std::map<std::string, typename decltype(records)::value_type> by_id;
      for (auto& r : records) by_id.emplace(r.id, std::move(r));
      return by_id;
    };
    ASSIGN_OR_RETURN(auto vendors, uow.vendors().GetMany(ids["vendor"]));
    ASSIGN_OR_RETURN(auto quals, uow.qualifications().GetMany(ids["qualification"]));
    ASSIGN_OR_RETURN(auto pracs, uow.practitioners().GetMany(ids["practitioner"]));
    ASSIGN_OR_RETURN(auto sanctions, uow.sanctions().GetMany(ids["sanction"]));
    ASSIGN_OR_RETURN(auto items, uow.catalog().GetMany(ids["catalog_item"]));
    auto v = index(std::move(vendors));
    auto q = index(std::move(quals));
    auto p = index(std::move(pracs));
    auto s = index(std::move(sanctions));
    auto it = index(std::move(items));
    for (AuditEntry& e : entries) {
      Change c;
      auto pick = [&](auto& map, auto& slot) {
        auto found = map.find(e.entity_id);
        if (found != map.end()) slot = found->second;
      };
      if (e.entity_type == "vendor") pick(v, c.vendor);
      else if (e.entity_type == "qualification") pick(q, c.qualification);
      else if (e.entity_type == "practitioner") pick(p, c.practitioner);
      else if (e.entity_type == "sanction") pick(s, c.sanction);
      else if (e.entity_type == "catalog_item") pick(it, c.item);
      c.entry = std::move(e);
      out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace registry
