// The projects' use cases (the projects issue; procurement/project.h has the rules): the
// bureau's plans, the departments' proposals with the similar projects shown, the bureau's
// judgement of a proposal. One transaction per use case with its audit entry; who may do what is
// decided here. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "procurement/project.h"
#include "procurement/tender.h"
#include "registry/actor.h"

namespace procurement {

// A project as answered: the record, the existing projects that share its words, and the
// budget review's opinions the caller may read (ProjectService::Get).
struct ProjectView {
  Project project;
  std::vector<SimilarProject> similar;
  std::vector<BudgetOpinion> opinions;
};

class ProjectService {
 public:
  ProjectService(ProcurementStore& store, const common::Clock& clock) : store_(store), clock_(clock) {}

  // The bureau drafts a plan (CheckPlan; each item's category, when given, must exist), then
  // adopts it (a draft only: kInvalidState otherwise). Every account reads plans: a plan is
  // what the city intends to build, not a secret.
  common::Result<Plan> CreatePlan(const registry::Actor& actor, Plan in);
  common::Result<Plan> AdoptPlan(const registry::Actor& actor, const std::string& id);
  common::Result<Plan> GetPlan(const registry::Actor& actor, const std::string& id);
  common::Result<registry::Page<Plan>> ListPlans(const registry::Actor& actor, const PlanFilter& f,
                                                 const registry::PageRequest& page);

  // A department proposes a project under an item of an adopted plan (CheckAgainstPlan,
  // CheckSharing and the text checks); the answer lists the similar projects.
  common::Result<ProjectView> Propose(const registry::Actor& actor, Project in);
  // The bureau, finance, officers and auditors read every project; a department its own (another
  // department's is not found); an expert those whose budget review names it; vendors none.
  common::Result<ProjectView> Get(const registry::Actor& actor, const std::string& id);
  common::Result<registry::Page<Project>> List(const registry::Actor& actor, ProjectFilter f,
                                               const registry::PageRequest& page);
  // The bureau refuses a proposal (a duplicate of an existing project, say), with the reason.
  common::Result<Project> Reject(const registry::Actor& actor, const std::string& id, const std::string& reason);

  // 先评估后建设. The bureau opens a proposed project's budget review, naming active expert
  // accounts (CheckReviewers; expert_ids[i] not_expert otherwise) → budget_review. Each named
  // expert gives (or replaces) its recommendation while the review is open; others are refused.
  // The bureau closes it once at least one expert has spoken → reviewed, with the median
  // (MedianBudget). The finance office approves a reviewed project's budget (CheckApproval
  // against the recommendation and the plan item's ceiling) → approved.
  common::Result<Project> OpenBudgetReview(const registry::Actor& actor, const std::string& id,
                                           const std::vector<std::string>& expert_ids);
  common::Result<BudgetOpinion> SubmitOpinion(const registry::Actor& actor, const std::string& id,
                                              common::Money recommended, const std::string& opinion);
  common::Result<Project> CloseBudgetReview(const registry::Actor& actor, const std::string& id);
  common::Result<Project> ApproveBudget(const registry::Actor& actor, const std::string& id, common::Money approved,
                                        const std::string& comment);

 private:
  common::Result<std::vector<SimilarProject>> Similar(ProcurementUnitOfWork& uow, const Project& p);
  // The project for a change by `actor` (kNotFound when absent), in state `want` (kInvalidState).
  common::Result<Project> ForChange(ProcurementUnitOfWork& uow, const std::string& id, ProjectStatus want);
  ProcurementStore& store_;
  const common::Clock& clock_;
};

}  // namespace procurement
