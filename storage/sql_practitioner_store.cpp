// The SQL PractitionerStore (with their credentials and holds), for both dialects (storage/sql_registry_stores.h).
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
    RETURN_IF_ERROR(InsertCredentials(p));
    return ThenBumpAccess(tx_, Status::Ok());
  }
  Status SetCredentials(const Practitioner& p, int64_t expected) override {
    RETURN_IF_ERROR(VersionedUpdate(tx_, "UPDATE practitioners SET version = ? WHERE id = ? AND version = ?",
                                    {expected + 1, p.id, expected}, "practitioners", p.id));
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM practitioner_credentials WHERE practitioner_id = ?", {p.id}).status());
    RETURN_IF_ERROR(InsertCredentials(p));
    return ThenBumpAccess(tx_, Status::Ok());
  }
  Result<std::vector<Practitioner>> FindHolding(const std::vector<std::string>& hashes) override {
    return ManyWhere("p.holding_hash", hashes);
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
                             {std::string(PractitionerReviewName(p.review)), HoldFor(p, today), p.departed_on ? Value{DateText(*p.departed_on)} : Value{},
                              p.depart_reason, p.decided_by,
                              p.decided_at ? Value{common::FormatTimestamp(*p.decided_at)} : Value{},
                              p.decision_comment, expected + 1, p.id, expected},
                             "practitioners", p.id));
  }
  Status ReleaseDeparted(const std::string& id_number_hash, Date today) override {
    return tx_.Exec("UPDATE practitioners SET holding_hash = NULL WHERE holding_hash = ? AND departed_on IS NOT NULL "
                    "AND departed_on <= ?",
                    {id_number_hash, DateText(today)})
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
  Result<std::vector<Practitioner>> GetMany(const std::vector<std::string>& ids) override { return ManyWhere("p.id", ids); }
  Result<Page<Practitioner>> List(const PractitionerFilter& f, const PageRequest& page) override {
    // "departed" is a recorded departure; the other statuses are the review of one not departed.
    const bool departed = f.status == PractitionerListing::kDeparted;
    const std::string review = !f.status || departed ? ""
                               : f.status == PractitionerListing::kPending ? PractitionerReviewName(PractitionerReview::kPending)
                               : f.status == PractitionerListing::kActive  ? PractitionerReviewName(PractitionerReview::kActive)
                                                                           : PractitionerReviewName(PractitionerReview::kRejected);
    ASSIGN_OR_RETURN(auto rows,
                     tx_.Query(std::string("SELECT ") + kPractitionerCols + kPractitionerFrom +
                                   " WHERE p.id > ? AND (? = '' OR (p.status = ? AND p.departed_on IS NULL)) "
                                   "AND (? = 0 OR p.departed_on IS NOT NULL) ORDER BY p.id LIMIT ?",
                               {page.after, review, review, int64_t{departed ? 1 : 0}, FetchLimit(page)}));
    return PageOf<Practitioner>(rows, page, [&](const Row& row) -> Result<Practitioner> {
      ASSIGN_OR_RETURN(Practitioner p, FromRow(row));
      ASSIGN_OR_RETURN(auto creds, Credentials("WHERE c.practitioner_id = ?", p.id));
      p.credentials = std::move(creds[p.id]);
      return p;
    });
  }

 private:
  // The practitioners whose `column` is one of `keys`, with their credentials (two statements per 500 keys).
  Result<std::vector<Practitioner>> ManyWhere(const std::string& column, const std::vector<std::string>& keys) {
    std::vector<Practitioner> out;
    std::vector<std::string> ids;
    RETURN_IF_ERROR(QueryIn(tx_, std::string("SELECT ") + kPractitionerCols + kPractitionerFrom + " WHERE " + column, "", keys,
                            [&](const Row& r) -> Status {
                              ASSIGN_OR_RETURN(Practitioner p, FromRow(r));
                              ids.push_back(p.id);
                              out.push_back(std::move(p));
                              return Status::Ok();
                            }));
    std::map<std::string, std::vector<Credential>> by_p;
    RETURN_IF_ERROR(QueryIn(tx_, std::string(kCredentialSelect) + "WHERE c.practitioner_id", " ORDER BY c.practitioner_id, c.pos", ids,
                            [&](const Row& r) { return AddCredential(r, &by_p); }));
    for (Practitioner& p : out) p.credentials = std::move(by_p[p.id]);
    return out;
  }
  Status InsertCredentials(const Practitioner& p) {
    for (size_t i = 0; i < p.credentials.size(); ++i) {
      const Credential& c = p.credentials[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO practitioner_credentials (practitioner_id, pos, type, level, "
                               "certificate_no, issued_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               {p.id, static_cast<int64_t>(i), c.type, c.level, c.certificate_no, DateText(c.issued_on),
                                c.expires_on ? Value{DateText(*c.expires_on)} : Value{}})
                          .status());
    }
    return Status::Ok();
  }
  static constexpr const char* kCredentialSelect =
      "SELECT c.practitioner_id, c.type, c.level, c.certificate_no, c.issued_on, c.expires_on FROM practitioner_credentials c ";
  static Status AddCredential(const Row& r, std::map<std::string, std::vector<Credential>>* by_p) {
    Credential c;
    c.type = r.Text(1);
    c.level = r.Text(2);
    c.certificate_no = r.Text(3);
    ASSIGN_OR_RETURN(c.issued_on, ParseStoredDate(r.Text(4)));
    if (!r.IsNull(5)) {
      ASSIGN_OR_RETURN(Date e, ParseStoredDate(r.Text(5)));
      c.expires_on = e;
    }
    (*by_p)[r.Text(0)].push_back(std::move(c));
    return Status::Ok();
  }
  Result<std::map<std::string, std::vector<Credential>>> Credentials(const char* where, const std::string& key) {
    ASSIGN_OR_RETURN(auto creds, tx_.Query(std::string(kCredentialSelect) + where + " ORDER BY c.practitioner_id, c.pos", {key}));
    std::map<std::string, std::vector<Credential>> by_p;
    for (const Row& r : creds) RETURN_IF_ERROR(AddCredential(r, &by_p));
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

}  // namespace

std::unique_ptr<PractitionerStore> MakePractitionerStore(Tx& tx) { return std::make_unique<SqlPractitionerStore>(tx); }

}  // namespace storage
