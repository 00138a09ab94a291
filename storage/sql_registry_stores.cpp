#include "storage/sql_registry_stores.h"

#include <charconv>
#include <map>
#include <random>

#include "storage/stored.h"

namespace storage {
namespace {

using common::Date;
using common::Result;
using common::Status;
using namespace registry;

std::string D(Date d) { return common::FormatDate(d); }

Result<Date> ParseStoredDate(const std::string& s) {
  auto d = common::ParseDate(s);
  if (!d.ok()) return Status::Internal("a stored date does not parse");
  return *d;
}
Result<common::Timestamp> ParseStoredTime(const std::string& s) {
  auto t = common::ParseTimestamp(s);
  if (!t.ok()) return Status::Internal("a stored timestamp does not parse");
  return *t;
}

// Runs an optimistic UPDATE (whose last parameter is the expected version) and tells a stale
// version from a missing record.
Status VersionedUpdate(Tx& tx, const char* sql, const std::vector<Value>& params, const char* table,
                       const std::string& id) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(sql, params));
  if (n == 1) return Status::Ok();
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE id = ?", {id}));
  if (rows.at(0).Int(0) == 0) return Status::NotFound(std::string("no such ") + table + " record");
  return Status::VersionMismatch("the record was changed by someone else; read it again");
}

// Every write to a table that market access is decided from (vendors, qualifications,
// practitioners and credentials, sanctions, qualification types, categories), and to the
// catalog whose search pages are cached with them, ends here: it
// sets access_generation to a fresh random value in the same transaction, which is what lets
// registry::AccessCache keep what it read until the stored generation changes
// (schema/*/004_access_generation.sql). Random rather than n + 1 so that a value written by a
// transaction that then rolled back never comes back for different data. A write that forgets
// this would let a cache serve a stale decision; the storage conformance test checks each one.
Status ThenBumpAccess(Tx& tx, Status written) {
  if (!written.ok()) return written;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  int64_t next = static_cast<int64_t>(rng() >> 2);  // positive, 62 bits
  return tx.Exec("UPDATE access_generation SET n = ? WHERE id = 1", {next}).status();
}

// ---- vendors

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
  Result<Page<Vendor>> List(const VendorFilter& f, const PageRequest& page) override {
    // LIKE patterns are built here from the raw query with its wildcards escaped.
    std::string like = "%" + EscapeLike(f.q) + "%";
    std::string prefix = EscapeLike(f.q) + "%";
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kVendorCols +
                                   " FROM vendors WHERE id > ? AND (? = '' OR status = ?) AND "
                                   "(? = '' OR name LIKE ? ESCAPE '!' OR credit_code LIKE ? ESCAPE '!') "
                                   "ORDER BY id LIMIT ?",
                               {page.after, f.status, f.status, f.q, like, prefix, int64_t{page.limit + 1}}));
    Page<Vendor> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
      ASSIGN_OR_RETURN(Vendor v, VendorFromRow(rows[i]));
      out.items.push_back(std::move(v));
    }
    if (static_cast<int>(rows.size()) > page.limit) out.next = out.items.back().id;
    return out;
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

// ---- qualification types and categories

class SqlReferenceStore final : public ReferenceStore {
 public:
  explicit SqlReferenceStore(Tx& tx) : tx_(tx) {}

  Result<std::vector<QualificationType>> ListTypes() override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, holder, validity_years, version FROM "
                                          "qualification_types ORDER BY code"));
    ASSIGN_OR_RETURN(auto levels, tx_.Query("SELECT type_code, level FROM qualification_type_levels "
                                            "ORDER BY type_code, ord"));
    std::map<std::string, std::vector<std::string>> by_type;
    for (const Row& l : levels) by_type[l.Text(0)].push_back(l.Text(1));
    std::vector<QualificationType> out;
    for (const Row& r : rows) {
      QualificationType t;
      t.code = r.Text(0);
      t.name = r.Text(1);
      ASSIGN_OR_RETURN(t.holder, StoredEnum(kHolderNames, r.Text(2), "qualification_types.holder"));
      t.validity_years = static_cast<int>(r.Int(3));
      t.version = r.Int(4);
      t.levels = by_type[t.code];
      out.push_back(std::move(t));
    }
    return out;
  }

  Result<std::optional<QualificationType>> GetType(const std::string& code) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, holder, validity_years, version FROM "
                                          "qualification_types WHERE code = ?", {code}));
    if (rows.empty()) return std::optional<QualificationType>();
    QualificationType t;
    t.code = rows[0].Text(0);
    t.name = rows[0].Text(1);
    ASSIGN_OR_RETURN(t.holder, StoredEnum(kHolderNames, rows[0].Text(2), "qualification_types.holder"));
    t.validity_years = static_cast<int>(rows[0].Int(3));
    t.version = rows[0].Int(4);
    ASSIGN_OR_RETURN(auto levels, tx_.Query("SELECT level FROM qualification_type_levels WHERE type_code = ? "
                                            "ORDER BY ord", {code}));
    for (const Row& l : levels) t.levels.push_back(l.Text(0));
    return std::optional<QualificationType>(std::move(t));
  }

  Status PutType(const QualificationType& t) override {
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM qualification_type_levels WHERE type_code = ?", {t.code}).status());
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM qualification_types WHERE code = ?", {t.code}).status());
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO qualification_types (code, name, holder, validity_years, version) "
                             "VALUES (?, ?, ?, ?, ?)",
                             {t.code, t.name, std::string(HolderName(t.holder)),
                              int64_t{t.validity_years}, t.version})
                        .status());
    for (size_t i = 0; i < t.levels.size(); ++i) {
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO qualification_type_levels (type_code, ord, level) VALUES (?, ?, ?)",
                               {t.code, static_cast<int64_t>(i), t.levels[i]})
                          .status());
    }
    return ThenBumpAccess(tx_, Status::Ok());
  }

  Result<int64_t> CountLevelUse(const std::string& type, const std::string& level) override {
    ASSIGN_OR_RETURN(auto q, tx_.Query("SELECT COUNT(*) FROM qualifications WHERE type = ? AND level = ?", {type, level}));
    ASSIGN_OR_RETURN(auto c, tx_.Query("SELECT COUNT(*) FROM practitioner_credentials WHERE type = ? AND level = ?",
                                       {type, level}));
    ASSIGN_OR_RETURN(auto r, tx_.Query("SELECT COUNT(*) FROM category_requirements WHERE code = ? AND min_level = ?",
                                       {type, level}));
    return q.at(0).Int(0) + c.at(0).Int(0) + r.at(0).Int(0);
  }

  Result<std::vector<Category>> ListCategories() override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, kind, version FROM categories ORDER BY code"));
    ASSIGN_OR_RETURN(auto reqs, tx_.Query("SELECT category_code, kind, code, min_level, min_count FROM "
                                          "category_requirements ORDER BY category_code, pos"));
    std::map<std::string, std::vector<Requirement>> by_cat;
    for (const Row& r : reqs) {
      ASSIGN_OR_RETURN(Requirement q, RequirementFromRow(r, 1));
      by_cat[r.Text(0)].push_back(std::move(q));
    }
    std::vector<Category> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Category c, CategoryFromRow(r));
      c.requirements = by_cat[c.code];
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::optional<Category>> GetCategory(const std::string& code) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, kind, version FROM categories WHERE code = ?", {code}));
    if (rows.empty()) return std::optional<Category>();
    ASSIGN_OR_RETURN(Category c, CategoryFromRow(rows[0]));
    ASSIGN_OR_RETURN(auto reqs, tx_.Query("SELECT category_code, kind, code, min_level, min_count FROM "
                                          "category_requirements WHERE category_code = ? ORDER BY pos", {code}));
    for (const Row& r : reqs) {
      ASSIGN_OR_RETURN(Requirement q, RequirementFromRow(r, 1));
      c.requirements.push_back(std::move(q));
    }
    return std::optional<Category>(std::move(c));
  }

  Status PutCategory(const Category& c) override {
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM category_requirements WHERE category_code = ?", {c.code}).status());
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM categories WHERE code = ?", {c.code}).status());
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO categories (code, name, kind, version) VALUES (?, ?, ?, ?)",
                             {c.code, c.name, std::string(CategoryKindName(c.kind)), c.version})
                        .status());
    for (size_t i = 0; i < c.requirements.size(); ++i) {
      const Requirement& r = c.requirements[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO category_requirements (category_code, pos, kind, code, min_level, "
                               "min_count) VALUES (?, ?, ?, ?, ?, ?)",
                               {c.code, static_cast<int64_t>(i),
                                std::string(RequirementKindName(r.kind)),
                                r.code, r.min_level, int64_t{r.min_count}})
                          .status());
    }
    return ThenBumpAccess(tx_, Status::Ok());
  }

 private:
  static Result<Category> CategoryFromRow(const Row& r) {
    Category c;
    c.code = r.Text(0);
    c.name = r.Text(1);
    ASSIGN_OR_RETURN(c.kind, StoredEnum(kCategoryKindNames, r.Text(2), "categories.kind"));
    c.version = r.Int(3);
    return c;
  }
  static Result<Requirement> RequirementFromRow(const Row& r, size_t at) {
    Requirement q;
    ASSIGN_OR_RETURN(q.kind, StoredEnum(kRequirementKindNames, r.Text(at), "category_requirements.kind"));
    q.code = r.Text(at + 1);
    q.min_level = r.Text(at + 2);
    q.min_count = static_cast<int>(r.Int(at + 3));
    return q;
  }
  Tx& tx_;
};

// ---- qualifications

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
                    {q.id, q.vendor_id, q.type, q.level, q.certificate_no, q.issuer, D(q.issued_on), D(q.expires_on),
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
  Result<Page<Qualification>> List(const QualificationFilter& f, const PageRequest& page) override {
    // page.after: "<expires_on>|<id>" of the last one returned (soonest expiry first).
    std::string after_date, after_id;
    if (!page.after.empty()) {
      size_t bar = page.after.find('|');
      if (bar == std::string::npos) return Status::FieldInvalid("cursor", "invalid", "not a cursor this server made");
      after_date = page.after.substr(0, bar);
      after_id = page.after.substr(bar + 1);
    }
    std::string before = f.expires_before ? D(*f.expires_before) : "";
    std::string from = f.expires_from ? D(*f.expires_from) : "";
    ASSIGN_OR_RETURN(
        auto rows,
        tx_.Query("SELECT q.id, q.vendor_id, q.type, q.level, q.certificate_no, q.issuer, q.issued_on, q.expires_on, "
                  "q.status, q.status_reason, q.version, v.name FROM qualifications q LEFT JOIN vendors v ON "
                  "v.id = q.vendor_id WHERE (? = '' OR q.vendor_id = ?) AND (? = '' OR q.status = ?) AND "
                  "(? = '' OR q.expires_on < ?) AND (? = '' OR q.expires_on >= ?) AND "
                  "(? = '' OR q.expires_on > ? OR (q.expires_on = ? AND q.id > ?)) ORDER BY q.expires_on, q.id LIMIT ?",
                  {f.vendor_id, f.vendor_id, f.stored_status, f.stored_status, before, before, from, from, after_date,
                   after_date, after_date, after_id, int64_t{page.limit + 1}}));
    Page<Qualification> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
      ASSIGN_OR_RETURN(Qualification q, QualFromRow(rows[i]));
      q.vendor_name = rows[i].Text(11);
      out.items.push_back(std::move(q));
    }
    if (static_cast<int>(rows.size()) > page.limit) out.next = D(out.items.back().expires_on) + "|" + out.items.back().id;
    return out;
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

// ---- practitioners

// With the vendor's name (names next to ids): FROM kPractitionerFrom.
constexpr const char* kPractitionerCols =
    "p.id, p.vendor_id, p.name, p.id_number_masked, p.created_at, p.id_number_hash, p.status, p.departed_on, "
    "p.depart_reason, p.decided_by, p.decided_at, p.decision_comment, p.version, v.name";
constexpr const char* kPractitionerFrom = " FROM practitioners p LEFT JOIN vendors v ON v.id = p.vendor_id";

// The hold a practitioner row should have in state p on `today` (see PractitionerStore::Update).
Value HoldFor(const Practitioner& p, Date today) {
  bool holds = (p.review == PractitionerReview::kPending || p.review == PractitionerReview::kActive) &&
               (!p.departed_on || today < *p.departed_on);
  return holds ? Value{p.id_number_hash} : Value{};
}

class SqlPractitionerStore final : public PractitionerStore {
 public:
  explicit SqlPractitionerStore(Tx& tx) : tx_(tx) {}
  Status Insert(const Practitioner& p) override {
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO practitioners (id, vendor_id, name, id_number_hash, id_number_masked, "
                             "created_at, status, holding_hash, departed_on, depart_reason, decided_by, decided_at, "
                             "decision_comment, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?, ?, ?)",
                             {p.id, p.vendor_id, p.name, p.id_number_hash, p.id_number_masked,
                              common::FormatTimestamp(p.created_at), std::string(PractitionerReviewName(p.review)),
                              HoldFor(p, common::Timestamp{0}.date()) /* new: never departed */, p.decided_by,
                              p.decided_at ? Value{common::FormatTimestamp(*p.decided_at)} : Value{},
                              p.decision_comment, p.version})
                        .status());
    for (size_t i = 0; i < p.credentials.size(); ++i) {
      const Credential& c = p.credentials[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO practitioner_credentials (practitioner_id, pos, type, level, "
                               "certificate_no, issued_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               {p.id, static_cast<int64_t>(i), c.type, c.level, c.certificate_no, D(c.issued_on),
                                c.expires_on ? Value{D(*c.expires_on)} : Value{}})
                          .status());
    }
    return ThenBumpAccess(tx_, Status::Ok());
  }
  Result<std::optional<Practitioner>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kPractitionerCols + kPractitionerFrom + " WHERE p.id = ?",
                                          {id}));
    if (rows.empty()) return std::optional<Practitioner>();
    ASSIGN_OR_RETURN(auto creds, Credentials("WHERE c.practitioner_id = ?", id));
    ASSIGN_OR_RETURN(Practitioner p, FromRow(rows[0]));
    p.credentials = std::move(creds[p.id]);
    return std::optional<Practitioner>(std::move(p));
  }
  Status Update(const Practitioner& p, int64_t expected, Date today) override {
    return ThenBumpAccess(
        tx_, VersionedUpdate(tx_,
                             "UPDATE practitioners SET status = ?, holding_hash = ?, departed_on = ?, depart_reason = ?, "
                             "decided_by = ?, decided_at = ?, decision_comment = ?, version = ? WHERE id = ? AND version = ?",
                             {std::string(PractitionerReviewName(p.review)), HoldFor(p, today), p.departed_on ? Value{D(*p.departed_on)} : Value{},
                              p.depart_reason, p.decided_by,
                              p.decided_at ? Value{common::FormatTimestamp(*p.decided_at)} : Value{},
                              p.decision_comment, expected + 1, p.id, expected},
                             "practitioners", p.id));
  }
  Status ReleaseDeparted(const std::string& id_number_hash, Date today) override {
    return tx_.Exec("UPDATE practitioners SET holding_hash = NULL WHERE holding_hash = ? AND departed_on IS NOT NULL "
                    "AND departed_on <= ?",
                    {id_number_hash, D(today)})
        .status();
  }
  Result<std::vector<Practitioner>> ListByVendor(const std::string& vendor_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kPractitionerCols + kPractitionerFrom +
                                              " WHERE p.vendor_id = ? ORDER BY p.id",
                                          {vendor_id}));
    ASSIGN_OR_RETURN(auto by_p, Credentials("JOIN practitioners p ON p.id = c.practitioner_id WHERE p.vendor_id = ?",
                                            vendor_id));
    std::vector<Practitioner> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Practitioner p, FromRow(r));
      p.credentials = by_p[p.id];
      out.push_back(std::move(p));
    }
    return out;
  }
  Result<Page<Practitioner>> List(const PractitionerFilter& f, const PageRequest& page) override {
    // "departed" is a recorded departure; the other statuses are the review of one not departed.
    bool departed = f.status == "departed";
    std::string review = departed ? "" : f.status;
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kPractitionerCols + kPractitionerFrom +
                                   " WHERE p.id > ? AND (? = '' OR (p.status = ? AND p.departed_on IS NULL)) "
                                   "AND (? = 0 OR p.departed_on IS NOT NULL) ORDER BY p.id LIMIT ?",
                               {page.after, review, review, int64_t{departed ? 1 : 0}, int64_t{page.limit + 1}}));
    Page<Practitioner> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
      ASSIGN_OR_RETURN(Practitioner p, FromRow(rows[i]));
      ASSIGN_OR_RETURN(auto creds, Credentials("WHERE c.practitioner_id = ?", p.id));
      p.credentials = std::move(creds[p.id]);
      out.items.push_back(std::move(p));
    }
    if (static_cast<int>(rows.size()) > page.limit) out.next = out.items.back().id;
    return out;
  }

 private:
  Result<std::map<std::string, std::vector<Credential>>> Credentials(const char* where, const std::string& key) {
    ASSIGN_OR_RETURN(auto creds, tx_.Query(std::string("SELECT c.practitioner_id, c.type, c.level, c.certificate_no, "
                                                       "c.issued_on, c.expires_on FROM practitioner_credentials c ") +
                                               where + " ORDER BY c.practitioner_id, c.pos",
                                           {key}));
    std::map<std::string, std::vector<Credential>> by_p;
    for (const Row& r : creds) {
      Credential c;
      c.type = r.Text(1);
      c.level = r.Text(2);
      c.certificate_no = r.Text(3);
      ASSIGN_OR_RETURN(c.issued_on, ParseStoredDate(r.Text(4)));
      if (!r.IsNull(5)) {
        ASSIGN_OR_RETURN(Date e, ParseStoredDate(r.Text(5)));
        c.expires_on = e;
      }
      by_p[r.Text(0)].push_back(std::move(c));
    }
    return by_p;
  }
  static Result<Practitioner> FromRow(const Row& r) {
    Practitioner p;
    p.id = r.Text(0);
    p.vendor_id = r.Text(1);
    p.name = r.Text(2);
    p.id_number_masked = r.Text(3);
    ASSIGN_OR_RETURN(p.created_at, ParseStoredTime(r.Text(4)));
    p.id_number_hash = r.Text(5);
    ASSIGN_OR_RETURN(p.review, StoredEnum(kPractitionerReviewNames, r.Text(6), "practitioners.status"));
    if (!r.IsNull(7)) {
      ASSIGN_OR_RETURN(Date d, ParseStoredDate(r.Text(7)));
      p.departed_on = d;
    }
    p.depart_reason = r.Text(8);
    p.decided_by = r.Text(9);
    if (!r.IsNull(10)) {
      ASSIGN_OR_RETURN(common::Timestamp t, ParseStoredTime(r.Text(10)));
      p.decided_at = t;
    }
    p.decision_comment = r.Text(11);
    p.version = r.Int(12);
    p.vendor_name = r.Text(13);
    return p;
  }
  Tx& tx_;
};

// ---- applications

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
                              q ? q->certificate_no : "", q ? q->issuer : "", q ? D(q->issued_on) : "",
                              q ? D(q->expires_on) : "", common::FormatTimestamp(a.submitted_at), std::string(),
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
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kAppReadCols + kAppFrom +
                                              " WHERE a.id > ? AND (? = '' OR a.vendor_id = ?) AND "
                                              "(? = '' OR a.status = ?) ORDER BY a.id LIMIT ?",
                                          {page.after, f.vendor_id, f.vendor_id, f.status, f.status,
                                           int64_t{page.limit + 1}}));
    Page<Application> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
      ASSIGN_OR_RETURN(Application a, FromRow(rows[i]));
      out.items.push_back(std::move(a));
    }
    if (static_cast<int>(rows.size()) > page.limit) out.next = out.items.back().id;
    return out;
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

// ---- sanctions

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
                    {s.id, s.vendor_id, std::string(SanctionKindName(s.kind)), s.reason, D(s.starts_on), D(s.ends_on),
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

 private:
  Tx& tx_;
};

// ---- files

class SqlFileStore final : public FileStore {
 public:
  explicit SqlFileStore(Tx& tx) : tx_(tx) {}
  Status Insert(const StoredFile& f) override {
    return tx_.Exec("INSERT INTO files (id, vendor_id, uploaded_by, name, content_type, size, sha256, content, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {f.id, f.vendor_id, f.uploaded_by, f.name, f.content_type, f.size, f.sha256, f.content,
                     common::FormatTimestamp(f.created_at)})
        .status();
  }
  Result<std::optional<StoredFile>> Get(const std::string& id, bool with_content) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(with_content ? "SELECT id, vendor_id, uploaded_by, name, content_type, size, "
                                                         "sha256, created_at, content FROM files WHERE id = ?"
                                                       : "SELECT id, vendor_id, uploaded_by, name, content_type, size, "
                                                         "sha256, created_at FROM files WHERE id = ?",
                                          {id}));
    if (rows.empty()) return std::optional<StoredFile>();
    const Row& r = rows[0];
    StoredFile f;
    f.id = r.Text(0);
    f.vendor_id = r.Text(1);
    f.uploaded_by = r.Text(2);
    f.name = r.Text(3);
    f.content_type = r.Text(4);
    f.size = r.Int(5);
    f.sha256 = r.Text(6);
    ASSIGN_OR_RETURN(f.created_at, ParseStoredTime(r.Text(7)));
    if (with_content) f.content = r.Text(8);
    return std::optional<StoredFile>(std::move(f));
  }

 private:
  Tx& tx_;
};

// ---- catalog

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
    for (const std::string& t : terms) {
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO catalog_terms (term, item_id) VALUES (?, ?)", {t, it.id}).status());
    }
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
                                      max_price, max_price, int64_t{page.limit + 1}}) {
      params.push_back(std::move(v));
    }
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, params));
    Page<CatalogItem> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
      ASSIGN_OR_RETURN(CatalogItem it, ItemFromRow(rows[i]));
      out.items.push_back(std::move(it));
    }
    if (static_cast<int>(rows.size()) > page.limit) out.next = out.items.back().id;
    return out;
  }
  Result<Page<CatalogItem>> List(const ItemFilter& f, const PageRequest& page) override {
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kItemCols + " FROM catalog_items i" + kItemVendor +
                                   " WHERE i.id > ? AND (? = '' OR i.status = ?) AND (? = '' OR i.vendor_id = ?) AND "
                                   "(? = '' OR i.category = ?) ORDER BY i.id LIMIT ?",
                               {page.after, f.status, f.status, f.vendor_id, f.vendor_id, f.category, f.category,
                                int64_t{page.limit + 1}}));
    Page<CatalogItem> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
      ASSIGN_OR_RETURN(CatalogItem it, ItemFromRow(rows[i]));
      out.items.push_back(std::move(it));
    }
    if (static_cast<int>(rows.size()) > page.limit) out.next = out.items.back().id;
    return out;
  }

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<VendorStore> MakeVendorStore(Tx& tx) { return std::make_unique<SqlVendorStore>(tx); }
std::unique_ptr<ReferenceStore> MakeReferenceStore(Tx& tx) { return std::make_unique<SqlReferenceStore>(tx); }
std::unique_ptr<QualificationStore> MakeQualificationStore(Tx& tx) { return std::make_unique<SqlQualificationStore>(tx); }
std::unique_ptr<PractitionerStore> MakePractitionerStore(Tx& tx) { return std::make_unique<SqlPractitionerStore>(tx); }
std::unique_ptr<FileStore> MakeFileStore(Tx& tx) { return std::make_unique<SqlFileStore>(tx); }
std::unique_ptr<ApplicationStore> MakeApplicationStore(Tx& tx) { return std::make_unique<SqlApplicationStore>(tx); }
std::unique_ptr<SanctionStore> MakeSanctionStore(Tx& tx) { return std::make_unique<SqlSanctionStore>(tx); }
std::unique_ptr<CatalogStore> MakeCatalogStore(Tx& tx) { return std::make_unique<SqlCatalogStore>(tx); }

}  // namespace storage
