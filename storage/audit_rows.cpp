#include "storage/audit_rows.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "registry/audit.h"

namespace storage {
namespace {

using common::Result;
using common::Status;
using nlohmann::json;

struct Child {
  const char* table;
  const char* parent_col;
  const char* cols;   // without the parent column
  const char* order;  // within one parent
};

// A column added to a reconciled table after its digests were first stored. It is digested
// only while some late column of the row differs from its default (the value the migration
// gave every existing row), so a row that never used it keeps the digest its entry holds,
// and one that did cannot be set back to the default without the digest changing.
struct Late {
  const char* col;
  std::optional<std::string> dflt;  // nullopt: SQL NULL
};

struct Spec {
  const char* type;
  const char* table;
  const char* cols;  // the first is the id
  std::vector<Child> children;
  std::vector<Late> late = {};
};

// The contract of audit_rows.h: change only with a re-seal.
const std::vector<Spec>& Specs() {
  static const std::vector<Spec> kSpecs = {
      {"vendor", "vendors",
       "id, name, credit_code, enterprise_size, region_code, contact_name, contact_phone, contact_email, "
       "contact_address, status, created_at, updated_at, version",
       {}},
      {"qualification", "qualifications",
       "id, vendor_id, type, level, certificate_no, issuer, issued_on, expires_on, status, status_reason, version",
       {}},
      {"practitioner", "practitioners",
       "id, vendor_id, name, id_number_hash, id_number_masked, created_at, status, departed_on, depart_reason, "
       "decided_by, decided_at, decision_comment, version",
       {{"practitioner_credentials", "practitioner_id", "pos, type, level, certificate_no, issued_on, expires_on", "pos"}}},
      {"sanction", "sanctions", "id, vendor_id, kind, reason, starts_on, ends_on, lifted, lift_reason, created_at", {},
       {{"version", std::string("1")}}},  // schema 014
      {"plan", "plans", "id, title, period_start, period_end, status, created_by, created_at, adopted_by, adopted_at, version",
       {{"plan_items", "plan_id", "pos, code, title, budget_ceiling, category", "pos"}}},
      {"project", "projects",
       "id, title, plan_id, plan_item, description, budget_requested, department, created_by, status, status_reason, "
       "decided_by, decided_at, created_at, version, term_count",
       {{"project_sharing", "project_id", "direction, pos, resource", "direction, pos"}},
       {{"review_experts", std::nullopt},  // schema 019
        {"review_opened_at", std::nullopt},
        {"review_closed_at", std::nullopt},
        {"recommended_budget", std::nullopt},
        {"approved_budget", std::nullopt},
        {"approval_comment", std::nullopt},
        {"approved_by", std::nullopt},
        {"approved_at", std::nullopt}}},
      {"budget_opinion", "project_opinions", "id, project_id, expert_id, recommended_budget, opinion, submitted_at, version", {}},
      {"catalog_item", "catalog_items",
       "id, vendor_id, category, name, description, domestic, domestic_verified, unit_price, unit, status, comment, "
       "created_at, version",
       {}},
      {"tender", "tenders",
       "id, title, category, budget, method, price_weight, min_valid_bids, domestic_tie_preference, "
       "domestic_deduction, sme_deduction, tie_tolerance, expert_aggregation, abnormally_low_pct, bid_deadline, "
       "opening_at, status, created_by, created_at, status_reason, awarded_bid_id, version",
       {{"tender_requirements", "tender_id", "pos, kind, code, min_level, min_count", "pos"},
        {"tender_officers", "tender_id", "account_id, added_by, added_at", "account_id"}},
       {{"sealing", std::string("server")},  // schema 015
        {"amendment_notice_days", std::string("15")},
        {"reveal_hours", std::string("24")},
        {"committee_size", std::string("0")},
        {"opened_at", std::nullopt},
        {"reveal_closed_at", std::nullopt},
        {"award_published_at", std::nullopt},  // schema 016
        {"challenge_period_ends_on", std::nullopt},
        {"contract_due_on", std::nullopt},
        {"contract_signed_on", std::nullopt},
        {"contract_amount", std::nullopt},
        {"contract_by", std::nullopt},
        {"contract_at", std::nullopt},
        {"project_id", std::nullopt}}},  // schema 019
      {"bid", "bids",
       "id, tender_id, vendor_id, price, domestic_claimed, domestic, items, note, salt, digest, submitted_at, "
       "reviewed, eligible, sme, review_reasons, version",
       {},
       {{"status", std::string("submitted")}, {"withdrawn_at", std::nullopt},  // schema 012
        {"commitment", std::nullopt}, {"price_text", std::nullopt}, {"nonce", std::nullopt},  // schema 015
        {"revealed_at", std::nullopt}}},
      // Schema 015: the procedure before the opening.
      {"clarification", "clarifications",
       "id, tender_id, text, changes, question_id, bid_deadline, opening_at, deadline_extended, created_by, created_at",
       {}},
      {"question", "tender_questions", "id, tender_id, vendor_id, asked_by, text, asked_at", {}},
      {"expert_profile", "expert_profiles", "id, specialties, affiliations, updated_by, updated_at, version", {}},
      {"committee", "committees",
       "id, size, seed, candidates, drawn_by, drawn_at",
       {{"committee_members", "tender_id", "pos, account_id", "pos"}}},
      // Schema 016: after the award.
      {"calendar", "calendars", "id, holidays, workdays, updated_by, updated_at, version", {}},
      {"challenge", "challenges",
       "id, tender_id, vendor_id, challenger, grounds, evidence, notice_published_at, status, answer_due_on, answer, "
       "remedy, answered_by, answered_at, created_at, version",
       {}},
      {"complaint", "complaints",
       "id, challenge_id, tender_id, vendor_id, complainant, grounds, status, decision_due_on, reason, remedy, "
       "decided_by, decided_at, created_at, version",
       {}},
  };
  return kSpecs;
}

const Spec* Find(const std::string& type) {
  for (const Spec& s : Specs()) {
    if (type == s.type) return &s;
  }
  return nullptr;
}

json Values(const Row& r, size_t from, size_t to) {
  json out = json::array();
  for (size_t i = from; i < to; ++i) out.push_back(r.IsNull(i) ? json(nullptr) : json(r.Text(i)));
  return out;
}

json Values(const Row& r, size_t from) { return Values(r, from, r.size()); }

// The columns a record is read with: the spec's own, then its late ones.
std::string Columns(const Spec& spec) {
  std::string cols = spec.cols;
  for (const Late& l : spec.late) cols += std::string(", ") + l.col;
  return cols;
}

std::string Digest(const std::string& key, const Spec& spec, const Row& row, const std::vector<json>& children) {
  size_t base = row.size() - spec.late.size();
  json doc = json::array({spec.type, Values(row, 0, base)});
  for (const json& c : children) doc.push_back(c);
  bool changed = false;
  for (size_t i = 0; i < spec.late.size(); ++i) {
    const Late& l = spec.late[i];
    bool is_default = l.dflt ? !row.IsNull(base + i) && row.Text(base + i) == *l.dflt : row.IsNull(base + i);
    changed = changed || !is_default;
  }
  if (changed) doc.push_back(json{{"late", Values(row, base)}});
  // Bytes that are not UTF-8 (a tampered row) must still digest, to a value that cannot match.
  return common::HmacSha256Hex(key, doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

Result<std::string> RowDigest(Tx& tx, const std::string& key, const std::string& type, const std::string& id) {
  const Spec* spec = Find(type);
  if (!spec) return std::string();
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT " + Columns(*spec) + " FROM " + spec->table + " WHERE id = ?", {id}));
  if (rows.empty()) return std::string();
  std::vector<json> children;
  for (const Child& c : spec->children) {
    ASSIGN_OR_RETURN(auto crows, tx.Query(std::string("SELECT ") + c.cols + " FROM " + c.table + " WHERE " +
                                              c.parent_col + " = ? ORDER BY " + c.order,
                                          {id}));
    json list = json::array();
    for (const Row& r : crows) list.push_back(Values(r, 0));
    children.push_back(std::move(list));
  }
  return Digest(key, *spec, rows[0], children);
}

Status ScanRowDigests(Tx& tx, const std::string& key,
                      const std::function<void(const std::string&, const std::string&, const std::string&)>& fn) {
  for (const Spec& spec : Specs()) {
    // Children first, grouped by parent (a table's children fit in memory next to its rows).
    std::vector<std::map<std::string, json>> kids(spec.children.size());
    for (size_t k = 0; k < spec.children.size(); ++k) {
      const Child& c = spec.children[k];
      ASSIGN_OR_RETURN(auto crows, tx.Query(std::string("SELECT ") + c.parent_col + ", " + c.cols + " FROM " + c.table +
                                            " ORDER BY " + c.parent_col + ", " + c.order));
      for (const Row& r : crows) {
        json& list = kids[k][r.Text(0)];
        if (list.is_null()) list = json::array();
        list.push_back(Values(r, 1));
      }
    }
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT " + Columns(spec) + " FROM " + spec.table + " ORDER BY id"));
    for (const Row& r : rows) {
      std::string id = r.Text(0);
      std::vector<json> children;
      for (auto& m : kids) {
        auto it = m.find(id);
        children.push_back(it == m.end() ? json::array() : it->second);
      }
      fn(spec.type, id, Digest(key, spec, r, children));
    }
  }
  return Status::Ok();
}

}  // namespace storage
