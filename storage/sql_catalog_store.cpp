// The SQL CatalogStore (items and the term index of the search), for both dialects (storage/sql_registry_stores.h).
#include <algorithm>
#include <map>
#include <set>

#include "storage/sql_page.h"
#include "storage/sql_registry_stores.h"
#include "storage/sql_rows.h"
#include "storage/stored.h"

namespace storage {
namespace {

using common::Date;
using common::Result;
using common::Status;
using namespace registry;

// Read with the vendor's name (names next to ids): every FROM names catalog_items i and joins
// kItemVendor.
constexpr const char* kItemCols =
    "i.id, i.vendor_id, i.category, i.name, i.description, i.domestic, i.domestic_verified, i.unit_price, i.unit, "
    "i.status, i.comment, i.created_at, i.version, v.name";
constexpr const char* kItemVendor = " LEFT JOIN vendors v ON v.id = i.vendor_id";

Result<CatalogItem> ItemFromRow(const Row& r) {
  CatalogItem it;
  it.id = r.Text(0);
  it.vendor_id = r.Text(1);
  it.category = r.Text(2);
  it.name = r.Text(3);
  it.description = r.Text(4);
  it.domestic = r.Int(5) != 0;
  it.domestic_verified = r.Int(6) != 0;
  it.unit_price = common::Money{r.Int(7)};
  it.unit = r.Text(8);
  ASSIGN_OR_RETURN(it.status, StoredEnum(kItemStatusNames, r.Text(9), "catalog_items.status"));
  it.comment = r.Text(10);
  ASSIGN_OR_RETURN(it.created_at, ParseStoredTime(r.Text(11)));
  it.version = r.Int(12);
  it.vendor_name = r.Text(13);
  return it;
}

class SqlCatalogStore final : public CatalogStore {
 public:
  explicit SqlCatalogStore(Tx& tx) : tx_(tx) {}
  Status Insert(const CatalogItem& it, const std::vector<std::string>& terms) override {
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO catalog_items (id, vendor_id, category, name, description, domestic, "
                             "domestic_verified, unit_price, unit, status, comment, created_at, version) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {it.id, it.vendor_id, it.category, it.name, it.description, int64_t{it.domestic},
                              int64_t{it.domestic_verified}, it.unit_price.fen, it.unit,
                              std::string(ItemStatusName(it.status)), it.comment, common::FormatTimestamp(it.created_at),
                              it.version})
                        .status());
    RETURN_IF_ERROR(InsertTerms(it.id, terms));
    return ThenBumpAccess(tx_, Status::Ok());
  }
  Result<std::optional<CatalogItem>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kItemCols + " FROM catalog_items i" + kItemVendor +
                                              " WHERE i.id = ?", {id}));
    if (rows.empty()) return std::optional<CatalogItem>();
    ASSIGN_OR_RETURN(CatalogItem it, ItemFromRow(rows[0]));
    return std::optional<CatalogItem>(std::move(it));
  }
  Status Update(const CatalogItem& it, int64_t expected) override {
    return ThenBumpAccess(tx_, VersionedUpdate(tx_, "UPDATE catalog_items SET status = ?, domestic_verified = ?, comment = ?, version = ? "
                                "WHERE id = ? AND version = ?",
                           {std::string(ItemStatusName(it.status)), int64_t{it.domestic_verified}, it.comment,
                            expected + 1, it.id, expected},
                           "catalog_items", it.id));
  }
  Result<std::vector<CatalogItem>> GetMany(const std::vector<std::string>& ids) override {
    std::vector<CatalogItem> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kItemCols + " FROM catalog_items i" + kItemVendor + " WHERE i.id", "", ids,
                            [&](const Row& r) -> Status {
                              ASSIGN_OR_RETURN(CatalogItem it, ItemFromRow(r));
                              out.push_back(std::move(it));
                              return Status::Ok();
                            }));
    return out;
  }
  Result<std::vector<CatalogItem>> ListByVendors(const std::vector<std::string>& vendor_ids) override {
    std::vector<CatalogItem> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kItemCols + " FROM catalog_items i" + kItemVendor + " WHERE i.vendor_id",
                            "", vendor_ids, [&](const Row& r) -> Status {
                              ASSIGN_OR_RETURN(CatalogItem it, ItemFromRow(r));
                              out.push_back(std::move(it));
                              return Status::Ok();
                            }));
    return out;
  }
  Status Amend(const CatalogItem& it, const std::vector<std::string>& old_terms, const std::vector<std::string>& terms,
               int64_t expected) override {
    RETURN_IF_ERROR(VersionedUpdate(tx_, "UPDATE catalog_items SET category = ?, description = ?, domestic = ?, domestic_verified = ?, "
                                         "unit_price = ?, unit = ?, status = ?, version = ? WHERE id = ? AND version = ?",
                                    {it.category, it.description, int64_t{it.domestic}, int64_t{it.domestic_verified},
                                     it.unit_price.fen, it.unit, std::string(ItemStatusName(it.status)), expected + 1, it.id,
                                     expected},
                                    "catalog_items", it.id));
    for (const std::string& t : old_terms) {
      RETURN_IF_ERROR(tx_.Exec("DELETE FROM catalog_terms WHERE term = ? AND item_id = ?", {t, it.id}).status());
    }
    RETURN_IF_ERROR(InsertTerms(it.id, terms));
    return ThenBumpAccess(tx_, Status::Ok());
  }
  Result<Page<CatalogItem>> SearchListed(const CatalogQuery& q, const PageRequest& page) override {
    // The first term drives the query through the (term, item_id) key, in item order; every
    // other term is a key lookup. Without terms the listed-items index drives it.
    std::string sql = std::string("SELECT ") + kItemCols;
    std::vector<Value> params;
    if (!q.terms.empty()) {
      sql += std::string(" FROM catalog_terms t JOIN catalog_items i ON i.id = t.item_id") + kItemVendor +
             " WHERE t.term = ? AND t.item_id > ?";
      params = {q.terms[0], page.after};
    } else {
      sql += std::string(" FROM catalog_items i") + kItemVendor + " WHERE i.id > ?";
      params = {page.after};
    }
    for (size_t k = 1; k < q.terms.size(); ++k) {
      sql += " AND EXISTS (SELECT 1 FROM catalog_terms t" + std::to_string(k) + " WHERE t" + std::to_string(k) +
             ".term = ? AND t" + std::to_string(k) + ".item_id = i.id)";
      params.push_back(q.terms[k]);
    }
    // Ordering by the driving column (t.item_id, equal to i.id) keeps the planner on the
    // (term, item_id) key: ordering by i.id made SQLite walk every item when a term was rare.
    sql += " AND i.status = 'listed' AND (? = '' OR i.category = ?) AND (? = '' OR i.vendor_id = ?) AND "
           "(? = 0 OR i.domestic_verified = 1) AND (? < 0 OR i.unit_price <= ?) ORDER BY ";
    sql += q.terms.empty() ? "i.id LIMIT ?" : "t.item_id LIMIT ?";
    int64_t max_price = q.max_price ? q.max_price->fen : -1;
    for (Value v : std::vector<Value>{q.category, q.category, q.vendor_id, q.vendor_id, int64_t{q.domestic_only},
                                      max_price, max_price, FetchLimit(page)}) {
      params.push_back(std::move(v));
    }
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, params));
    return PageOf<CatalogItem>(rows, page, [&](const Row& row) { return ItemFromRow(row); });
  }
  Result<Page<CatalogItem>> List(const ItemFilter& f, const PageRequest& page) override {
    const std::string status = f.status ? ItemStatusName(*f.status) : "";
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kItemCols + " FROM catalog_items i" + kItemVendor +
                                   " WHERE i.id > ? AND (? = '' OR i.status = ?) AND (? = '' OR i.vendor_id = ?) AND "
                                   "(? = '' OR i.category = ?) ORDER BY i.id LIMIT ?",
                               {page.after, status, status, f.vendor_id, f.vendor_id, f.category, f.category,
                                FetchLimit(page)}));
    return PageOf<CatalogItem>(rows, page, [&](const Row& row) { return ItemFromRow(row); });
  }

 private:
  // An item's search terms, up to 64 a statement (an item has about 50: one statement, not 50;
  // a million imported items are 50 million rows, docs/performance.md). The statement texts are
  // few (a full one and one per remainder), so each is prepared once.
  Status InsertTerms(const std::string& item_id, const std::vector<std::string>& terms) {
    constexpr size_t kChunk = 64;
    for (size_t at = 0; at < terms.size(); at += kChunk) {
      size_t n = std::min(kChunk, terms.size() - at);
      // On SQLite OR IGNORE: a multi-row INSERT that may abort half-way makes SQLite keep a
      // statement journal, a copy of every page the statement changes (~50 here), so the
      // statement alone can be undone; one that cannot abort needs none. The rows are distinct
      // (IndexTerms gives each term once, and the item is new or its terms were deleted), so
      // nothing is ever ignored: a duplicate would be the same row. docs/performance.md.
      std::string sql = tx_.dialect() == Dialect::kSqlite ? "INSERT OR IGNORE INTO catalog_terms (term, item_id) VALUES "
                                                          : "INSERT INTO catalog_terms (term, item_id) VALUES ";
      std::vector<Value> params;
      params.reserve(2 * n);
      for (size_t i = 0; i < n; ++i) {
        sql += i ? ", (?, ?)" : "(?, ?)";
        params.emplace_back(terms[at + i]);
        params.emplace_back(item_id);
      }
      RETURN_IF_ERROR(tx_.Exec(sql, params).status());
    }
    return Status::Ok();
  }
  Tx& tx_;
};

}  // namespace

std::unique_ptr<CatalogStore> MakeCatalogStore(Tx& tx) { return std::make_unique<SqlCatalogStore>(tx); }

}  // namespace storage
