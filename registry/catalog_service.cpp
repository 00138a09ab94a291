#include "registry/catalog_service.h"

#include <map>
#include <set>

#include "common/crypto.h"
#include "common/search_terms.h"
#include "common/text.h"
#include "registry/account_service.h"
#include "registry/market_access.h"
#include "registry/registry_service.h"

namespace registry {

using common::Fields;
using common::Result;
using common::Status;

namespace {

constexpr size_t kMaxSearchTerms = 12;
constexpr int kMaxSearchBatches = 8;

}  // namespace

namespace {

std::vector<common::FieldError> PureItemChecks(const NewItem& in) {
  std::vector<common::FieldError> fields;
  common::MergeFieldErrors(common::CheckName(in.name, "name", 200), &fields);
  common::MergeFieldErrors(common::CheckName(in.unit, "unit", 32), &fields);
  if (!in.description.empty()) common::MergeFieldErrors(common::CheckName(in.description, "description", 2000), &fields);
  if (in.unit_price.fen <= 0) fields.push_back({"unit_price", "range", "must be more than zero"});
  return fields;
}

Status StoredItemChecks(UnitOfWork& uow, const NewItem& in, std::vector<common::FieldError>* errors) {
  ASSIGN_OR_RETURN(auto cat, uow.reference().GetCategory(in.category));
  if (!cat) errors->push_back({"category", "unknown", "no such category"});
  return Status::Ok();
}

}  // namespace

Status CatalogService::CheckItem(const Actor& actor, const NewItem& in, const common::Unread& unread) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("catalog items are proposed by vendor accounts");
  std::vector<common::FieldError> fields = PureItemChecks(in);
  ASSIGN_OR_RETURN(auto stored, store_.ReadErrors([&](UnitOfWork& uow, std::vector<common::FieldError>* found) {
    return StoredItemChecks(uow, in, found);
  }));
  fields.insert(fields.end(), stored.begin(), stored.end());
  return common::ValidationOrOk(unread.Keep(fields));
}

Result<CatalogItem> CatalogService::ProposeItem(const Actor& actor, const NewItem& in) {
  if (!actor.Is(Role::kVendor)) return Status::Forbidden("catalog items are proposed by vendor accounts");
  // Answered from a read: a malformed request never queues for the writer.
  if (!PureItemChecks(in).empty()) return CheckItem(actor, in, common::Unread());
  CatalogItem it;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    std::vector<common::FieldError> errors;  // this run's own: the closure may run again
    RETURN_IF_ERROR(StoredItemChecks(uow, in, &errors));
    if (!errors.empty()) return Status::Validation("the request has invalid fields", errors);
    ASSIGN_OR_RETURN(auto vendor, uow.vendors().Get(actor.vendor_id));
    if (!vendor) return Status::NotFound("the account's vendor does not exist");
    it.id = common::NewId("itm");
    it.vendor_id = actor.vendor_id;
    it.vendor_name = vendor->name;
    it.category = in.category;
    it.name = common::NormalizeNfc(in.name);
    it.description = in.description;
    it.domestic = in.domestic;
    it.domestic_verified = false;
    it.unit_price = in.unit_price;
    it.unit = in.unit;
    it.status = ItemStatus::kPending;
    it.created_at = clock_.Now();
    RETURN_IF_ERROR(uow.catalog().Insert(it, common::IndexTerms(it.name + "\n" + it.description)));
    return AppendAudit(uow, it.created_at, actor.account_id, "catalog_item.propose", "catalog_item", it.id,
                       Fields()
                           .Add("vendor_id", it.vendor_id)
                           .Add("category", it.category)
                           .Add("name", it.name)
                           .Add("domestic", it.domestic ? "true" : "false")
                           .Add("unit_price", common::FormatMoney(it.unit_price))
                           .Add("unit", it.unit)
                           .ToJson());
  }));
  return it;
}

Result<CatalogItem> CatalogService::DecideItem(const Actor& actor, const std::string& id, bool approve,
                                               const std::string& comment) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau lists catalog items");
  if (!comment.empty()) RETURN_IF_ERROR(common::CheckName(comment, "comment", 1000));
  CatalogItem it;
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.catalog().Get(id));
    if (!found) return Status::NotFound("no such catalog item");
    it = *found;
    if (it.status != ItemStatus::kPending) {
      return Status::InvalidState(std::string("the item is ") + ItemStatusName(it.status) + " already");
    }
    it.status = approve ? ItemStatus::kListed : ItemStatus::kRejected;
    // The bureau's approval is what verifies the domestic claim.
    it.domestic_verified = approve && it.domestic;
    it.comment = comment;
    RETURN_IF_ERROR(uow.catalog().Update(it, it.version));
    it.version += 1;
    return AppendAudit(uow, clock_.Now(), actor.account_id, approve ? "catalog_item.list" : "catalog_item.reject",
                       "catalog_item", it.id,
                       Fields()
                           .Add("domestic_verified", it.domestic_verified ? "true" : "false")
                           .Add("comment", comment)
                           .ToJson());
  }));
  return it;
}

Result<CatalogItem> CatalogService::GetItem(const Actor& actor, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<CatalogItem> it,
                   store_.ReadValue<std::optional<CatalogItem>>([&](UnitOfWork& uow) { return uow.catalog().Get(id); }));
  bool visible = it && (it->status == ItemStatus::kListed || actor.Is(Role::kBureau) || actor.Is(Role::kAuditor) ||
                        (actor.Is(Role::kVendor) && actor.vendor_id == it->vendor_id));
  if (!visible) return Status::NotFound("no such catalog item");
  return *it;
}

Result<Page<CatalogItem>> CatalogService::ListItems(const Actor& actor, ItemFilter f, const PageRequest& page) {
  if (actor.Is(Role::kVendor)) {
    if (!f.vendor_id.empty() && f.vendor_id != actor.vendor_id) {
      return Status::Forbidden("a vendor lists its own catalog items");
    }
    f.vendor_id = actor.vendor_id;
  } else if (!actor.Is(Role::kBureau) && !actor.Is(Role::kAuditor)) {
    return Status::Forbidden("catalog items of every status are listed to the bureau, auditors and their vendor");
  }
  return store_.ReadValue<Page<CatalogItem>>([&](UnitOfWork& uow) { return uow.catalog().List(f, page); });
}

Result<CatalogQuery> CatalogService::MakeQuery(const CatalogSearch& s) {
  CatalogQuery q;
  q.terms = common::QueryTerms(s.q);
  if (q.terms.size() > kMaxSearchTerms) {
    return Status::FieldInvalid("q", "too_many_terms", "the query has too many words; use fewer");
  }
  if (!s.q.empty() && q.terms.empty()) {
    return Status::FieldInvalid("q", "no_terms", "the query has no letters, digits or Chinese characters");
  }
  q.category = s.category;
  q.vendor_id = s.vendor_id;
  q.domestic_only = s.domestic_only;
  q.max_price = s.max_price;
  return q;
}

Result<Page<CatalogItem>> CatalogService::SearchIn(UnitOfWork& uow, AccessCache::View& view, const CatalogQuery& q,
                                                   const CatalogSearch& s, const PageRequest& page, common::Date today) {
  Page<CatalogItem> out;
  if (!s.category.empty()) {
    ASSIGN_OR_RETURN(auto cat, view.GetCategory(s.category));
    if (!cat) return Status::FieldInvalid("category", "unknown", "no such category");
  }
  ASSIGN_OR_RETURN(auto types, view.Types());
  std::map<std::pair<std::string, std::string>, bool> access;  // (vendor, category) decided in this request
  auto has_access = [&](const CatalogItem& it) -> Result<bool> {
    auto key = std::make_pair(it.vendor_id, it.category);
    auto a = access.find(key);
    if (a != access.end()) return a->second;
    ASSIGN_OR_RETURN(auto vendor, view.Vendor(it.vendor_id));
    ASSIGN_OR_RETURN(auto cat, view.GetCategory(it.category));
    bool ok = vendor && cat && DecideMarketAccess(vendor->snapshot, cat->requirements, *types, today).eligible;
    access[key] = ok;
    return ok;
  };
  const common::Matcher matcher(s.q);
  std::string text;
  PageRequest batch{page.limit, page.after};
  for (int round = 0; round < kMaxSearchBatches; ++round) {
    ASSIGN_OR_RETURN(Page<CatalogItem> got, uow.catalog().SearchListed(q, batch));
    out.next.reset();
    for (size_t i = 0; i < got.items.size(); ++i) {
      CatalogItem& it = got.items[i];
      // The index matches every term; the text must also hold each query run contiguously.
      if (!s.q.empty()) {
        text.assign(it.name).append("\n").append(it.description);
        if (!matcher(text)) continue;
      }
      ASSIGN_OR_RETURN(bool ok, has_access(it));
      if (!ok) continue;
      out.items.push_back(std::move(it));
      if (static_cast<int>(out.items.size()) == page.limit) {
        if (i + 1 < got.items.size() || got.next) out.next = out.items.back().id;
        return out;
      }
    }
    if (!got.next) return out;
    batch.after = *got.next;
    out.next = *got.next;
  }
  return out;
}

Result<Page<CatalogItem>> CatalogService::Search(const Actor&, const CatalogSearch& s, const PageRequest& page) {
  ASSIGN_OR_RETURN(CatalogQuery q, MakeQuery(s));
  common::Date today = Today(clock_);
  Page<CatalogItem> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(out, SearchIn(uow, view, q, s, page, today));
    return Status::Ok();
  }));
  return out;
}

Result<std::shared_ptr<const std::string>> CatalogService::SearchRendered(
    const Actor&, const CatalogSearch& s, const PageRequest& page,
    const std::function<std::string(const Page<CatalogItem>&)>& render) {
  return Rendered("catalog", s, page, render);
}

Result<std::shared_ptr<const std::string>> CatalogService::PublicSearchRendered(
    const CatalogSearch& s, const PageRequest& page, const std::function<std::string(const Page<CatalogItem>&)>& render) {
  return Rendered("public-catalog", s, page, render);
}

Result<std::shared_ptr<const std::string>> CatalogService::Rendered(
    const std::string& memo, const CatalogSearch& s, const PageRequest& page,
    const std::function<std::string(const Page<CatalogItem>&)>& render) {
  ASSIGN_OR_RETURN(CatalogQuery q, MakeQuery(s));
  common::Date today = Today(clock_);
  // Everything the page depends on besides the stored generation: the query, the page and the
  // day (market access is decided for today).
  MemoKey key;
  key.Add(memo).Add(s.q).Add(s.category).Add(s.vendor_id).Add(page.after).Add(page.limit).Add(s.domestic_only ? "d" : "-");
  key.Add(s.max_price ? std::to_string(s.max_price->fen) : "-").Add(common::FormatDate(today));
  std::shared_ptr<const std::string> out;
  RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(AccessCache::View view, access_cache_.Open(uow));
    ASSIGN_OR_RETURN(out, view.Memo(key, [&]() -> Result<std::string> {
      ASSIGN_OR_RETURN(Page<CatalogItem> found, SearchIn(uow, view, q, s, page, today));
      return render(found);
    }));
    return Status::Ok();
  }));
  return out;
}

}  // namespace registry
