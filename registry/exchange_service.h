// What the registry gives out (the exchange issue): the approved list, sanctions and the
// catalog, for anyone (信息公开, the public routes) and as whole files for staff (exports).
// Reads only; "today" is the Beijing date by the clock (registry::Today). Thread-safe.
//
// What the public may see is decided here, not in the JSON: a vendor's name, credit code, size,
// region and status, its qualifications active today and the categories it has market access to
// today; never its contact details, practitioners or applications. Sanctions in force today.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "registry/access_cache.h"
#include "registry/actor.h"
#include "registry/store.h"

namespace registry {

struct ListedVendor {
  Vendor vendor;
  std::vector<Qualification> qualifications;  // active on the day, by type then id
  std::vector<std::string> categories;        // codes of the categories it has market access to on the day
};

struct ApprovedList {
  common::Date on;
  std::vector<ListedVendor> vendors;  // listed vendors in id order
};

// A page of the approved list with the names of the categories and qualification types its
// entries name (so a reader without an account can show names, not codes).
struct ApprovedListPage {
  common::Date on;
  Page<ListedVendor> page;
  std::map<std::string, std::string> category_names;  // code -> name
  std::map<std::string, std::string> type_names;      // code -> name
};

struct SanctionList {
  common::Date on;
  std::vector<Sanction> sanctions;  // oldest first, with vendor names
};

struct ExportedItem {
  CatalogItem item;
  std::string credit_code;  // the vendor's: what an import matches vendors by
};

// The change feed's kinds of record, by the audit log's entity_type.
inline constexpr const char* kChangeTypes[] = {"vendor", "qualification", "practitioner", "sanction", "catalog_item"};

// One change: its audit entry and the record as it is now (read with the page; none when the
// record is gone). A consumer that applies each record in order ends with the registry's state.
struct Change {
  AuditEntry entry;
  std::optional<Vendor> vendor;
  std::optional<Qualification> qualification;
  std::optional<Practitioner> practitioner;
  std::optional<Sanction> sanction;
  std::optional<CatalogItem> item;
};

class ExchangeService {
 public:
  ExchangeService(Store& store, const common::Clock& clock, AccessCache& access_cache)
      : store_(store), clock_(clock), access_cache_(access_cache) {}

  // Anyone, no account: a page of the approved list today (listed vendors in id order), rendered
  // by `render` at most once per access generation, day and page (the access cache's memo).
  common::Result<std::shared_ptr<const std::string>> PublicApprovedList(
      const PageRequest& page, const std::function<std::string(const ApprovedListPage&)>& render);
  // Anyone: the sanctions in force today.
  common::Result<SanctionList> PublicSanctions();

  // Bureau, officers and auditors (vendors and experts: kForbidden): the whole approved list
  // today; every sanction with its state; every listed catalog item.
  common::Result<ApprovedList> ExportApprovedList(const Actor& actor);
  common::Result<SanctionList> ExportSanctions(const Actor& actor);
  common::Result<std::vector<ExportedItem>> ExportCatalog(const Actor& actor);

  // Bureau, officers and auditors: the changes to the approved list after the audit entry
  // `after_seq`, oldest first, at most `limit`, of the entity types `types` (a subset of
  // kChangeTypes; empty: all). Gapless: every change of those types is an audit entry, and the
  // entries commit in seq order (registry::AuditStore::ListChanges).
  common::Result<std::vector<Change>> Changes(const Actor& actor, int64_t after_seq, const std::vector<std::string>& types,
                                              int limit);

 private:
  // Listed vendors after `page.after`, up to page.limit (0: all), decided for `on`.
  // `names` (may be null): filled with the names of the categories and types the page names.
  common::Result<Page<ListedVendor>> Listed(UnitOfWork& uow, AccessCache::View& view, const PageRequest& page,
                                            common::Date on, ApprovedListPage* names = nullptr);
  Store& store_;
  const common::Clock& clock_;
  AccessCache& access_cache_;
};

// May `actor` take the staff exports? The bureau, officers and auditors.
bool MayExport(const Actor& actor);

}  // namespace registry
