// SQL implementation of procurement::TenderStore for both dialects.
#include <map>

#include "codec/report_json.h"
#include "common/text.h"
#include "storage/sql_page.h"
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
    "created_by, created_at, status_reason, awarded_bid_id, version";

constexpr const char* kBidCols =
    "id, tender_id, vendor_id, price, domestic_claimed, domestic, items, note, salt, digest, submitted_at, reviewed, "
    "eligible, sme, review_reasons, version, status, withdrawn_at";

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
    "b.submitted_at, b.reviewed, b.eligible, b.sme, b.review_reasons, b.version, b.status, b.withdrawn_at, v.name, "
    "t.title";
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
  if (r.size() > 19) {
    b.vendor_name = r.Text(18);
    b.tender_title = r.Text(19);
  }
  return b;
}

class SqlTenderStore final : public TenderStore {
 public:
  explicit SqlTenderStore(Tx& tx) : tx_(tx) {}

  Status Insert(const Tender& t) override {
    const Policies& p = t.policies;
    RETURN_IF_ERROR(tx_.Exec(std::string("INSERT INTO tenders (") + kTenderCols +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {t.id, t.title, t.category, t.budget.fen, std::string(MethodName(t.method)), t.price_weight,
                              int64_t{t.min_valid_bids}, int64_t{p.domestic_tie_preference}, p.domestic_price_deduction,
                              p.sme_price_deduction, p.tie_tolerance,
                              std::string(AggregationName(p.expert_aggregation)),
                              p.abnormally_low_pct, T(t.bid_deadline), t.opening_at ? T(*t.opening_at) : std::string(),
                              std::string(TenderStatusName(t.status)), t.created_by, T(t.created_at), t.status_reason,
                              t.awarded_bid_id, t.version})
                        .status());
    for (size_t i = 0; i < t.requirements.size(); ++i) {
      const auto& r = t.requirements[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO tender_requirements (tender_id, pos, kind, code, min_level, min_count) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               {t.id, static_cast<int64_t>(i),
                                std::string(registry::RequirementKindName(r.kind)),
                                r.code, r.min_level, int64_t{r.min_count}})
                          .status());
    }
    return Status::Ok();
  }

  Result<std::optional<Tender>> Get(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kTenderCols + " FROM tenders WHERE id = ?", {id}));
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
                                          "updated_by, updated_at, version FROM policy_limits WHERE id = 1"));
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
    return l;
  }

  Status PutPolicyLimits(const PolicyLimits& l, int64_t expected_version) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE policy_limits SET min_valid_bids_min = ?, domestic_price_deduction_max = ?, "
                                         "sme_price_deduction_max = ?, updated_by = ?, updated_at = ?, version = ? "
                                         "WHERE id = 1 AND version = ?",
                                         {int64_t{l.min_valid_bids_min}, l.domestic_price_deduction_max,
                                          l.sme_price_deduction_max, l.updated_by,
                                          l.updated_at ? Value{common::FormatTimestamp(*l.updated_at)} : Value{},
                                          expected_version + 1, expected_version}));
    if (n != 1) return Status::VersionMismatch("the policy limits were changed by someone else; read them again");
    return Status::Ok();
  }

  Status Update(const Tender& t, int64_t expected) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE tenders SET status = ?, status_reason = ?, awarded_bid_id = ?, "
                                         "version = ? WHERE id = ? AND version = ?",
                                         {std::string(TenderStatusName(t.status)), t.status_reason, t.awarded_bid_id,
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
                                           "version = ? WHERE id = ? AND version = ?",
                                           {b.price.fen, int64_t{b.domestic_claimed}, int64_t{b.domestic}, JoinItems(b.items),
                                            b.note, b.salt, b.digest, T(b.submitted_at), b.version, b.id, b.version - 1}));
      if (n != 1) return Status::VersionMismatch("the bid was replaced concurrently");
      return Status::Ok();
    }
    return tx_.Exec(std::string("INSERT INTO bids (") + kBidCols +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '', ?, 'submitted', NULL)",
                    {b.id, b.tender_id, b.vendor_id, b.price.fen, int64_t{b.domestic_claimed}, int64_t{b.domestic},
                     JoinItems(b.items), b.note, b.salt, b.digest, T(b.submitted_at), b.version})
        .status();
  }

  Status WithdrawBid(const Bid& b) override {
    ASSIGN_OR_RETURN(int64_t n, tx_.Exec("UPDATE bids SET status = 'withdrawn', withdrawn_at = ?, version = ? "
                                         "WHERE id = ? AND version = ? AND status = 'submitted'",
                                         {T(*b.withdrawn_at), b.version, b.id, b.version - 1}));
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

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<TenderStore> MakeTenderStore(Tx& tx) { return std::make_unique<SqlTenderStore>(tx); }

}  // namespace storage
