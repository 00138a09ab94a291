// SQL implementation of procurement::TenderStore for both dialects.
#include <map>

#include <nlohmann/json.hpp>

#include "codec/report_json.h"
#include "common/text.h"
#include "storage/sql_after_award.h"
#include "storage/sql_page.h"
#include "storage/sql_rows.h"
#include "storage/stored.h"
#include "storage/sql_tender_store.h"

namespace storage {
namespace {

using common::Result;
using common::Status;
using namespace procurement;

std::string T(common::Timestamp t) { return common::FormatTimestamp(t); }

Result<common::Timestamp> ParseT(const std::string& s) {
  auto t = common::ParseTimestamp(s);
  if (!t.ok()) return Status::Internal("a stored timestamp does not parse");
  return *t;
}

constexpr const char* kTenderCols =
    "id, title, category, budget, method, price_weight, min_valid_bids, domestic_tie_preference, domestic_deduction, "
    "sme_deduction, tie_tolerance, expert_aggregation, abnormally_low_pct, bid_deadline, opening_at, status, "
    "created_by, created_at, status_reason, awarded_bid_id, version, sealing, amendment_notice_days, reveal_hours, "
    "committee_size, opened_at, reveal_closed_at";
// Written by Update only (schema 016): the award notice and the contract.
constexpr const char* kTenderLateCols =
    "award_published_at, challenge_period_ends_on, contract_due_on, contract_signed_on, contract_amount, contract_by, "
    "contract_at";

constexpr const char* kBidCols =
    "id, tender_id, vendor_id, price, domestic_claimed, domestic, items, note, salt, digest, submitted_at, reviewed, "
    "eligible, sme, review_reasons, version, status, withdrawn_at, commitment, price_text, nonce, revealed_at";

Value OptT(const std::optional<common::Timestamp>& t) { return t ? Value{T(*t)} : Value{}; }
Value OptText(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

Result<std::optional<common::Timestamp>> ParseOptT(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::optional<common::Timestamp>();
  ASSIGN_OR_RETURN(common::Timestamp t, ParseT(r.Text(i)));
  return std::optional<common::Timestamp>(t);
}

// A JSON array of strings as stored (expert profiles), and back.
std::string JsonList(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }
Result<std::vector<std::string>> ParseJsonList(const std::string& s, const char* what) {
  auto j = nlohmann::json::parse(s, nullptr, false);
  if (!j.is_array()) return Status::Internal(std::string("a stored ") + what + " is not a JSON array");
  std::vector<std::string> out;
  for (const auto& e : j) {
    if (!e.is_string()) return Status::Internal(std::string("a stored ") + what + " holds a non-string");
    out.push_back(e.get<std::string>());
  }
  return out;
}

std::string JoinItems(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> SplitItems(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;  // no items (not one empty one)
  for (std::string_view item : common::Split(s, ',')) out.emplace_back(item);
  return out;
}

// Bids as lists read them, with the vendor's name and the tender's title (names next to ids).
constexpr const char* kBidNamedCols =
    "b.id, b.tender_id, b.vendor_id, b.price, b.domestic_claimed, b.domestic, b.items, b.note, b.salt, b.digest, "
    "b.submitted_at, b.reviewed, b.eligible, b.sme, b.review_reasons, b.version, b.status, b.withdrawn_at, "
    "b.commitment, b.price_text, b.nonce, b.revealed_at, v.name, t.title";
constexpr const char* kBidNamedFrom =
    " FROM bids b LEFT JOIN vendors v ON v.id = b.vendor_id LEFT JOIN tenders t ON t.id = b.tender_id";

Result<Bid> BidFromRow(const Row& r) {
  Bid b;
  b.id = r.Text(0);
  b.tender_id = r.Text(1);
  b.vendor_id = r.Text(2);
  b.price = common::Money{r.Int(3)};
  b.domestic_claimed = r.Int(4) != 0;
  b.domestic = r.Int(5) != 0;
  b.items = SplitItems(r.Text(6));
  b.note = r.Text(7);
  b.salt = r.Text(8);
  b.digest = r.Text(9);
  ASSIGN_OR_RETURN(b.submitted_at, ParseT(r.Text(10)));
  b.reviewed = r.Int(11) != 0;
  b.eligible = r.Int(12) != 0;
  b.sme = r.Int(13) != 0;
  b.review_reasons = r.Text(14);
  b.version = r.Int(15);
  ASSIGN_OR_RETURN(b.status, StoredEnum(kBidStatusNames, r.Text(16), "bids.status"));
  if (!r.IsNull(17)) {
    ASSIGN_OR_RETURN(common::Timestamp at, ParseT(r.Text(17)));
    b.withdrawn_at = at;
  }
  b.commitment = r.IsNull(18) ? "" : r.Text(18);
  b.price_text = r.IsNull(19) ? "" : r.Text(19);
  b.nonce = r.IsNull(20) ? "" : r.Text(20);
  ASSIGN_OR_RETURN(b.revealed_at, ParseOptT(r, 21));
  if (r.size() > 23) {
    b.vendor_name = r.Text(22);
    b.tender_title = r.Text(23);
  }
  return b;
}

// A clarification's changes as stored: a JSON object of the terms it changed, as asked.
std::string ChangesText(const TermChanges& c) {
  nlohmann::json j = nlohmann::json::object();
  if (c.bid_deadline) j["bid_deadline"] = T(*c.bid_deadline);
  if (c.opening_at) j["opening_at"] = T(*c.opening_at);
  if (c.budget) j["budget"] = c.budget->fen;
  if (c.requirements) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : *c.requirements) {
      list.push_back({{"kind", registry::RequirementKindName(r.kind)}, {"code", r.code}, {"min_level", r.min_level},
                      {"min_count", r.min_count}});
    }
    j["requirements"] = list;
  }
  return j.dump();
}

Result<TermChanges> ParseChanges(const std::string& text) {
  const Status bad = Status::Internal("a stored clarification's changes do not parse");
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return bad;
  TermChanges c;
  try {
    if (j.contains("bid_deadline")) {
      ASSIGN_OR_RETURN(c.bid_deadline, ParseT(j["bid_deadline"].get<std::string>()));
    }
    if (j.contains("opening_at")) {
      ASSIGN_OR_RETURN(c.opening_at, ParseT(j["opening_at"].get<std::string>()));
    }
    if (j.contains("budget")) c.budget = common::Money{j["budget"].get<int64_t>()};
    if (j.contains("requirements")) {
      c.requirements.emplace();
      for (const auto& r : j["requirements"]) {
        registry::Requirement req;
        ASSIGN_OR_RETURN(req.kind, StoredEnum(registry::kRequirementKindNames, r.at("kind").get<std::string>(),
                                              "clarifications.changes"));
        req.code = r.at("code").get<std::string>();
        req.min_level = r.at("min_level").get<std::string>();
        req.min_count = r.at("min_count").get<int>();
        c.requirements->push_back(std::move(req));
      }
    }
  } catch (const nlohmann::json::exception&) {
    return bad;
  }
  return c;
}

class SqlTenderStore final : public TenderStore {
 public:
  explicit SqlTenderStore(Tx& tx) : tx_(tx) {}

  Status Insert(const Tender& t) override {
    const Policies& p = t.policies;
    RETURN_IF_ERROR(tx_.Exec(std::string("INSERT INTO tenders (") + kTenderCols +
                                 ", project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {t.id, t.title, t.category, t.budget.fen, std::string(MethodName(t.method)), t.price_weight,
                              int64_t{t.min_valid_bids}, int64_t{p.domestic_tie_preference}, p.domestic_price_deduction,
                              p.sme_price_deduction, p.tie_tolerance,
                              std::string(AggregationName(p.expert_aggregation)),
                              p.abnormally_low_pct, T(t.bid_deadline), t.opening_at ? T(*t.opening_at) : std::string(),
                              std::string(TenderStatusName(t.status)), t.created_by, T(t.created_at), t.status_reason,
                              t.awarded_bid_id, t.version, std::string(SealingName(t.procedure.sealing)),
                              int64_t{t.procedure.amendment_notice_days}, int64_t{t.procedure.reveal_hours},
                              int64_t{t.procedure.committee_size}, OptT(t.opened_at), OptT(t.reveal_closed_at),
                              OptText(t.project_id)})
                        .status());
    return InsertRequirements(t.id, t.requirements);
  }

  Status InsertRequirements(const std::string& tender_id, const std::vector<registry::Requirement>& reqs) {
    for (size_t i = 0; i < reqs.size(); ++i) {
      const auto& r = reqs[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO tender_requirements (tender_id, pos, kind, code, min_level, min_count) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               {tender_id, static_cast<int64_t>(i), std::string(registry::RequirementKindName(r.kind)),
                                r.code, r.min_level, int64_t{r.min_count}})
                          .status());
    }
    return Status::Ok();
  }

  Status ReplaceRequirements(const std::string& tender_id, const std::vector<registry::Requirement>& reqs) override {
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM tender_requirements WHERE tender_id = ?", {tender_id}).status());
    return InsertRequirements(tender_id, reqs);
  }

  Result<std::optional<Tender>> Get(const std::string& id) override {
    // The committee's existence comes in the same statement (lists read every tender this way).
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kTenderCols + ", " + kTenderLateCols +
                                              ", (SELECT COUNT(*) FROM committees c WHERE c.id = tenders.id), project_id "
                                              "FROM tenders WHERE id = ?",
                                          {id}));
    if (rows.empty()) return std::optional<Tender>();
    const Row& r = rows[0];
    Tender t;
    t.id = r.Text(0);
    t.title = r.Text(1);
    t.category = r.Text(2);
    t.budget = common::Money{r.Int(3)};
    ASSIGN_OR_RETURN(t.method, StoredEnum(kMethodNames, r.Text(4), "tenders.method"));
    t.price_weight = r.Int(5);
    t.min_valid_bids = static_cast<int>(r.Int(6));
    t.policies.domestic_tie_preference = r.Int(7) != 0;
    t.policies.domestic_price_deduction = r.Int(8);
    t.policies.sme_price_deduction = r.Int(9);
    t.policies.tie_tolerance = r.Int(10);
    ASSIGN_OR_RETURN(t.policies.expert_aggregation, StoredEnum(kAggregationNames, r.Text(11), "tenders.expert_aggregation"));
    t.policies.abnormally_low_pct = r.Int(12);
    ASSIGN_OR_RETURN(t.bid_deadline, ParseT(r.Text(13)));
    if (!r.Text(14).empty()) {
      ASSIGN_OR_RETURN(common::Timestamp o, ParseT(r.Text(14)));
      t.opening_at = o;
    }
    ASSIGN_OR_RETURN(t.status, StoredEnum(kTenderStatusNames, r.Text(15), "tenders.status"));
    t.created_by = r.Text(16);
    ASSIGN_OR_RETURN(t.created_at, ParseT(r.Text(17)));
    t.status_reason = r.Text(18);
    t.awarded_bid_id = r.Text(19);
    t.version = r.Int(20);
    ASSIGN_OR_RETURN(t.procedure.sealing, StoredEnum(kSealingNames, r.Text(21), "tenders.sealing"));
    t.procedure.amendment_notice_days = static_cast<int>(r.Int(22));
    t.procedure.reveal_hours = static_cast<int>(r.Int(23));
    t.procedure.committee_size = static_cast<int>(r.Int(24));
    ASSIGN_OR_RETURN(t.opened_at, ParseOptT(r, 25));
    ASSIGN_OR_RETURN(t.reveal_closed_at, ParseOptT(r, 26));
    ASSIGN_OR_RETURN(t.award_published_at, ParseOptT(r, 27));
    if (!r.IsNull(28)) {
      ASSIGN_OR_RETURN(t.challenge_period_ends_on, ParseStoredDate(r.Text(28)));
    }
    if (!r.IsNull(29)) {
      ASSIGN_OR_RETURN(t.contract_due_on, ParseStoredDate(r.Text(29)));
    }
    if (!r.IsNull(30)) {
      ContractRecord c;
      ASSIGN_OR_RETURN(c.signed_on, ParseStoredDate(r.Text(30)));
      c.amount = common::Money{r.Int(31)};
      c.recorded_by = r.Text(32);
      ASSIGN_OR_RETURN(c.recorded_at, ParseT(r.Text(33)));
      t.contract = c;
    }
    t.committee_drawn = r.Int(34) > 0;
    t.project_id = r.IsNull(35) ? "" : r.Text(35);
    ASSIGN_OR_RETURN(auto owner, tx_.Query("SELECT name FROM accounts WHERE id = ?", {t.created_by}));
    if (!owner.empty()) t.owner_name = owner[0].Text(0);
    ASSIGN_OR_RETURN(auto reqs, tx_.Query("SELECT kind, code, min_level, min_count FROM tender_requirements "
                                          "WHERE tender_id = ? ORDER BY pos", {id}));
    for (const Row& q : reqs) {
      registry::Requirement req;
      ASSIGN_OR_RETURN(req.kind, StoredEnum(registry::kRequirementKindNames, q.Text(0), "tender_requirements.kind"));
      req.code = q.Text(1);
      req.min_level = q.Text(2);
      req.min_count = static_cast<int>(q.Int(3));
      t.requirements.push_back(req);
    }
    return std::optional<Tender>(std::move(t));
  }

  Result<registry::Page<Tender>> List(std::optional<TenderStatus> filter, const registry::PageRequest& page,
                                      bool include_drafts) override {
    const std::string status = filter ? TenderStatusName(*filter) : "";
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT id FROM tenders WHERE id > ? AND (? = '' OR status = ?) AND "
                                          "(? = 1 OR status <> 'draft') ORDER BY id LIMIT ?",
                                          {page.after, status, status, int64_t{include_drafts ? 1 : 0},
                                           FetchLimit(page)}));
    return PageOf<Tender>(rows, page, [&](const Row& row) -> Result<Tender> {
      ASSIGN_OR_RETURN(auto t, Get(row.Text(0)));
      if (!t) return Status::Internal("a listed tender is missing in the same transaction");
      return std::move(*t);
    });
  }

  Status AddOfficer(const std::string& tender_id, const std::string& account_id, const std::string& added_by,
                    common::Timestamp at) override {
    return tx_.Exec("INSERT INTO tender_officers (tender_id, account_id, added_by, added_at) VALUES (?, ?, ?, ?)",
                    {tender_id, account_id, added_by, common::FormatTimestamp(at)})
        .status();
  }

  Result<bool> IsOfficer(const std::string& tender_id, const std::string& account_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT 1 FROM tender_officers WHERE tender_id = ? AND account_id = ?",
                                          {tender_id, account_id}));
    return !rows.empty();
  }

  Result<std::vector<std::string>> ListOfficers(const std::string& tender_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT account_id FROM tender_officers WHERE tender_id = ? "
                                          "ORDER BY added_at, account_id",
                                          {tender_id}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
  }

  Result<PolicyLimits> GetPolicyLimits() override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT min_valid_bids_min, domestic_price_deduction_max, sme_price_deduction_max, "
                                          "updated_by, updated_at, version, amendment_notice_days_default FROM policy_limits WHERE id = 1"));
    if (rows.empty()) return Status::Internal("the policy limits row is missing");
    const Row& r = rows[0];
    PolicyLimits l;
    l.min_valid_bids_min = static_cast<int>(r.Int(0));
    l.domestic_price_deduction_max = r.Int(1);
    l.sme_price_deduction_max = r.Int(2);
    l.updated_by = r.Text(3);
    if (!r.IsNull(4)) {
      auto at = common::ParseTimestamp(r.Text(4));
      if (!at.ok()) return Status::Internal("the policy limits have a bad timestamp");
      l.updated_at = *at;
    }
    l.version = r.Int(5);
    l.amendment_notice_days_default = static_cast<int>(r.Int(6));
    return l;
  }

  Status PutPolicyLimits(const PolicyLimits& l, int64_t expected_version) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE policy_limits SET min_valid_bids_min = ?, domestic_price_deduction_max = ?, "
                                         "sme_price_deduction_max = ?, amendment_notice_days_default = ?, updated_by = ?, "
                                         "updated_at = ?, version = ? WHERE id = 1 AND version = ?",
                                         {int64_t{l.min_valid_bids_min}, l.domestic_price_deduction_max,
                                          l.sme_price_deduction_max, int64_t{l.amendment_notice_days_default}, l.updated_by,
                                          l.updated_at ? Value{common::FormatTimestamp(*l.updated_at)} : Value{},
                                          expected_version + 1, expected_version}));
    if (n != 1) return Status::VersionMismatch("the policy limits were changed by someone else; read them again");
    return Status::Ok();
  }

  Status Update(const Tender& t, int64_t expected) override {
    auto date = [](const std::optional<common::Date>& d) { return d ? Value{DateText(*d)} : Value{}; };
    const std::optional<ContractRecord>& c = t.contract;
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE tenders SET status = ?, status_reason = ?, awarded_bid_id = ?, "
                                         "budget = ?, bid_deadline = ?, opening_at = ?, opened_at = ?, "
                                         "reveal_closed_at = ?, award_published_at = ?, challenge_period_ends_on = ?, "
                                         "contract_due_on = ?, contract_signed_on = ?, contract_amount = ?, "
                                         "contract_by = ?, contract_at = ?, version = ? WHERE id = ? AND version = ?",
                                         {std::string(TenderStatusName(t.status)), t.status_reason, t.awarded_bid_id,
                                          t.budget.fen, T(t.bid_deadline), t.opening_at ? T(*t.opening_at) : std::string(),
                                          OptT(t.opened_at), OptT(t.reveal_closed_at), OptT(t.award_published_at),
                                          date(t.challenge_period_ends_on), date(t.contract_due_on),
                                          c ? Value{DateText(c->signed_on)} : Value{}, c ? Value{c->amount.fen} : Value{},
                                          c ? Value{c->recorded_by} : Value{}, c ? Value{T(c->recorded_at)} : Value{},
                                          expected + 1, t.id, expected}));
    if (n != 1) return Status::VersionMismatch("the tender was changed by someone else; read it again");
    return Status::Ok();
  }

  Result<std::optional<Bid>> GetBid(const std::string& tender_id, const std::string& vendor_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kBidNamedCols + kBidNamedFrom +
                                              " WHERE b.tender_id = ? AND b.vendor_id = ?", {tender_id, vendor_id}));
    if (rows.empty()) return std::optional<Bid>();
    ASSIGN_OR_RETURN(Bid b, BidFromRow(rows[0]));
    return std::optional<Bid>(std::move(b));
  }

  Result<std::optional<Bid>> LockBid(const std::string& tender_id, const std::string& vendor_id) override {
    std::string sql = std::string("SELECT ") + kBidCols + " FROM bids WHERE tender_id = ? AND vendor_id = ?";
    if (tx_.dialect() == Dialect::kMysql) sql += " FOR UPDATE";
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, {tender_id, vendor_id}));
    if (rows.empty()) return std::optional<Bid>();
    ASSIGN_OR_RETURN(Bid b, BidFromRow(rows[0]));
    return std::optional<Bid>(std::move(b));
  }

  Result<std::optional<Bid>> GetBidById(const std::string& bid_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kBidNamedCols + kBidNamedFrom + " WHERE b.id = ?", {bid_id}));
    if (rows.empty()) return std::optional<Bid>();
    ASSIGN_OR_RETURN(Bid b, BidFromRow(rows[0]));
    return std::optional<Bid>(std::move(b));
  }

  Status PutBid(const Bid& b) override {
    if (b.version > 1) {
      // Only over the version this transaction read: a concurrent replacement that committed in
      // between makes this one a VersionMismatch, never a silent overwrite.
      ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE bids SET price = ?, domestic_claimed = ?, domestic = ?, items = ?, note = ?, "
                                           "salt = ?, digest = ?, submitted_at = ?, status = 'submitted', withdrawn_at = NULL, "
                                           "commitment = ?, version = ? WHERE id = ? AND version = ?",
                                           {b.price.fen, int64_t{b.domestic_claimed}, int64_t{b.domestic}, JoinItems(b.items),
                                            b.note, b.salt, b.digest, T(b.submitted_at), OptText(b.commitment), b.version,
                                            b.id, b.version - 1}));
      if (n != 1) return Status::VersionMismatch("the bid was replaced concurrently");
      return Status::Ok();
    }
    return tx_.Exec(std::string("INSERT INTO bids (") + kBidCols +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '', ?, 'submitted', NULL, ?, NULL, NULL, NULL)",
                    {b.id, b.tender_id, b.vendor_id, b.price.fen, int64_t{b.domestic_claimed}, int64_t{b.domestic},
                     JoinItems(b.items), b.note, b.salt, b.digest, T(b.submitted_at), b.version, OptText(b.commitment)})
        .status();
  }

  Status WithdrawBid(const Bid& b) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE bids SET status = 'withdrawn', withdrawn_at = ?, version = ? "
                                         "WHERE id = ? AND version = ? AND status = 'submitted'",
                                         {T(*b.withdrawn_at), b.version, b.id, b.version - 1}));
    if (n != 1) return Status::VersionMismatch("the bid was changed concurrently");
    return Status::Ok();
  }

  Status RevealBid(const Bid& b) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE bids SET price = ?, price_text = ?, nonce = ?, revealed_at = ?, version = ? "
                                         "WHERE id = ? AND version = ? AND revealed_at IS NULL",
                                         {b.price.fen, b.price_text, b.nonce, OptT(b.revealed_at), b.version, b.id,
                                          b.version - 1}));
    if (n != 1) return Status::VersionMismatch("the bid was changed concurrently");
    return Status::Ok();
  }

  Result<std::vector<Bid>> ListBids(const std::string& tender_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kBidNamedCols + kBidNamedFrom +
                                              " WHERE b.tender_id = ? AND b.status = 'submitted' ORDER BY b.id",
                                          {tender_id}));
    std::vector<Bid> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Bid b, BidFromRow(r));
      out.push_back(std::move(b));
    }
    return out;
  }

  Status SetReview(const Bid& b) override {
    return tx_.Exec("UPDATE bids SET reviewed = 1, eligible = ?, sme = ?, review_reasons = ? WHERE id = ?",
                    {int64_t{b.eligible}, int64_t{b.sme}, b.review_reasons, b.id})
        .status();
  }

  Status PutScore(const std::string& tender_id, const Score& s) override {
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM bid_scores WHERE bid_id = ? AND expert = ?", {s.bid_id, s.expert}).status());
    return tx_.Exec("INSERT INTO bid_scores (bid_id, expert, tender_id, technical_score, scored_by, scored_at, legacy) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {s.bid_id, s.expert, tender_id, s.technical_score, s.scored_by, T(s.scored_at),
                     int64_t{s.legacy ? 1 : 0}})
        .status();
  }

  Result<std::vector<Score>> ListScores(const std::string& tender_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT bid_id, expert, technical_score, scored_by, scored_at, legacy FROM bid_scores "
                                          "WHERE tender_id = ? ORDER BY bid_id, expert", {tender_id}));
    std::vector<Score> out;
    for (const Row& r : rows) {
      Score s{r.Text(0), r.Text(1), r.Int(2), r.Text(3), {}, r.Int(5) != 0};
      ASSIGN_OR_RETURN(s.scored_at, ParseT(r.Text(4)));
      out.push_back(std::move(s));
    }
    return out;
  }

  Status PutEvaluation(const std::string& tender_id, const Report& report, const Terms& terms,
                       const std::vector<BidInput>& inputs, common::Timestamp at) override {
    std::string text = codec::ReportJson(report).dump();
    std::string in = codec::InputsJson(terms, inputs).dump();
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM evaluations WHERE tender_id = ?", {tender_id}).status());
    return tx_.Exec("INSERT INTO evaluations (tender_id, report, inputs, created_at) VALUES (?, ?, ?, ?)",
                    {tender_id, text, in, T(at)})
        .status();
  }

  Result<std::optional<std::string>> GetEvaluation(const std::string& tender_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT report FROM evaluations WHERE tender_id = ?", {tender_id}));
    if (rows.empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows[0].Text(0));
  }

  // ---- The procedure before the opening ----

  Status InsertClarification(const Clarification& c) override {
    return tx_.Exec("INSERT INTO clarifications (id, tender_id, text, changes, question_id, bid_deadline, opening_at, "
                    "deadline_extended, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {c.id, c.tender_id, c.text, ChangesText(c.changes), OptText(c.question_id), T(c.bid_deadline), OptT(c.opening_at),
                     int64_t{c.deadline_extended ? 1 : 0}, c.created_by, T(c.created_at)})
        .status();
  }

  Result<std::vector<Clarification>> ListClarifications(const std::string& tender_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT c.id, c.tender_id, c.text, c.changes, c.question_id, c.bid_deadline, "
                                          "c.opening_at, c.deadline_extended, c.created_by, c.created_at, q.text, a.name "
                                          "FROM clarifications c LEFT JOIN tender_questions q ON q.id = c.question_id "
                                          "LEFT JOIN accounts a ON a.id = c.created_by "
                                          "WHERE c.tender_id = ? ORDER BY c.created_at, c.id",
                                          {tender_id}));
    std::vector<Clarification> out;
    for (const Row& r : rows) {
      Clarification c;
      c.id = r.Text(0);
      c.tender_id = r.Text(1);
      c.text = r.Text(2);
      ASSIGN_OR_RETURN(c.changes, ParseChanges(r.Text(3)));
      c.question_id = r.IsNull(4) ? "" : r.Text(4);
      ASSIGN_OR_RETURN(c.bid_deadline, ParseT(r.Text(5)));
      ASSIGN_OR_RETURN(c.opening_at, ParseOptT(r, 6));
      c.deadline_extended = r.Int(7) != 0;
      c.created_by = r.Text(8);
      ASSIGN_OR_RETURN(c.created_at, ParseT(r.Text(9)));
      c.question_text = r.IsNull(10) ? "" : r.Text(10);
      c.created_by_name = r.IsNull(11) ? "" : r.Text(11);
      out.push_back(std::move(c));
    }
    return out;
  }

  Status InsertQuestion(const Question& q) override {
    return tx_.Exec("INSERT INTO tender_questions (id, tender_id, vendor_id, asked_by, text, asked_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    {q.id, q.tender_id, q.vendor_id, q.asked_by, q.text, T(q.asked_at)})
        .status();
  }

  Result<std::vector<Question>> Questions(const std::string& where, std::vector<Value> args) {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT q.id, q.tender_id, q.vendor_id, q.asked_by, q.text, q.asked_at, v.name "
                                          "FROM tender_questions q LEFT JOIN vendors v ON v.id = q.vendor_id WHERE " +
                                              where + " ORDER BY q.asked_at, q.id",
                                          std::move(args)));
    std::vector<Question> out;
    for (const Row& r : rows) {
      Question q;
      q.id = r.Text(0);
      q.tender_id = r.Text(1);
      q.vendor_id = r.Text(2);
      q.asked_by = r.Text(3);
      q.text = r.Text(4);
      ASSIGN_OR_RETURN(q.asked_at, ParseT(r.Text(5)));
      q.vendor_name = r.IsNull(6) ? "" : r.Text(6);
      out.push_back(std::move(q));
    }
    if (out.empty()) return out;
    // The answers, in one statement: every question read here is of one tender.
    std::map<std::string, std::vector<std::string>> answers;
    ASSIGN_OR_RETURN(auto rows2, tx_.Query("SELECT question_id, id FROM clarifications WHERE tender_id = ? AND "
                                           "question_id IS NOT NULL ORDER BY created_at, id",
                                           {out[0].tender_id}));
    for (const Row& a : rows2) answers[a.Text(0)].push_back(a.Text(1));
    for (Question& q : out) q.answered_by = answers[q.id];
    return out;
  }

  Result<std::optional<Question>> GetQuestion(const std::string& id) override {
    ASSIGN_OR_RETURN(auto list, Questions("q.id = ?", {id}));
    if (list.empty()) return std::optional<Question>();
    return std::optional<Question>(std::move(list[0]));
  }

  Result<std::vector<Question>> ListQuestions(const std::string& tender_id, const std::string& vendor_id) override {
    return Questions("q.tender_id = ? AND (? = '' OR q.vendor_id = ?)", {tender_id, vendor_id, vendor_id});
  }

  Result<std::vector<ExpertRecord>> Experts(const std::string& where, std::vector<Value> args) {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT e.id, e.specialties, e.affiliations, e.updated_by, e.updated_at, e.version, "
                                          "a.name, a.status, a.role FROM expert_profiles e "
                                          "LEFT JOIN accounts a ON a.id = e.id" +
                                              where + " ORDER BY e.id",
                                          std::move(args)));
    std::vector<ExpertRecord> out;
    for (const Row& r : rows) {
      ExpertRecord e;
      e.profile.account_id = r.Text(0);
      ASSIGN_OR_RETURN(e.profile.specialties, ParseJsonList(r.Text(1), "expert specialty list"));
      ASSIGN_OR_RETURN(e.profile.affiliations, ParseJsonList(r.Text(2), "expert affiliation list"));
      e.updated_by = r.Text(3);
      ASSIGN_OR_RETURN(e.updated_at, ParseT(r.Text(4)));
      e.version = r.Int(5);
      e.name = r.IsNull(6) ? "" : r.Text(6);
      // Only an active expert account sits on a committee.
      e.profile.active = !r.IsNull(7) && r.Text(7) == "active" && r.Text(8) == "expert";
      out.push_back(std::move(e));
    }
    return out;
  }

  Result<std::optional<ExpertRecord>> GetExpert(const std::string& account_id) override {
    ASSIGN_OR_RETURN(auto list, Experts(" WHERE e.id = ?", {account_id}));
    if (list.empty()) return std::optional<ExpertRecord>();
    return std::optional<ExpertRecord>(std::move(list[0]));
  }

  Status PutExpert(const ExpertRecord& e, int64_t expected_version) override {
    const ExpertProfile& p = e.profile;
    if (expected_version == 0) {
      return tx_.Exec("INSERT INTO expert_profiles (id, specialties, affiliations, updated_by, updated_at, version) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      {p.account_id, JsonList(p.specialties), JsonList(p.affiliations), e.updated_by, T(e.updated_at),
                       e.version})
          .status();
    }
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE expert_profiles SET specialties = ?, affiliations = ?, updated_by = ?, "
                                         "updated_at = ?, version = ? WHERE id = ? AND version = ?",
                                         {JsonList(p.specialties), JsonList(p.affiliations), e.updated_by, T(e.updated_at),
                                          e.version, p.account_id, expected_version}));
    if (n != 1) return Status::VersionMismatch("the expert profile was changed by someone else; read it again");
    return Status::Ok();
  }

  Result<std::vector<ExpertRecord>> ListExperts() override { return Experts("", {}); }

  Result<std::optional<Committee>> GetCommittee(const std::string& tender_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT id, size, seed, candidates, drawn_by, drawn_at FROM committees WHERE id = ?",
                                          {tender_id}));
    if (rows.empty()) return std::optional<Committee>();
    const Row& r = rows[0];
    Committee c;
    c.tender_id = r.Text(0);
    c.size = static_cast<int>(r.Int(1));
    c.seed = r.Text(2);
    c.candidates = static_cast<int>(r.Int(3));
    c.drawn_by = r.Text(4);
    ASSIGN_OR_RETURN(c.drawn_at, ParseT(r.Text(5)));
    ASSIGN_OR_RETURN(auto members, tx_.Query("SELECT m.account_id, a.name FROM committee_members m "
                                             "LEFT JOIN accounts a ON a.id = m.account_id "
                                             "WHERE m.tender_id = ? ORDER BY m.pos",
                                             {tender_id}));
    for (const Row& m : members) {
      c.members.push_back(m.Text(0));
      c.member_names.push_back(m.IsNull(1) ? "" : m.Text(1));
    }
    return std::optional<Committee>(std::move(c));
  }

  Status InsertCommittee(const Committee& c) override {
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO committees (id, size, seed, candidates, drawn_by, drawn_at) VALUES (?, ?, ?, ?, ?, ?)",
                             {c.tender_id, int64_t{c.size}, c.seed, int64_t{c.candidates}, c.drawn_by, T(c.drawn_at)})
                        .status());
    for (size_t i = 0; i < c.members.size(); ++i) {
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO committee_members (tender_id, pos, account_id) VALUES (?, ?, ?)",
                               {c.tender_id, static_cast<int64_t>(i), c.members[i]})
                          .status());
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> CommitteesOf(const std::string& account_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT tender_id FROM committee_members WHERE account_id = ? ORDER BY tender_id",
                                          {account_id}));
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(r.Text(0));
    return out;
  }

  // ---- After the award (storage/sql_after_award.cpp) ----
  Status LockTender(const std::string& id) override { return after_award::LockTender(tx_, id); }
  Result<std::vector<CalendarRecord>> GetCalendars(int from_year, int to_year) override {
    return after_award::GetCalendars(tx_, from_year, to_year);
  }
  Status PutCalendar(const CalendarRecord& c, int64_t expected_version) override {
    return after_award::PutCalendar(tx_, c, expected_version);
  }
  Status InsertChallenge(const Challenge& c) override { return after_award::InsertChallenge(tx_, c); }
  Result<std::optional<Challenge>> GetChallenge(const std::string& id) override { return after_award::GetChallenge(tx_, id); }
  Result<std::vector<Challenge>> ListChallenges(const std::string& tender_id, const std::string& vendor_id) override {
    return after_award::ListChallenges(tx_, tender_id, vendor_id);
  }
  Status AnswerChallenge(const Challenge& c, int64_t expected_version) override {
    return after_award::AnswerChallenge(tx_, c, expected_version);
  }
  Status InsertComplaint(const Complaint& c) override { return after_award::InsertComplaint(tx_, c); }
  Result<std::optional<Complaint>> GetComplaint(const std::string& id) override { return after_award::GetComplaint(tx_, id); }
  Result<registry::Page<Complaint>> ListComplaints(std::optional<Ruling> status, const std::string& vendor_id,
                                                   const registry::PageRequest& page) override {
    return after_award::ListComplaints(tx_, status, vendor_id, page);
  }
  Status DecideComplaint(const Complaint& c, int64_t expected_version) override {
    return after_award::DecideComplaint(tx_, c, expected_version);
  }
  Result<std::pair<int, int>> CountOpen(const std::string& tender_id) override { return after_award::CountOpen(tx_, tender_id); }
  Status SetAsideEvaluation(const std::string& tender_id, common::Timestamp at, const std::string& by) override {
    return after_award::SetAsideEvaluation(tx_, tender_id, at, by);
  }
  Result<std::vector<EvaluationRound>> ListEvaluations(const std::string& tender_id) override {
    return after_award::ListEvaluations(tx_, tender_id);
  }
  Result<std::vector<Deadline>> ListDeadlines(const DeadlineScope& scope, std::optional<common::Date> before) override {
    return after_award::ListDeadlines(tx_, scope, before);
  }

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<TenderStore> MakeTenderStore(Tx& tx) { return std::make_unique<SqlTenderStore>(tx); }

}  // namespace storage
