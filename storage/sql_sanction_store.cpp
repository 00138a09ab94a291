// The SQL SanctionStore, for both dialects (storage/sql_registry_stores.h).
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

constexpr const char* kSanctionCols =
    "id, vendor_id, kind, reason, starts_on, ends_on, lifted, lift_reason, created_at, version";

Result<Sanction> SanctionFromRow(const Row& r) {
  Sanction s;
  s.id = r.Text(0);
  s.vendor_id = r.Text(1);
  ASSIGN_OR_RETURN(s.kind, StoredEnum(kSanctionKindNames, r.Text(2), "sanctions.kind"));
  s.reason = r.Text(3);
  ASSIGN_OR_RETURN(s.starts_on, ParseStoredDate(r.Text(4)));
  ASSIGN_OR_RETURN(s.ends_on, ParseStoredDate(r.Text(5)));
  s.lifted = r.Int(6) != 0;
  s.lift_reason = r.Text(7);
  ASSIGN_OR_RETURN(s.created_at, ParseStoredTime(r.Text(8)));
  s.version = r.Int(9);
  return s;
}

class SqlSanctionStore final : public SanctionStore {
 public:
  explicit SqlSanctionStore(Tx& tx) : tx_(tx) {}
  Status Insert(const Sanction& s) override {
    return ThenBumpAccess(tx_, tx_.Exec(std::string("INSERT INTO sanctions (") + kSanctionCols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {s.id, s.vendor_id, std::string(SanctionKindName(s.kind)), s.reason, DateText(s.starts_on), DateText(s.ends_on),
                     int64_t{s.lifted ? 1 : 0}, s.lift_reason, common::FormatTimestamp(s.created_at), s.version})
        .status());
  }
  Result<std::optional<Sanction>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kSanctionCols + " FROM sanctions WHERE id = ?", {id}));
    if (rows.empty()) return std::optional<Sanction>();
    ASSIGN_OR_RETURN(Sanction s, SanctionFromRow(rows[0]));
    return std::optional<Sanction>(std::move(s));
  }
  Status Update(const Sanction& s, int64_t expected) override {
    return ThenBumpAccess(
        tx_, VersionedUpdate(tx_, "UPDATE sanctions SET lifted = ?, lift_reason = ?, version = ? WHERE id = ? AND version = ?",
                             {int64_t{s.lifted ? 1 : 0}, s.lift_reason, expected + 1, s.id, expected}, "sanctions", s.id));
  }
  Result<std::vector<Sanction>> ListByVendor(const std::string& vendor_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kSanctionCols +
                                              " FROM sanctions WHERE vendor_id = ? ORDER BY id", {vendor_id}));
    std::vector<Sanction> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Sanction s, SanctionFromRow(r));
      out.push_back(std::move(s));
    }
    return out;
  }
  Result<std::vector<Sanction>> GetMany(const std::vector<std::string>& ids) override {
    std::vector<Sanction> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kSanctionCols + " FROM sanctions WHERE id", "", ids, [&](const Row& r) -> Status {
      ASSIGN_OR_RETURN(Sanction s, SanctionFromRow(r));
      out.push_back(std::move(s));
      return Status::Ok();
    }));
    return out;
  }
  Result<std::vector<Sanction>> ListAll(std::optional<Date> in_force_on) override {
    std::string sql = "SELECT s.id, s.vendor_id, s.kind, s.reason, s.starts_on, s.ends_on, s.lifted, s.lift_reason, "
                      "s.created_at, s.version, v.name, v.credit_code FROM sanctions s JOIN vendors v ON v.id = s.vendor_id";
    std::vector<Value> args;
    if (in_force_on) {
      // Dates are stored as YYYY-MM-DD text, so text order is date order.
      sql += " WHERE s.lifted = 0 AND s.starts_on <= ? AND s.ends_on >= ?";
      args = {DateText(*in_force_on), DateText(*in_force_on)};
    }
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql + " ORDER BY s.created_at, s.id", args));
    std::vector<Sanction> out;
    out.reserve(rows.size());
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Sanction s, SanctionFromRow(r));
      s.vendor_name = r.Text(10);
      s.vendor_credit_code = r.Text(11);
      out.push_back(std::move(s));
    }
    return out;
  }

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<SanctionStore> MakeSanctionStore(Tx& tx) { return std::make_unique<SqlSanctionStore>(tx); }

}  // namespace storage
