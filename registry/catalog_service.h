// The government procurement service catalog: items proposed by vendors, decided by the bureau,
// searched (Chinese included) among vendors with market access. Types and categories are the
// reference data of registry/reference_service.h.
// One transaction per use case, with its audit entry; permissions decided here. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "registry/access_cache.h"
#include "registry/store.h"

namespace registry {

struct NewItem {
  std::string category;
  std::string name;
  std::string description;
  bool domestic = false;
  common::Money unit_price;
  std::string unit;
};

struct CatalogSearch {
  std::string q;  // words in the name or description (Chinese included)
  std::string category;
  std::string vendor_id;
  bool domestic_only = false;
  std::optional<common::Money> max_price;
};

class CatalogService {
 public:
  // `access_cache` is the process's one cache (registryd's), shared with the other services.
  CatalogService(Store& store, const common::Clock& clock, AccessCache& access_cache)
      : store_(store), clock_(clock), access_cache_(access_cache) {}

  // A vendor account proposes an item of its own (status pending).
  common::Result<CatalogItem> ProposeItem(const Actor& actor, const NewItem& in);
  // ProposeItem's checks alone on an item some of whose fields could not be read (api ReadBody).
  common::Status CheckItem(const Actor& actor, const NewItem& in, const common::Unread& unread);
  // Bureau: pending -> listed (the domestic claim becomes verified) or rejected.
  common::Result<CatalogItem> DecideItem(const Actor& actor, const std::string& id, bool approve,
                                         const std::string& comment);
  // Listed items: any account. Others: the owning vendor, the bureau and auditors (else
  // kNotFound, so that another vendor's unlisted items stay invisible).
  common::Result<CatalogItem> GetItem(const Actor& actor, const std::string& id);
  // Items by status, vendor, category: the bureau and auditors all; a vendor its own (asking
  // for another vendor's → kForbidden); others kForbidden.
  common::Result<Page<CatalogItem>> ListItems(const Actor& actor, ItemFilter f, const PageRequest& page);
  // Any account: listed items matching `s`, of vendors with market access for the item's
  // category on `today`. A page may hold fewer than page.limit items when some are filtered
  // out; `next` is set while more may follow.
  common::Result<Page<CatalogItem>> Search(const Actor& actor, const CatalogSearch& s, const PageRequest& page);
  // Search's page as `render` writes it, kept in the access cache for as long as the stored
  // generation (which every catalog and market-access write changes) and the day stay the
  // same; a repeated query is then one generation read. `render` must depend only on the page.
  common::Result<std::shared_ptr<const std::string>> SearchRendered(
      const Actor& actor, const CatalogSearch& s, const PageRequest& page,
      const std::function<std::string(const Page<CatalogItem>&)>& render);
  // Anyone, no account (信息公开, /public/v1/catalog): the same search, memoised apart from the
  // accounts' pages because `render` writes other fields.
  common::Result<std::shared_ptr<const std::string>> PublicSearchRendered(
      const CatalogSearch& s, const PageRequest& page, const std::function<std::string(const Page<CatalogItem>&)>& render);

 private:
  // `memo`: names the renderer in the memo's key.
  common::Result<std::shared_ptr<const std::string>> Rendered(
      const std::string& memo, const CatalogSearch& s, const PageRequest& page,
      const std::function<std::string(const Page<CatalogItem>&)>& render);
  static common::Result<CatalogQuery> MakeQuery(const CatalogSearch& s);
  common::Result<Page<CatalogItem>> SearchIn(UnitOfWork& uow, AccessCache::View& view, const CatalogQuery& q,
                                             const CatalogSearch& s, const PageRequest& page, common::Date today);
  Store& store_;
  const common::Clock& clock_;
  AccessCache& access_cache_;  // the search's market-access filter (registry/access_cache.h)
};

}  // namespace registry
