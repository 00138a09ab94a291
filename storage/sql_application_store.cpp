// The SQL ApplicationStore, for both dialects (storage/sql_registry_stores.h).
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

constexpr const char* kAppCols =
    "id, vendor_id, kind, status, q_type, q_level, q_certificate_no, q_issuer, q_issued_on, q_expires_on, "
    "submitted_at, decided_at, decided_by, comment, qualification_id, version";

// Read with the vendor's name (names next to ids).
constexpr const char* kAppReadCols =
    "a.id, a.vendor_id, a.kind, a.status, a.q_type, a.q_level, a.q_certificate_no, a.q_issuer, a.q_issued_on, "
    "a.q_expires_on, a.submitted_at, a.decided_at, a.decided_by, a.comment, a.qualification_id, a.version, v.name";
constexpr const char* kAppFrom = " FROM applications a LEFT JOIN vendors v ON v.id = a.vendor_id";

class SqlApplicationStore final : public ApplicationStore {
 public:
  explicit SqlApplicationStore(Tx& tx) : tx_(tx) {}
  Status Insert(const Application& a) override {
    const Qualification* q = a.qualification ? &*a.qualification : nullptr;
    RETURN_IF_ERROR(tx_.Exec(std::string("INSERT INTO applications (") + kAppCols +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {a.id, a.vendor_id, std::string(ApplicationKindName(a.kind)),
                              std::string(ApplicationStatusName(a.status)), q ? q->type : "", q ? q->level : "",
                              q ? q->certificate_no : "", q ? q->issuer : "", q ? DateText(q->issued_on) : "",
                              q ? DateText(q->expires_on) : "", common::FormatTimestamp(a.submitted_at), std::string(),
                              std::string(), std::string(), std::string(), a.version})
                        .status());
    for (size_t i = 0; i < a.evidence.size(); ++i) {
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO application_evidence (application_id, pos, name, sha256, file_id) "
                               "VALUES (?, ?, ?, ?, ?)",
                               {a.id, static_cast<int64_t>(i), a.evidence[i].name, a.evidence[i].sha256,
                                a.evidence[i].file_id})
                          .status());
    }
    return Status::Ok();
  }
  Result<std::optional<Application>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kAppReadCols + kAppFrom + " WHERE a.id = ?", {id}));
    if (rows.empty()) return std::optional<Application>();
    ASSIGN_OR_RETURN(Application a, FromRow(rows[0]));
    return std::optional<Application>(std::move(a));
  }
  Status Update(const Application& a, int64_t expected) override {
    return VersionedUpdate(tx_, "UPDATE applications SET status = ?, decided_at = ?, decided_by = ?, comment = ?, "
                                "qualification_id = ?, version = ? WHERE id = ? AND version = ?",
                           {std::string(ApplicationStatusName(a.status)),
                            a.decided_at ? common::FormatTimestamp(*a.decided_at) : std::string(), a.decided_by,
                            a.comment, a.qualification_id, expected + 1, a.id, expected},
                           "applications", a.id);
  }
  Result<Page<Application>> List(const ApplicationFilter& f, const PageRequest& page) override {
    const std::string status = f.status ? ApplicationStatusName(*f.status) : "";
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kAppReadCols + kAppFrom +
                                              " WHERE a.id > ? AND (? = '' OR a.vendor_id = ?) AND "
                                              "(? = '' OR a.status = ?) ORDER BY a.id LIMIT ?",
                                          {page.after, f.vendor_id, f.vendor_id, status, status,
                                           FetchLimit(page)}));
    return PageOf<Application>(rows, page, [&](const Row& row) { return FromRow(row); });
  }
  Result<bool> HasOpen(const std::string& vendor_id, ApplicationKind kind) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT COUNT(*) FROM applications WHERE vendor_id = ? AND kind = ? AND "
                                          "status = 'submitted'",
                                          {vendor_id, std::string(ApplicationKindName(kind))}));
    return rows.at(0).Int(0) > 0;
  }

 private:
  Result<Application> FromRow(const Row& r) {
    Application a;
    a.id = r.Text(0);
    a.vendor_id = r.Text(1);
    ASSIGN_OR_RETURN(a.kind, StoredEnum(kApplicationKindNames, r.Text(2), "applications.kind"));
    ASSIGN_OR_RETURN(a.status, StoredEnum(kApplicationStatusNames, r.Text(3), "applications.status"));
    if (a.kind == ApplicationKind::kQualification) {
      Qualification q;
      q.vendor_id = a.vendor_id;
      q.type = r.Text(4);
      q.level = r.Text(5);
      q.certificate_no = r.Text(6);
      q.issuer = r.Text(7);
      ASSIGN_OR_RETURN(q.issued_on, ParseStoredDate(r.Text(8)));
      ASSIGN_OR_RETURN(q.expires_on, ParseStoredDate(r.Text(9)));
      a.qualification = q;
    }
    ASSIGN_OR_RETURN(a.submitted_at, ParseStoredTime(r.Text(10)));
    if (!r.Text(11).empty()) {
      ASSIGN_OR_RETURN(common::Timestamp t, ParseStoredTime(r.Text(11)));
      a.decided_at = t;
    }
    a.decided_by = r.Text(12);
    a.comment = r.Text(13);
    a.qualification_id = r.Text(14);
    a.version = r.Int(15);
    a.vendor_name = r.Text(16);
    ASSIGN_OR_RETURN(auto ev, tx_.Query("SELECT name, sha256, file_id FROM application_evidence WHERE "
                                        "application_id = ? ORDER BY pos", {a.id}));
    for (const Row& e : ev) a.evidence.push_back({e.Text(0), e.Text(1), e.Text(2)});
    return a;
  }
  Tx& tx_;
};

}  // namespace

std::unique_ptr<ApplicationStore> MakeApplicationStore(Tx& tx) { return std::make_unique<SqlApplicationStore>(tx); }

}  // namespace storage
