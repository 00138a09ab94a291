// Projects, from plan to performance (the projects issue; CONTRACT.md "Projects, from plan to
// performance"; docs/projects.md): the seed's guarantees around every e-government project.
//
//   先规划后立项  plan first, then approve: a project cites an item of an adopted plan and asks
//                at most the item's budget ceiling (CheckAgainstPlan).
//   避免重复建设  avoid duplicate construction: a proposal is shown with the existing projects
//                whose words it shares (SimilarityTerms, Overlap), for the bureau to judge.
//   信息共享      information sharing is a condition of approval: a project declares what it
//                provides to and uses from others, or it is refused (CheckSharing).
//
// The rules here are pure (no store, clock or I/O); ProjectService (project_service.h) runs them
// in one transaction each, with the audit entry.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/enum_names.h"
#include "common/money.h"
#include "common/status.h"
#include "registry/store.h"

namespace procurement {

enum class PlanStatus { kDraft, kAdopted };
inline constexpr common::EnumName<PlanStatus> kPlanStatusNames[] = {
    {PlanStatus::kDraft, "draft"},
    {PlanStatus::kAdopted, "adopted"},
};
static_assert(common::CoversExactly(kPlanStatusNames, 2));
inline const char* PlanStatusName(PlanStatus v) { return common::NameIn(kPlanStatusNames, v); }

struct PlanItem {
  std::string code;   // unique in its plan: letters, digits, '-', '_', '.'
  std::string title;
  common::Money budget_ceiling;  // more than zero
  std::string category;          // a category code, or empty
};

struct Plan {
  std::string id;
  std::string title;
  common::Date period_start, period_end;
  std::vector<PlanItem> items;
  PlanStatus status = PlanStatus::kDraft;
  std::string created_by;
  common::Timestamp created_at;
  std::string adopted_by;  // empty while a draft
  std::optional<common::Timestamp> adopted_at;
  int64_t version = 1;

  const PlanItem* Item(const std::string& code) const;
};

// proposed → rejected (a duplicate, say) or budget_review → reviewed → approved (finance) →
// in_progress → accepted. The later steps are the budget review, supervision and acceptance.
enum class ProjectStatus { kProposed, kRejected, kBudgetReview, kReviewed, kApproved, kInProgress, kAccepted };
inline constexpr common::EnumName<ProjectStatus> kProjectStatusNames[] = {
    {ProjectStatus::kProposed, "proposed"},
    {ProjectStatus::kRejected, "rejected"},
    {ProjectStatus::kBudgetReview, "budget_review"},
    {ProjectStatus::kReviewed, "reviewed"},
    {ProjectStatus::kApproved, "approved"},
    {ProjectStatus::kInProgress, "in_progress"},
    {ProjectStatus::kAccepted, "accepted"},
};
static_assert(common::CoversExactly(kProjectStatusNames, 7));
inline const char* ProjectStatusName(ProjectStatus v) { return common::NameIn(kProjectStatusNames, v); }

// What a project shares (资源整合与共享利用): the data or services it provides to others and
// those of others it uses, each a short text.
struct InformationSharing {
  std::vector<std::string> provides, uses;
};

struct Project {
  std::string id;
  std::string title;
  std::string plan_id;
  std::string plan_item;  // the item's code
  std::string description;
  common::Money budget_requested;
  InformationSharing sharing;
  std::string department;  // the proposing account's department
  std::string created_by;  // the proposing account
  ProjectStatus status = ProjectStatus::kProposed;
  std::string status_reason;  // why it was rejected, or the bureau's comment
  std::string decided_by;
  std::optional<common::Timestamp> decided_at;
  common::Timestamp created_at;
  int64_t version = 1;
  // The budget review (先评估后建设): the experts named, when it opened and closed, the median
  // of their recommendations; then the finance office's approval.
  std::vector<std::string> review_experts;  // account ids
  std::optional<common::Timestamp> review_opened_at, review_closed_at;
  std::optional<common::Money> recommended_budget;
  std::optional<common::Money> approved_budget;
  std::string approval_comment;  // why, when above the recommendation
  std::string approved_by;
  std::optional<common::Timestamp> approved_at;
};

// One expert's recommendation in a project's budget review (one per expert; a new one replaces
// it until the review closes).
struct BudgetOpinion {
  std::string id;
  std::string project_id;
  std::string expert_id;
  std::string expert_name;  // read with it (names next to ids)
  common::Money recommended_budget;
  std::string opinion;
  common::Timestamp submitted_at;
  int64_t version = 1;
};

// An existing project sharing words with a proposal, for the bureau to judge duplication.
struct SimilarProject {
  std::string id;
  std::string title;
  std::string department;
  ProjectStatus status = ProjectStatus::kProposed;
  int overlap = 0;  // percent of the smaller project's words the two share (Overlap)
};

// ---- pure rules

// A new plan's own checks: title, period (end not before start), 1 to 500 items, each code
// well-formed and unique, each title, each ceiling more than zero. Field names as the JSON's.
std::vector<common::FieldError> CheckPlan(const Plan& p);

// 先规划后立项: `plan` is the plan the project cites (nullptr: no such plan). not_in_plan when
// there is no such plan, it is not adopted, or it has no such item; over_ceiling when the
// requested budget is above the item's ceiling.
common::Status CheckAgainstPlan(const Project& p, const Plan* plan);

// 信息共享: information_sharing_required when both lists are empty; each entry 1 to 200
// characters, at most 50 a list.
std::vector<common::FieldError> CheckSharing(const InformationSharing& s);

// The words two projects are compared by: the CJK pairs and the Latin words of the text
// (common::IndexTerms without the single characters, which say little about a project).
std::set<std::string> SimilarityTerms(const std::string& title, const std::string& description);

// How much two projects' words overlap: the `shared` words as a percent of the smaller of the
// two sets (sizes `a` and `b`; 0 when either is empty), rounded down. A short proposal wholly
// inside a larger project is 100.
int Overlap(int64_t shared, int64_t a, int64_t b);

// Proposals sharing at least this percent of their words are shown as similar.
inline constexpr int kSimilarOverlap = 30;

// The experts named for a budget review: 1 to 15 account ids, none twice (errors on
// "expert_ids" and "expert_ids[i]").
std::vector<common::FieldError> CheckReviewers(const std::vector<std::string>& expert_ids);

// The review's recommendation: the median of the experts' budgets, the lower middle one for an
// even count (CONTRACT.md); `budgets` must not be empty.
common::Money MedianBudget(std::vector<common::Money> budgets);

// The finance office's approval: more than zero (range), at most the plan item's ceiling
// (over_ceiling), and above the experts' recommendation only with a comment saying why
// (comment required).
common::Status CheckApproval(common::Money approved, common::Money recommended, const std::string& comment,
                             common::Money ceiling);

// A tender naming a project: the project's budget is approved (project_id not_approved), and the
// tender's budget fits in it less what the project's other live tenders hold (`held`): budget
// over_project_budget.
common::Status CheckTenderBudget(const Project& project, common::Money tender_budget, common::Money held);

struct PlanFilter {
  std::optional<PlanStatus> status;
};
struct ProjectFilter {
  std::optional<ProjectStatus> status;
  std::string created_by;  // empty: any (a department sees its own)
  std::string reviewer;    // empty: any; else the projects whose budget review names this expert
};

class ProjectStore {
 public:
  virtual ~ProjectStore() = default;
  virtual common::Status InsertPlan(const Plan& p) = 0;
  virtual common::Result<std::optional<Plan>> GetPlan(const std::string& id) = 0;
  // Writes status, adopted_by and adopted_at over `expected_version` (kVersionMismatch).
  virtual common::Status UpdatePlan(const Plan& p, int64_t expected_version) = 0;
  // In id order; `page.after` is an id.
  virtual common::Result<registry::Page<Plan>> ListPlans(const PlanFilter& f, const registry::PageRequest& page) = 0;

  // Inserts p with its sharing lists and its similarity `terms`.
  virtual common::Status InsertProject(const Project& p, const std::set<std::string>& terms) = 0;
  virtual common::Result<std::optional<Project>> GetProject(const std::string& id) = 0;
  // Writes status, status_reason, decided_by, decided_at and the budget review's and approval's
  // fields over `expected_version`.
  virtual common::Status UpdateProject(const Project& p, int64_t expected_version) = 0;
  // In id order; `page.after` is an id.
  virtual common::Result<registry::Page<Project>> ListProjects(const ProjectFilter& f, const registry::PageRequest& page) = 0;
  // The experts' opinions of a project's budget review, in submission order, with their names.
  virtual common::Result<std::vector<BudgetOpinion>> ListOpinions(const std::string& project_id) = 0;
  // Inserts o, or replaces the expert's earlier opinion of the project (keeping its id; the
  // version moves on). `o.id` is used only for a new one; the stored opinion is returned.
  virtual common::Result<BudgetOpinion> PutOpinion(const BudgetOpinion& o) = 0;
  // Locks the project's row until the transaction ends (MySQL FOR UPDATE, before any other read
  // of the transaction; SQLite's one writer needs none): tenders drawing on its budget are
  // created one after the other, so two cannot both fit in what one leaves.
  virtual common::Status LockProject(const std::string& id) = 0;
  // What the project's live tenders (any but cancelled or failed) hold: the sum of their budgets.
  virtual common::Result<common::Money> HeldByTenders(const std::string& project_id) = 0;
  // The projects sharing any of `terms`: how many each shares and how many it has, the most
  // shared first, at most `limit`.
  struct Sharing {
    std::string project_id;
    int64_t shared = 0, terms = 0;
  };
  virtual common::Result<std::vector<Sharing>> SharingTerms(const std::set<std::string>& terms, int limit) = 0;
};

}  // namespace procurement
