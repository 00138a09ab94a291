// The SQL ProjectStore (plans with their items, projects with their sharing lists and similarity
// words), for both dialects (schema/*/018_projects.sql).
#include <map>

#include <nlohmann/json.hpp>

#include "storage/sql_page.h"
#include "storage/sql_rows.h"
#include "storage/sql_tender_store.h"
#include "storage/stored.h"

namespace storage {
namespace {

using common::Result;
using common::Status;
using namespace procurement;

constexpr const char* kPlanCols = "id, title, period_start, period_end, status, created_by, created_at, adopted_by, adopted_at, version";
constexpr const char* kProjectCols =
    "id, title, plan_id, plan_item, description, budget_requested, department, created_by, status, status_reason, "
    "decided_by, decided_at, created_at, version, review_experts, review_opened_at, review_closed_at, recommended_budget, "
    "approved_budget, approval_comment, approved_by, approved_at";

Value OptTime(const std::optional<common::Timestamp>& t) { return t ? Value{common::FormatTimestamp(*t)} : Value{}; }
Value OptMoney(const std::optional<common::Money>& m) { return m ? Value{m->fen} : Value{}; }
Value OptText(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

Result<std::optional<common::Timestamp>> OptTimeAt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::optional<common::Timestamp>();
  ASSIGN_OR_RETURN(common::Timestamp t, ParseStoredTime(r.Text(i)));
  return std::optional<common::Timestamp>(t);
}

Result<Plan> PlanFromRow(const Row& r) {
  Plan p;
  p.id = r.Text(0);
  p.title = r.Text(1);
  ASSIGN_OR_RETURN(p.period_start, ParseStoredDate(r.Text(2)));
  ASSIGN_OR_RETURN(p.period_end, ParseStoredDate(r.Text(3)));
  ASSIGN_OR_RETURN(p.status, StoredEnum(kPlanStatusNames, r.Text(4), "plans.status"));
  p.created_by = r.Text(5);
  ASSIGN_OR_RETURN(p.created_at, ParseStoredTime(r.Text(6)));
  p.adopted_by = r.Text(7);
  if (!r.IsNull(8)) {
    ASSIGN_OR_RETURN(common::Timestamp at, ParseStoredTime(r.Text(8)));
    p.adopted_at = at;
  }
  p.version = r.Int(9);
  return p;
}

Result<Project> ProjectFromRow(const Row& r) {
  Project p;
  p.id = r.Text(0);
  p.title = r.Text(1);
  p.plan_id = r.Text(2);
  p.plan_item = r.Text(3);
  p.description = r.Text(4);
  p.budget_requested = common::Money{r.Int(5)};
  p.department = r.Text(6);
  p.created_by = r.Text(7);
  ASSIGN_OR_RETURN(p.status, StoredEnum(kProjectStatusNames, r.Text(8), "projects.status"));
  p.status_reason = r.Text(9);
  p.decided_by = r.Text(10);
  if (!r.IsNull(11)) {
    ASSIGN_OR_RETURN(common::Timestamp at, ParseStoredTime(r.Text(11)));
    p.decided_at = at;
  }
  ASSIGN_OR_RETURN(p.created_at, ParseStoredTime(r.Text(12)));
  p.version = r.Int(13);
  if (!r.IsNull(14)) {
    auto list = nlohmann::json::parse(r.Text(14), nullptr, false);
    if (!list.is_array()) return Status::Internal("a stored review_experts is not a JSON array");
    for (const auto& e : list) {
      if (!e.is_string()) return Status::Internal("a stored review_experts holds a non-string");
      p.review_experts.push_back(e.get<std::string>());
    }
  }
  ASSIGN_OR_RETURN(p.review_opened_at, OptTimeAt(r, 15));
  ASSIGN_OR_RETURN(p.review_closed_at, OptTimeAt(r, 16));
  if (!r.IsNull(17)) p.recommended_budget = common::Money{r.Int(17)};
  if (!r.IsNull(18)) p.approved_budget = common::Money{r.Int(18)};
  p.approval_comment = r.Text(19);
  p.approved_by = r.Text(20);
  ASSIGN_OR_RETURN(p.approved_at, OptTimeAt(r, 21));
  return p;
}

class SqlProjectStore final : public ProjectStore {
 public:
  explicit SqlProjectStore(Tx& tx) : tx_(tx) {}

  Status InsertPlan(const Plan& p) override {
    RETURN_IF_ERROR(tx_.Exec(std::string("INSERT INTO plans (") + kPlanCols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {p.id, p.title, DateText(p.period_start), DateText(p.period_end),
                              std::string(PlanStatusName(p.status)), p.created_by, common::FormatTimestamp(p.created_at),
                              p.adopted_by.empty() ? Value{} : Value{p.adopted_by}, OptTime(p.adopted_at), p.version})
                        .status());
    for (size_t i = 0; i < p.items.size(); ++i) {
      const PlanItem& it = p.items[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO plan_items (plan_id, pos, code, title, budget_ceiling, category) VALUES (?, ?, ?, ?, ?, ?)",
                               {p.id, static_cast<int64_t>(i), it.code, it.title, it.budget_ceiling.fen, it.category})
                          .status());
    }
    return Status::Ok();
  }
  Result<std::optional<Plan>> GetPlan(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kPlanCols + " FROM plans WHERE id = ?", {id}));
    if (rows.empty()) return std::optional<Plan>();
    ASSIGN_OR_RETURN(Plan p, PlanFromRow(rows[0]));
    RETURN_IF_ERROR(LoadItems(&p));
    return std::optional<Plan>(std::move(p));
  }
  Status UpdatePlan(const Plan& p, int64_t expected) override {
    return VersionedUpdate(tx_, "UPDATE plans SET status = ?, adopted_by = ?, adopted_at = ?, version = ? WHERE id = ? AND version = ?",
                           {std::string(PlanStatusName(p.status)), p.adopted_by.empty() ? Value{} : Value{p.adopted_by},
                            OptTime(p.adopted_at), expected + 1, p.id, expected},
                           "plans", p.id);
  }
  Result<registry::Page<Plan>> ListPlans(const PlanFilter& f, const registry::PageRequest& page) override {
    const std::string status = f.status ? PlanStatusName(*f.status) : "";
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kPlanCols +
                                              " FROM plans WHERE (? = '' OR status = ?) AND id > ? ORDER BY id LIMIT ?",
                                          {status, status, page.after, FetchLimit(page)}));
    return PageOf<Plan>(rows, page, [&](const Row& r) -> Result<Plan> {
      ASSIGN_OR_RETURN(Plan p, PlanFromRow(r));
      RETURN_IF_ERROR(LoadItems(&p));
      return p;
    });
  }

  Status InsertProject(const Project& p, const std::set<std::string>& terms) override {
    // A new project has no review or approval yet: those columns stay NULL (their audit default).
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO projects (id, title, plan_id, plan_item, description, budget_requested, department, "
                             "created_by, status, status_reason, decided_by, decided_at, created_at, version, term_count) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {p.id, p.title, p.plan_id, p.plan_item, p.description, p.budget_requested.fen, p.department,
                              p.created_by, std::string(ProjectStatusName(p.status)), p.status_reason,
                              p.decided_by.empty() ? Value{} : Value{p.decided_by}, OptTime(p.decided_at),
                              common::FormatTimestamp(p.created_at), p.version, static_cast<int64_t>(terms.size())})
                        .status());
    for (const auto& [direction, list] : {std::pair<const char*, const std::vector<std::string>*>{"provides", &p.sharing.provides},
                                          {"uses", &p.sharing.uses}}) {
      for (size_t i = 0; i < list->size(); ++i) {
        RETURN_IF_ERROR(tx_.Exec("INSERT INTO project_sharing (project_id, direction, pos, resource) VALUES (?, ?, ?, ?)",
                                 {p.id, std::string(direction), static_cast<int64_t>(i), (*list)[i]})
                            .status());
      }
    }
    for (const std::string& t : terms) {
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO project_terms (term, project_id) VALUES (?, ?)", {t, p.id}).status());
    }
    return Status::Ok();
  }
  Result<std::optional<Project>> GetProject(const std::string& id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kProjectCols + " FROM projects WHERE id = ?", {id}));
    if (rows.empty()) return std::optional<Project>();
    ASSIGN_OR_RETURN(Project p, ProjectFromRow(rows[0]));
    RETURN_IF_ERROR(LoadSharing(&p));
    return std::optional<Project>(std::move(p));
  }
  Status UpdateProject(const Project& p, int64_t expected) override {
    return VersionedUpdate(
        tx_,
        "UPDATE projects SET status = ?, status_reason = ?, decided_by = ?, decided_at = ?, review_experts = ?, "
        "review_opened_at = ?, review_closed_at = ?, recommended_budget = ?, approved_budget = ?, approval_comment = ?, "
        "approved_by = ?, approved_at = ?, version = ? WHERE id = ? AND version = ?",
        {std::string(ProjectStatusName(p.status)), p.status_reason, OptText(p.decided_by), OptTime(p.decided_at),
         p.review_experts.empty() ? Value{} : Value{nlohmann::json(p.review_experts).dump()}, OptTime(p.review_opened_at),
         OptTime(p.review_closed_at), OptMoney(p.recommended_budget), OptMoney(p.approved_budget), OptText(p.approval_comment),
         OptText(p.approved_by), OptTime(p.approved_at), expected + 1, p.id, expected},
        "projects", p.id);
  }
  Result<registry::Page<Project>> ListProjects(const ProjectFilter& f, const registry::PageRequest& page) override {
    const std::string status = f.status ? ProjectStatusName(*f.status) : "";
    // A reviewer is found in the review's JSON list as its quoted id ('_' escaped for LIKE).
    std::string reviewer;
    if (!f.reviewer.empty()) {
      reviewer = "%\"";
      for (char c : f.reviewer) {
        if (c == '_' || c == '%' || c == '!') reviewer += '!';
        reviewer += c;
      }
      reviewer += "\"%";
    }
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kProjectCols +
                                              " FROM projects WHERE (? = '' OR status = ?) AND (? = '' OR created_by = ?) "
                                              "AND (? = '' OR review_experts LIKE ? ESCAPE '!') AND id > ? ORDER BY id LIMIT ?",
                                          {status, status, f.created_by, f.created_by, reviewer, reviewer, page.after,
                                           FetchLimit(page)}));
    return PageOf<Project>(rows, page, [&](const Row& r) -> Result<Project> {
      ASSIGN_OR_RETURN(Project p, ProjectFromRow(r));
      RETURN_IF_ERROR(LoadSharing(&p));
      return p;
    });
  }
  Result<std::vector<BudgetOpinion>> ListOpinions(const std::string& project_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT o.id, o.project_id, o.expert_id, o.recommended_budget, o.opinion, o.submitted_at, "
                                          "o.version, a.name FROM project_opinions o LEFT JOIN accounts a ON a.id = o.expert_id "
                                          "WHERE o.project_id = ? ORDER BY o.submitted_at, o.id",
                                          {project_id}));
    std::vector<BudgetOpinion> out;
    for (const Row& r : rows) {
      BudgetOpinion o;
      o.id = r.Text(0);
      o.project_id = r.Text(1);
      o.expert_id = r.Text(2);
      o.recommended_budget = common::Money{r.Int(3)};
      o.opinion = r.Text(4);
      ASSIGN_OR_RETURN(o.submitted_at, ParseStoredTime(r.Text(5)));
      o.version = r.Int(6);
      o.expert_name = r.Text(7);
      out.push_back(std::move(o));
    }
    return out;
  }
  Result<BudgetOpinion> PutOpinion(const BudgetOpinion& in) override {
    BudgetOpinion o = in;
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT id, version FROM project_opinions WHERE project_id = ? AND expert_id = ?",
                                          {o.project_id, o.expert_id}));
    if (rows.empty()) {
      o.version = 1;
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO project_opinions (id, project_id, expert_id, recommended_budget, opinion, "
                               "submitted_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               {o.id, o.project_id, o.expert_id, o.recommended_budget.fen, o.opinion,
                                common::FormatTimestamp(o.submitted_at), o.version})
                          .status());
      return o;
    }
    o.id = rows[0].Text(0);
    const int64_t was = rows[0].Int(1);
    o.version = was + 1;
    RETURN_IF_ERROR(VersionedUpdate(tx_, "UPDATE project_opinions SET recommended_budget = ?, opinion = ?, submitted_at = ?, "
                                         "version = ? WHERE id = ? AND version = ?",
                                    {o.recommended_budget.fen, o.opinion, common::FormatTimestamp(o.submitted_at), o.version, o.id,
                                     was},
                                    "project_opinions", o.id));
    return o;
  }
  Status LockProject(const std::string& id) override {
    if (tx_.dialect() != Dialect::kMysql) return Status::Ok();
    return tx_.Query("SELECT id FROM projects WHERE id = ? FOR UPDATE", {id}).status();
  }
  Result<common::Money> HeldByTenders(const std::string& project_id) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT COALESCE(SUM(budget), 0) FROM tenders WHERE project_id = ? "
                                          "AND status NOT IN ('cancelled', 'failed')",
                                          {project_id}));
    return common::Money{rows.at(0).Int(0)};
  }
  Result<std::vector<Sharing>> SharingTerms(const std::set<std::string>& terms, int limit) override {
    std::vector<Sharing> out;
    if (terms.empty()) return out;
    // One statement (a project's words are bounded: 2 000 characters of description), so the
    // counts are over all of them.
    std::string sql = "SELECT t.project_id, COUNT(*), p.term_count FROM project_terms t JOIN projects p ON p.id = t.project_id "
                      "WHERE t.term IN (";
    std::vector<Value> params;
    for (const std::string& t : terms) {
      sql += params.empty() ? "?" : ", ?";
      params.emplace_back(t);
    }
    sql += ") GROUP BY t.project_id, p.term_count ORDER BY COUNT(*) DESC, t.project_id LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit));
    ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, params));
    for (const Row& r : rows) out.push_back({r.Text(0), r.Int(1), r.Int(2)});
    return out;
  }

 private:
  Status LoadItems(Plan* p) {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, title, budget_ceiling, category FROM plan_items WHERE plan_id = ? ORDER BY pos",
                                          {p->id}));
    for (const Row& r : rows) p->items.push_back({r.Text(0), r.Text(1), common::Money{r.Int(2)}, r.Text(3)});
    return Status::Ok();
  }
  Status LoadSharing(Project* p) {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT direction, resource FROM project_sharing WHERE project_id = ? ORDER BY direction, pos",
                                          {p->id}));
    for (const Row& r : rows) (r.Text(0) == "provides" ? p->sharing.provides : p->sharing.uses).push_back(r.Text(1));
    return Status::Ok();
  }
  Tx& tx_;
};

}  // namespace

std::unique_ptr<ProjectStore> MakeProjectStore(Tx& tx) { return std::make_unique<SqlProjectStore>(tx); }

}  // namespace storage
