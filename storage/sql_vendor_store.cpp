// The SQL VendorStore, for both dialects (storage/sql_registry_stores.h).
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

constexpr const char* kVendorCols =
    "id, name, credit_code, enterprise_size, region_code, contact_name, contact_phone, contact_email, "
    "contact_address, status, created_at, updated_at, version";

Result<Vendor> VendorFromRow(const Row& r) {
  Vendor v;
  v.id = r.Text(0);
  v.name = r.Text(1);
  v.credit_code = r.Text(2);
  ASSIGN_OR_RETURN(v.enterprise_size, StoredEnum(kEnterpriseSizeNames, r.Text(3), "vendors.enterprise_size"));
  v.region_code = r.Text(4);
  v.contact = {r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
  ASSIGN_OR_RETURN(v.status, StoredEnum(kVendorStatusNames, r.Text(9), "vendors.status"));
  ASSIGN_OR_RETURN(v.created_at, ParseStoredTime(r.Text(10)));
  ASSIGN_OR_RETURN(v.updated_at, ParseStoredTime(r.Text(11)));
  v.version = r.Int(12);
  return v;
}

class SqlVendorStore final : public VendorStore {
 public:
  explicit SqlVendorStore(Tx& tx) : tx_(tx) {}
  Status Insert(const Vendor& v) override {
    return ThenBumpAccess(tx_, tx_.Exec(std::string("INSERT INTO vendors (") + kVendorCols +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {v.id, v.name, v.credit_code, std::string(EnterpriseSizeName(v.enterprise_size)), v.region_code,
                     v.contact.name, v.contact.phone, v.contact.email, v.contact.address,
                     std::string(VendorStatusName(v.status)), common::FormatTimestamp(v.created_at),
                     common::FormatTimestamp(v.updated_at), v.version})
        .status());
  }
  Result<std::optional<Vendor>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kVendorCols + " FROM vendors WHERE id = ?", {id}));
    if (rows.empty()) return std::optional<Vendor>();
    ASSIGN_OR_RETURN(Vendor v, VendorFromRow(rows[0]));
    return std::optional<Vendor>(std::move(v));
  }
  Status Update(const Vendor& v, int64_t expected) override {
    return ThenBumpAccess(tx_, VersionedUpdate(
        tx_,
        "UPDATE vendors SET name = ?, enterprise_size = ?, region_code = ?, contact_name = ?, contact_phone = ?, "
        "contact_email = ?, contact_address = ?, status = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?",
        {v.name, std::string(EnterpriseSizeName(v.enterprise_size)), v.region_code, v.contact.name, v.contact.phone,
         v.contact.email, v.contact.address, std::string(VendorStatusName(v.status)),
         common::FormatTimestamp(v.updated_at), expected + 1, v.id, expected},
        "vendors", v.id));
  }
  Result<std::vector<Vendor>> GetMany(const std::vector<std::string>& ids) override {
    std::vector<Vendor> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kVendorCols + " FROM vendors WHERE id", "", ids, [&](const Row& r) -> Status {
      ASSIGN_OR_RETURN(Vendor v, VendorFromRow(r));
      out.push_back(std::move(v));
      return Status::Ok();
    }));
    return out;
  }
  Result<std::vector<Vendor>> FindByCreditCodes(const std::vector<std::string>& codes) override {
    std::vector<Vendor> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kVendorCols + " FROM vendors WHERE credit_code", "", codes,
                            [&](const Row& r) -> Status {
                              ASSIGN_OR_RETURN(Vendor v, VendorFromRow(r));
                              out.push_back(std::move(v));
                              return Status::Ok();
                            }));
    return out;
  }
  Result<Page<Vendor>> List(const VendorFilter& f, const PageRequest& page) override {
    // LIKE patterns are built here from the raw query with its wildcards escaped.
    std::string like = "%" + EscapeLike(f.q) + "%";
    std::string prefix = EscapeLike(f.q) + "%";
    const std::string status = f.status ? VendorStatusName(*f.status) : "";
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kVendorCols +
                                   " FROM vendors WHERE id > ? AND (? = '' OR status = ?) AND "
                                   "(? = '' OR name LIKE ? ESCAPE '!' OR credit_code LIKE ? ESCAPE '!') "
                                   "ORDER BY id LIMIT ?",
                               {page.after, status, status, f.q, like, prefix, FetchLimit(page)}));
    return PageOf<Vendor>(rows, page, [&](const Row& row) { return VendorFromRow(row); });
  }

 private:
  static std::string EscapeLike(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '%' || c == '_' || c == '!') out += '!';
      out += c;
    }
    return out;
  }
  Tx& tx_;
};

}  // namespace

std::unique_ptr<VendorStore> MakeVendorStore(Tx& tx) { return std::make_unique<SqlVendorStore>(tx); }

}  // namespace storage
