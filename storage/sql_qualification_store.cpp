// The SQL QualificationStore, for both dialects (storage/sql_registry_stores.h).
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

constexpr const char* kQualCols =
    "id, vendor_id, type, level, certificate_no, issuer, issued_on, expires_on, status, status_reason, version";

Result<Qualification> QualFromRow(const Row& r) {
  Qualification q;
  q.id = r.Text(0);
  q.vendor_id = r.Text(1);
  q.type = r.Text(2);
  q.level = r.Text(3);
  q.certificate_no = r.Text(4);
  q.issuer = r.Text(5);
  ASSIGN_OR_RETURN(q.issued_on, ParseStoredDate(r.Text(6)));
  ASSIGN_OR_RETURN(q.expires_on, ParseStoredDate(r.Text(7)));
  ASSIGN_OR_RETURN(q.status, StoredEnum(kQualificationStatusNames, r.Text(8), "qualifications.status"));
  q.status_reason = r.Text(9);
  q.version = r.Int(10);
  return q;
}

class SqlQualificationStore final : public QualificationStore {
 public:
  explicit SqlQualificationStore(Tx& tx) : tx_(tx) {}
  Status Insert(const Qualification& q) override {
    return ThenBumpAccess(tx_, tx_.Exec(std::string("INSERT INTO qualifications (") + kQualCols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {q.id, q.vendor_id, q.type, q.level, q.certificate_no, q.issuer, DateText(q.issued_on), DateText(q.expires_on),
                     std::string(QualificationStatusName(q.status)), q.status_reason, q.version})
        .status());
  }
  Result<std::optional<Qualification>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kQualCols + " FROM qualifications WHERE id = ?", {id}));
    if (rows.empty()) return std::optional<Qualification>();
    ASSIGN_OR_RETURN(Qualification q, QualFromRow(rows[0]));
    return std::optional<Qualification>(std::move(q));
  }
  Status Update(const Qualification& q, int64_t expected) override {
    return ThenBumpAccess(tx_, VersionedUpdate(tx_, "UPDATE qualifications SET status = ?, status_reason = ?, version = ? "
                                "WHERE id = ? AND version = ?",
                           {std::string(QualificationStatusName(q.status)), q.status_reason, expected + 1, q.id, expected},
                           "qualifications", q.id));
  }
  Result<std::vector<Qualification>> GetMany(const std::vector<std::string>& ids) override {
    std::vector<Qualification> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kQualCols + " FROM qualifications WHERE id", "", ids, [&](const Row& r) -> Status {
      ASSIGN_OR_RETURN(Qualification q, QualFromRow(r));
      out.push_back(std::move(q));
      return Status::Ok();
    }));
    return out;
  }
  Result<std::vector<Qualification>> ListByVendors(const std::vector<std::string>& vendor_ids) override {
    std::vector<Qualification> out;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kQualCols + " FROM qualifications WHERE vendor_id", "", vendor_ids,
                            [&](const Row& r) -> Status {
                              ASSIGN_OR_RETURN(Qualification q, QualFromRow(r));
                              out.push_back(std::move(q));
                              return Status::Ok();
                            }));
    return out;
  }
  Status Amend(const Qualification& q, int64_t expected) override {
    return ThenBumpAccess(tx_, VersionedUpdate(tx_, "UPDATE qualifications SET level = ?, issuer = ?, issued_on = ?, expires_on = ?, "
                                               "version = ? WHERE id = ? AND version = ?",
                                               {q.level, q.issuer, DateText(q.issued_on), DateText(q.expires_on), expected + 1,
                                                q.id, expected},
                                               "qualifications", q.id));
  }
  Result<Page<Qualification>> List(const QualificationFilter& f, const PageRequest& page) override {
    // page.after: "<expires_on>|<id>" of the last one returned (soonest expiry first).
    std::string after_date, after_id;
    if (!page.after.empty()) {
      size_t bar = page.after.find('|');
      if (bar == std::string::npos) return Status::FieldInvalid("cursor", "invalid", "not a cursor this server made");
      after_date = page.after.substr(0, bar);
      after_id = page.after.substr(bar + 1);
    }
    std::string before = f.expires_before ? DateText(*f.expires_before) : "";
    std::string from = f.expires_from ? DateText(*f.expires_from) : "";
    const std::string stored = f.stored_status ? QualificationStatusName(*f.stored_status) : "";
    ASSIGN_OR_RETURN(
        auto rows,
        tx_.Query("SELECT q.id, q.vendor_id, q.type, q.level, q.certificate_no, q.issuer, q.issued_on, q.expires_on, "
                  "q.status, q.status_reason, q.version, v.name FROM qualifications q LEFT JOIN vendors v ON "
                  "v.id = q.vendor_id WHERE (? = '' OR q.vendor_id = ?) AND (? = '' OR q.status = ?) AND "
                  "(? = '' OR q.expires_on < ?) AND (? = '' OR q.expires_on >= ?) AND "
                  "(? = '' OR q.expires_on > ? OR (q.expires_on = ? AND q.id > ?)) ORDER BY q.expires_on, q.id LIMIT ?",
                  {f.vendor_id, f.vendor_id, stored, stored, before, before, from, from, after_date,
                   after_date, after_date, after_id, FetchLimit(page)}));
    return PageOf<Qualification>(rows, page, [&](const Row& row) -> Result<Qualification> {
      ASSIGN_OR_RETURN(Qualification q, QualFromRow(row));
      q.vendor_name = row.Text(11);
      return q;
    }, [](const Qualification& last) { return DateText(last.expires_on) + "|" + last.id; });
  }
  Result<std::vector<Qualification>> ListByVendor(const std::string& vendor_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kQualCols +
                                              " FROM qualifications WHERE vendor_id = ? ORDER BY id", {vendor_id}));
    std::vector<Qualification> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Qualification q, QualFromRow(r));
      out.push_back(std::move(q));
    }
    return out;
  }

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<QualificationStore> MakeQualificationStore(Tx& tx) { return std::make_unique<SqlQualificationStore>(tx); }

}  // namespace storage
