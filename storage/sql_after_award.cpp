#include "storage/sql_after_award.h"

#include <nlohmann/json.hpp>

#include "storage/sql_page.h"
#include "storage/sql_rows.h"
#include "storage/stored.h"

namespace storage::after_award {
namespace {

using common::Date;
using common::Result;
using common::Status;
using common::Timestamp;
using namespace procurement;

std::string T(Timestamp t) { return common::FormatTimestamp(t); }
Value OptT(const std::optional<Timestamp>& t) { return t ? Value{T(*t)} : Value{}; }
Value OptText(const std::string& s) { return s.empty() ? Value{} : Value{s}; }
Value OptRemedy(const std::optional<Remedy>& r) { return r ? Value{std::string(RemedyName(*r))} : Value{}; }

Result<std::optional<Timestamp>> OptTime(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::optional<Timestamp>();
  ASSIGN_OR_RETURN(Timestamp t, ParseStoredTime(r.Text(i)));
  return std::optional<Timestamp>(t);
}
Result<std::optional<Remedy>> OptRemedyAt(const Row& r, size_t i, const char* column) {
  if (r.IsNull(i)) return std::optional<Remedy>();
  ASSIGN_OR_RETURN(Remedy v, StoredEnum(kRemedyNames, r.Text(i), column));
  return std::optional<Remedy>(v);
}

std::string DateList(const std::vector<Date>& days) {
  nlohmann::json j = nlohmann::json::array();
  for (Date d : days) j.push_back(DateText(d));
  return j.dump();
}
Result<std::vector<Date>> ParseDateList(const std::string& s) {
  auto j = nlohmann::json::parse(s, nullptr, false);
  if (!j.is_array()) return Status::Internal("a stored calendar's days are not a JSON array");
  std::vector<Date> out;
  for (const auto& e : j) {
    if (!e.is_string()) return Status::Internal("a stored calendar holds a day that is not text");
    ASSIGN_OR_RETURN(Date d, ParseStoredDate(e.get<std::string>()));
    out.push_back(d);
  }
  return out;
}

// Challenges as read, with the vendor's name, the tender's title and the complaint's id.
constexpr const char* kChallengeSelect =
    "SELECT c.id, c.tender_id, c.vendor_id, c.challenger, c.grounds, c.evidence, c.notice_published_at, c.status, "
    "c.answer_due_on, c.answer, c.remedy, c.answered_by, c.answered_at, c.created_at, c.version, v.name, t.title, "
    "p.id FROM challenges c LEFT JOIN vendors v ON v.id = c.vendor_id LEFT JOIN tenders t ON t.id = c.tender_id "
    "LEFT JOIN complaints p ON p.challenge_id = c.id";

Result<Challenge> ChallengeFromRow(const Row& r) {
  Challenge c;
  c.id = r.Text(0);
  c.tender_id = r.Text(1);
  c.vendor_id = r.Text(2);
  c.challenger = r.Text(3);
  c.grounds = r.Text(4);
  c.evidence = r.Text(5);
  ASSIGN_OR_RETURN(c.notice_published_at, ParseStoredTime(r.Text(6)));
  ASSIGN_OR_RETURN(c.status, StoredEnum(kRulingNames, r.Text(7), "challenges.status"));
  ASSIGN_OR_RETURN(c.answer_due_on, ParseStoredDate(r.Text(8)));
  c.answer = r.IsNull(9) ? "" : r.Text(9);
  ASSIGN_OR_RETURN(c.remedy, OptRemedyAt(r, 10, "challenges.remedy"));
  c.answered_by = r.IsNull(11) ? "" : r.Text(11);
  ASSIGN_OR_RETURN(c.answered_at, OptTime(r, 12));
  ASSIGN_OR_RETURN(c.created_at, ParseStoredTime(r.Text(13)));
  c.version = r.Int(14);
  c.vendor_name = r.IsNull(15) ? "" : r.Text(15);
  c.tender_title = r.IsNull(16) ? "" : r.Text(16);
  c.complaint_id = r.IsNull(17) ? "" : r.Text(17);
  return c;
}

constexpr const char* kComplaintSelect =
    "SELECT p.id, p.challenge_id, p.tender_id, p.vendor_id, p.complainant, p.grounds, p.status, p.decision_due_on, "
    "p.reason, p.remedy, p.decided_by, p.decided_at, p.created_at, p.version, v.name, t.title "
    "FROM complaints p LEFT JOIN vendors v ON v.id = p.vendor_id LEFT JOIN tenders t ON t.id = p.tender_id";

Result<Complaint> ComplaintFromRow(const Row& r) {
  Complaint c;
  c.id = r.Text(0);
  c.challenge_id = r.Text(1);
  c.tender_id = r.Text(2);
  c.vendor_id = r.Text(3);
  c.complainant = r.Text(4);
  c.grounds = r.Text(5);
  ASSIGN_OR_RETURN(c.status, StoredEnum(kRulingNames, r.Text(6), "complaints.status"));
  ASSIGN_OR_RETURN(c.decision_due_on, ParseStoredDate(r.Text(7)));
  c.reason = r.IsNull(8) ? "" : r.Text(8);
  ASSIGN_OR_RETURN(c.remedy, OptRemedyAt(r, 9, "complaints.remedy"));
  c.decided_by = r.IsNull(10) ? "" : r.Text(10);
  ASSIGN_OR_RETURN(c.decided_at, OptTime(r, 11));
  ASSIGN_OR_RETURN(c.created_at, ParseStoredTime(r.Text(12)));
  c.version = r.Int(13);
  c.vendor_name = r.IsNull(14) ? "" : r.Text(14);
  c.tender_title = r.IsNull(15) ? "" : r.Text(15);
  return c;
}

// The tenders an officer runs: its own and those it was added to.
constexpr const char* kRunBy =
    "(t.created_by = ? OR EXISTS (SELECT 1 FROM tender_officers o WHERE o.tender_id = t.id AND o.account_id = ?))";

}  // namespace

Status LockTender(Tx& tx, const std::string& id) {
  if (tx.dialect() != Dialect::kMysql) return Status::Ok();
  return tx.Query("SELECT id FROM tenders WHERE id = ? FOR UPDATE", {id}).status();
}

Result<std::vector<CalendarRecord>> GetCalendars(Tx& tx, int from_year, int to_year) {
  std::vector<Value> years;
  std::string in;
  for (int y = from_year; y <= to_year; ++y) {
    in += in.empty() ? "?" : ", ?";
    years.emplace_back(std::to_string(y));
  }
  std::vector<CalendarRecord> out;
  if (years.empty()) return out;
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, holidays, workdays, updated_by, updated_at, version FROM calendars "
                                       "WHERE id IN (" + in + ") ORDER BY id",
                                       years));
  for (const Row& r : rows) {
    CalendarRecord c;
    c.days.year = std::stoi(r.Text(0));
    ASSIGN_OR_RETURN(c.days.holidays, ParseDateList(r.Text(1)));
    ASSIGN_OR_RETURN(c.days.workdays, ParseDateList(r.Text(2)));
    c.updated_by = r.Text(3);
    ASSIGN_OR_RETURN(Timestamp at, ParseStoredTime(r.Text(4)));
    c.updated_at = at;
    c.version = r.Int(5);
    out.push_back(std::move(c));
  }
  return out;
}

Status PutCalendar(Tx& tx, const CalendarRecord& c, int64_t expected_version) {
  const std::string id = std::to_string(c.days.year);
  const Value at = OptT(c.updated_at);
  if (expected_version == 0) {
    return tx.Exec("INSERT INTO calendars (id, holidays, workdays, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?)",
                   {id, DateList(c.days.holidays), DateList(c.days.workdays), c.updated_by, at, c.version})
        .status();
  }
  return VersionedUpdate(tx, "UPDATE calendars SET holidays = ?, workdays = ?, updated_by = ?, updated_at = ?, version = ? "
                             "WHERE id = ? AND version = ?",
                         {DateList(c.days.holidays), DateList(c.days.workdays), c.updated_by, at, c.version, id,
                          expected_version},
                         "calendars", id);
}

Status InsertChallenge(Tx& tx, const Challenge& c) {
  return tx.Exec("INSERT INTO challenges (id, tender_id, vendor_id, challenger, grounds, evidence, notice_published_at, "
                 "status, answer_due_on, answer, remedy, answered_by, answered_at, created_at, version) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {c.id, c.tender_id, c.vendor_id, c.challenger, c.grounds, c.evidence, T(c.notice_published_at),
                  std::string(RulingName(c.status)), DateText(c.answer_due_on), OptText(c.answer), OptRemedy(c.remedy),
                  OptText(c.answered_by), OptT(c.answered_at), T(c.created_at), c.version})
      .status();
}

Result<std::optional<Challenge>> GetChallenge(Tx& tx, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kChallengeSelect) + " WHERE c.id = ?", {id}));
  if (rows.empty()) return std::optional<Challenge>();
  ASSIGN_OR_RETURN(Challenge c, ChallengeFromRow(rows[0]));
  return std::optional<Challenge>(std::move(c));
}

Result<std::vector<Challenge>> ListChallenges(Tx& tx, const std::string& tender_id, const std::string& vendor_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kChallengeSelect) +
                                           " WHERE c.tender_id = ? AND (? = '' OR c.vendor_id = ?) ORDER BY c.created_at, c.id",
                                       {tender_id, vendor_id, vendor_id}));
  std::vector<Challenge> out;
  for (const Row& r : rows) {
    ASSIGN_OR_RETURN(Challenge c, ChallengeFromRow(r));
    out.push_back(std::move(c));
  }
  return out;
}

Status AnswerChallenge(Tx& tx, const Challenge& c, int64_t expected_version) {
  return VersionedUpdate(tx, "UPDATE challenges SET status = ?, answer = ?, remedy = ?, answered_by = ?, answered_at = ?, "
                             "version = ? WHERE id = ? AND version = ?",
                         {std::string(RulingName(c.status)), OptText(c.answer), OptRemedy(c.remedy), OptText(c.answered_by),
                          OptT(c.answered_at), c.version, c.id, expected_version},
                         "challenges", c.id);
}

Status InsertComplaint(Tx& tx, const Complaint& c) {
  return tx.Exec("INSERT INTO complaints (id, challenge_id, tender_id, vendor_id, complainant, grounds, status, "
                 "decision_due_on, reason, remedy, decided_by, decided_at, created_at, version) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {c.id, c.challenge_id, c.tender_id, c.vendor_id, c.complainant, c.grounds, std::string(RulingName(c.status)),
                  DateText(c.decision_due_on), OptText(c.reason), OptRemedy(c.remedy), OptText(c.decided_by),
                  OptT(c.decided_at), T(c.created_at), c.version})
      .status();
}

Result<std::optional<Complaint>> GetComplaint(Tx& tx, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kComplaintSelect) + " WHERE p.id = ?", {id}));
  if (rows.empty()) return std::optional<Complaint>();
  ASSIGN_OR_RETURN(Complaint c, ComplaintFromRow(rows[0]));
  return std::optional<Complaint>(std::move(c));
}

Result<registry::Page<Complaint>> ListComplaints(Tx& tx, std::optional<Ruling> status, const std::string& vendor_id,
                                                 const registry::PageRequest& page) {
  const std::string s = status ? RulingName(*status) : "";
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kComplaintSelect) +
                                           " WHERE p.id > ? AND (? = '' OR p.status = ?) AND (? = '' OR p.vendor_id = ?) "
                                           "ORDER BY p.id LIMIT ?",
                                       {page.after, s, s, vendor_id, vendor_id, FetchLimit(page)}));
  return PageOf<Complaint>(rows, page, ComplaintFromRow);
}

Status DecideComplaint(Tx& tx, const Complaint& c, int64_t expected_version) {
  return VersionedUpdate(tx, "UPDATE complaints SET status = ?, reason = ?, remedy = ?, decided_by = ?, decided_at = ?, "
                             "version = ? WHERE id = ? AND version = ?",
                         {std::string(RulingName(c.status)), OptText(c.reason), OptRemedy(c.remedy), OptText(c.decided_by),
                          OptT(c.decided_at), c.version, c.id, expected_version},
                         "complaints", c.id);
}

Result<std::pair<int, int>> CountOpen(Tx& tx, const std::string& tender_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT (SELECT COUNT(*) FROM challenges WHERE tender_id = ? AND status = 'submitted'), "
                                       "(SELECT COUNT(*) FROM complaints WHERE tender_id = ? AND status = 'submitted')",
                                       {tender_id, tender_id}));
  return std::make_pair(static_cast<int>(rows[0].Int(0)), static_cast<int>(rows[0].Int(1)));
}

Status SetAsideEvaluation(Tx& tx, const std::string& tender_id, Timestamp at, const std::string& by) {
  ASSIGN_OR_RETURN(auto cur, tx.Query("SELECT report, inputs, created_at FROM evaluations WHERE tender_id = ?", {tender_id}));
  if (cur.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto n, tx.Query("SELECT COUNT(*) FROM earlier_evaluations WHERE tender_id = ?", {tender_id}));
  RETURN_IF_ERROR(tx.Exec("INSERT INTO earlier_evaluations (tender_id, round, report, inputs, created_at, set_aside_at, "
                          "set_aside_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          {tender_id, n[0].Int(0) + 1, cur[0].Text(0), cur[0].Text(1), cur[0].Text(2), T(at), by})
                      .status());
  return tx.Exec("DELETE FROM evaluations WHERE tender_id = ?", {tender_id}).status();
}

Result<std::vector<EvaluationRound>> ListEvaluations(Tx& tx, const std::string& tender_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT round, report, created_at, set_aside_at, set_aside_by FROM earlier_evaluations "
                                       "WHERE tender_id = ? ORDER BY round",
                                       {tender_id}));
  std::vector<EvaluationRound> out;
  for (const Row& r : rows) {
    EvaluationRound e;
    e.round = static_cast<int>(r.Int(0));
    e.report = r.Text(1);
    ASSIGN_OR_RETURN(e.created_at, ParseStoredTime(r.Text(2)));
    ASSIGN_OR_RETURN(e.set_aside_at, OptTime(r, 3));
    e.set_aside_by = r.Text(4);
    out.push_back(std::move(e));
  }
  ASSIGN_OR_RETURN(auto cur, tx.Query("SELECT report, created_at FROM evaluations WHERE tender_id = ?", {tender_id}));
  if (!cur.empty()) {
    EvaluationRound e;
    e.round = static_cast<int>(out.size()) + 1;
    e.report = cur[0].Text(0);
    ASSIGN_OR_RETURN(e.created_at, ParseStoredTime(cur[0].Text(1)));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<Deadline>> ListDeadlines(Tx& tx, const DeadlineScope& scope, std::optional<Date> before) {
  // A date bound as text compares as a date (YYYY-MM-DD); "9999-12-31" when unbounded.
  const std::string until = before ? DateText(*before) : "9999-12-31";
  const std::string& of = scope.officer;
  const std::string& vendor = scope.vendor_id;
  std::vector<Deadline> out;
  auto dated = [&](DeadlineKind kind, const std::string& sql, const std::vector<Value>& params) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    for (const Row& r : rows) {
      Deadline d;
      d.kind = kind;
      ASSIGN_OR_RETURN(d.due_on, ParseStoredDate(r.Text(0)));
      d.tender_id = r.Text(1);
      d.tender_title = r.Text(2);
      d.ref_id = r.IsNull(3) ? "" : r.Text(3);
      out.push_back(std::move(d));
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(dated(DeadlineKind::kChallengeAnswer,
                        std::string("SELECT c.answer_due_on, t.id, t.title, c.id FROM challenges c JOIN tenders t ON "
                                    "t.id = c.tender_id WHERE c.status = 'submitted' AND c.answer_due_on <= ? AND "
                                    "(? = '' OR ") + kRunBy + ") AND (? = '' OR c.vendor_id = ?)",
                        {until, of, of, of, vendor, vendor}));
  if (scope.complaints) {
    RETURN_IF_ERROR(dated(DeadlineKind::kComplaintDecision,
                          "SELECT p.decision_due_on, t.id, t.title, p.id FROM complaints p JOIN tenders t ON "
                          "t.id = p.tender_id WHERE p.status = 'submitted' AND p.decision_due_on <= ? AND "
                          "(? = '' OR p.vendor_id = ?)",
                          {until, vendor, vendor}));
  }
  if (!vendor.empty()) return out;
  RETURN_IF_ERROR(dated(DeadlineKind::kContract,
                        std::string("SELECT t.contract_due_on, t.id, t.title, NULL FROM tenders t WHERE "
                                    "t.status = 'awarded' AND t.contract_due_on <= ? AND (? = '' OR ") + kRunBy + ")",
                        {until, of, of, of}));
  // Reveal windows: due_at is the opening and due_on unset here; the service adds the window
  // (procurement RevealWindowEnd) and applies `before`.
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT t.opened_at, t.id, t.title, t.reveal_hours FROM tenders t WHERE "
                                                   "t.status = 'opened' AND t.sealing = 'commit_reveal' AND "
                                                   "t.opened_at IS NOT NULL AND t.reveal_closed_at IS NULL AND (? = '' OR ") +
                                           kRunBy + ")",
                                       {of, of, of}));
  for (const Row& r : rows) {
    Deadline d;
    d.kind = DeadlineKind::kRevealWindow;
    ASSIGN_OR_RETURN(d.due_at, ParseStoredTime(r.Text(0)));
    d.tender_id = r.Text(1);
    d.tender_title = r.Text(2);
    d.reveal_hours = static_cast<int>(r.Int(3));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace storage::after_award
