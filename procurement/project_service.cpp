#include "procurement/project_service.h"

#include <algorithm>

#include "common/crypto.h"
#include "common/text.h"
#include "registry/use_case_helpers.h"

namespace procurement {

using common::Fields;
using common::Result;
using common::Status;
using registry::Actor;
using registry::Role;

namespace {

// Those who read every project: the bureau, the finance office, officers (whose tenders serve
// projects) and auditors.
bool ReadsEveryProject(const Actor& a) {
  return a.Is(Role::kBureau) || a.Is(Role::kFinance) || a.Is(Role::kOfficer) || a.Is(Role::kAuditor);
}

bool NamedReviewer(const Actor& a, const Project& p) {
  return a.Is(Role::kExpert) && std::find(p.review_experts.begin(), p.review_experts.end(), a.account_id) != p.review_experts.end();
}

// Which opinions `a` reads: the bureau, finance and auditors all of them at any time; a named
// expert its own while the review is open (the experts judge apart), all once it is closed;
// the department and officers all once it is closed.
std::vector<BudgetOpinion> Visible(const Actor& a, const Project& p, std::vector<BudgetOpinion> all) {
  if (a.Is(Role::kBureau) || a.Is(Role::kFinance) || a.Is(Role::kAuditor) || p.review_closed_at) return all;
  std::vector<BudgetOpinion> own;
  for (auto& o : all) {
    if (o.expert_id == a.account_id) own.push_back(std::move(o));
  }
  return own;
}

// Writes `p` over `version` (then p->version moves on) with its audit entry `action` at `at`.
Status SaveProject(ProcurementUnitOfWork& uow, const Actor& actor, Project* p, int64_t version, common::Timestamp at,
                   const char* action, const Fields& details) {
  RETURN_IF_ERROR(uow.projects().UpdateProject(*p, version));
  p->version = version + 1;
  return registry::AppendAudit(uow.registry(), at, actor.account_id, action, "project", p->id, details.ToJson());
}

Status AuditPlan(ProcurementUnitOfWork& uow, const Actor& actor, common::Timestamp at, const char* action, const Plan& p) {
  return registry::AppendAudit(uow.registry(), at, actor.account_id, action, "plan", p.id,
                               Fields()
                                   .Add("title", p.title)
                                   .Add("period", common::FormatDate(p.period_start) + "/" + common::FormatDate(p.period_end))
                                   .Add("items", std::to_string(p.items.size()))
                                   .Add("status", PlanStatusName(p.status))
                                   .ToJson());
}

}  // namespace

Result<Plan> ProjectService::CreatePlan(const Actor& actor, Plan in) {
  if (!registry::IsBureau(actor)) return Status::Forbidden("the bureau drafts plans");
  in.title = common::NormalizeNfc(in.title);
  for (PlanItem& it : in.items) it.title = common::NormalizeNfc(it.title);
  std::vector<common::FieldError> errors = CheckPlan(in);
  if (!errors.empty()) return common::ValidationOrOk(errors);
  Plan p = std::move(in);
  p.id = common::NewId("pln");
  p.status = PlanStatus::kDraft;
  p.created_by = actor.account_id;
  p.created_at = clock_.Now();
  p.adopted_by.clear();
  p.adopted_at.reset();
  p.version = 1;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    std::vector<common::FieldError> found;
    for (size_t i = 0; i < p.items.size(); ++i) {
      if (p.items[i].category.empty()) continue;
      ASSIGN_OR_RETURN(auto c, uow.registry().reference().GetCategory(p.items[i].category));
      if (!c) found.push_back({"items[" + std::to_string(i) + "].category", "unknown", "no such category"});
    }
    RETURN_IF_ERROR(common::ValidationOrOk(found));
    RETURN_IF_ERROR(uow.projects().InsertPlan(p));
    return AuditPlan(uow, actor, p.created_at, "plan.create", p);
  }));
  return p;
}

Result<Plan> ProjectService::AdoptPlan(const Actor& actor, const std::string& id) {
  if (!registry::IsBureau(actor)) return Status::Forbidden("the bureau adopts plans");
  Plan p;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.projects().GetPlan(id));
    if (!found) return Status::NotFound("no such plan");
    p = std::move(*found);
    if (p.status != PlanStatus::kDraft) return Status::InvalidState("the plan is already adopted");
    const int64_t version = p.version;
    p.status = PlanStatus::kAdopted;
    p.adopted_by = actor.account_id;
    p.adopted_at = clock_.Now();
    RETURN_IF_ERROR(uow.projects().UpdatePlan(p, version));
    p.version = version + 1;
    return AuditPlan(uow, actor, *p.adopted_at, "plan.adopt", p);
  }));
  return p;
}

Result<Plan> ProjectService::GetPlan(const Actor&, const std::string& id) {
  return store_.ReadProcurementValue<Plan>([&](ProcurementUnitOfWork& uow) -> Result<Plan> {
    ASSIGN_OR_RETURN(auto found, uow.projects().GetPlan(id));
    if (!found) return Status::NotFound("no such plan");
    return std::move(*found);
  });
}

Result<registry::Page<Plan>> ProjectService::ListPlans(const Actor&, const PlanFilter& f, const registry::PageRequest& page) {
  return store_.ReadProcurementValue<registry::Page<Plan>>(
      [&](ProcurementUnitOfWork& uow) { return uow.projects().ListPlans(f, page); });
}

Result<std::vector<SimilarProject>> ProjectService::Similar(ProcurementUnitOfWork& uow, const Project& p) {
  const std::set<std::string> terms = SimilarityTerms(p.title, p.description);
  ASSIGN_OR_RETURN(auto sharing, uow.projects().SharingTerms(terms, 50));
  std::vector<SimilarProject> out;
  for (const auto& s : sharing) {
    if (s.project_id == p.id) continue;
    const int overlap = Overlap(s.shared, static_cast<int64_t>(terms.size()), s.terms);
    if (overlap < kSimilarOverlap) continue;
    ASSIGN_OR_RETURN(auto other, uow.projects().GetProject(s.project_id));
    if (!other) continue;
    out.push_back({other->id, other->title, other->department, other->status, overlap});
  }
  std::stable_sort(out.begin(), out.end(), [](const SimilarProject& a, const SimilarProject& b) {
    return a.overlap != b.overlap ? a.overlap > b.overlap : a.id < b.id;
  });
  if (out.size() > 10) out.resize(10);
  return out;
}

Result<ProjectView> ProjectService::Propose(const Actor& actor, Project in) {
  if (!actor.Is(Role::kDepartment)) return Status::Forbidden("departments propose projects");
  in.title = common::NormalizeNfc(in.title);
  in.description = common::NormalizeNfc(in.description);
  for (auto* list : {&in.sharing.provides, &in.sharing.uses}) {
    for (std::string& s : *list) s = common::NormalizeNfc(s);
  }
  std::vector<common::FieldError> errors;
  common::MergeFieldErrors(common::CheckName(in.title, "title", 200), &errors);
  common::MergeFieldErrors(common::CheckName(in.description, "description", 2000), &errors);
  if (in.budget_requested.fen <= 0) errors.push_back({"budget_requested", "range", "must be more than zero"});
  for (auto& e : CheckSharing(in.sharing)) errors.push_back(std::move(e));
  if (!errors.empty()) return common::ValidationOrOk(errors);
  ProjectView view;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto plan, uow.projects().GetPlan(in.plan_id));
    RETURN_IF_ERROR(CheckAgainstPlan(in, plan ? &*plan : nullptr));
    ASSIGN_OR_RETURN(auto account, uow.registry().accounts().Get(actor.account_id));
    if (!account) return Status::Forbidden("no such account");
    Project p = in;
    p.id = common::NewId("prj");
    p.department = account->department;
    p.created_by = actor.account_id;
    p.status = ProjectStatus::kProposed;
    p.status_reason.clear();
    p.decided_by.clear();
    p.decided_at.reset();
    p.created_at = clock_.Now();
    p.version = 1;
    ASSIGN_OR_RETURN(view.similar, Similar(uow, p));
    RETURN_IF_ERROR(uow.projects().InsertProject(p, SimilarityTerms(p.title, p.description)));
    view.project = p;
    std::string similar;
    for (const auto& s : view.similar) similar += (similar.empty() ? "" : ",") + s.id;
    return registry::AppendAudit(uow.registry(), p.created_at, actor.account_id, "project.propose", "project", p.id,
                                 Fields()
                                     .Add("title", p.title)
                                     .Add("plan_id", p.plan_id)
                                     .Add("plan_item", p.plan_item)
                                     .Add("budget_requested", common::FormatMoney(p.budget_requested))
                                     .Add("department", p.department)
                                     .Add("similar_projects", similar)
                                     .ToJson());
  }));
  return view;
}

Result<ProjectView> ProjectService::Get(const Actor& actor, const std::string& id) {
  return store_.ReadProcurementValue<ProjectView>([&](ProcurementUnitOfWork& uow) -> Result<ProjectView> {
    ASSIGN_OR_RETURN(auto found, uow.projects().GetProject(id));
    // Who may not see it learns nothing, not even that it exists.
    if (!found || !(ReadsEveryProject(actor) || (actor.Is(Role::kDepartment) && found->created_by == actor.account_id) ||
                    NamedReviewer(actor, *found))) {
      return Status::NotFound("no such project");
    }
    ProjectView view;
    view.project = std::move(*found);
    ASSIGN_OR_RETURN(view.similar, Similar(uow, view.project));
    ASSIGN_OR_RETURN(auto opinions, uow.projects().ListOpinions(view.project.id));
    view.opinions = Visible(actor, view.project, std::move(opinions));
    return view;
  });
}

Result<registry::Page<Project>> ProjectService::List(const Actor& actor, ProjectFilter f, const registry::PageRequest& page) {
  if (actor.Is(Role::kDepartment)) {
    f.created_by = actor.account_id;  // its own
  } else if (actor.Is(Role::kExpert)) {
    f.reviewer = actor.account_id;  // those whose budget review names it
  } else if (!ReadsEveryProject(actor)) {
    return Status::Forbidden("projects are read by the bureau, finance, officers, auditors and their departments");
  }
  return store_.ReadProcurementValue<registry::Page<Project>>(
      [&](ProcurementUnitOfWork& uow) { return uow.projects().ListProjects(f, page); });
}

Result<Project> ProjectService::Reject(const Actor& actor, const std::string& id, const std::string& reason) {
  if (!registry::IsBureau(actor)) return Status::Forbidden("the bureau decides on proposals");
  RETURN_IF_ERROR(common::CheckName(reason, "reason", 1000));
  Project p;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(p, ForChange(uow, id, ProjectStatus::kProposed));
    const int64_t version = p.version;
    p.status = ProjectStatus::kRejected;
    p.status_reason = common::NormalizeNfc(reason);
    p.decided_by = actor.account_id;
    p.decided_at = clock_.Now();
    return SaveProject(uow, actor, &p, version, *p.decided_at, "project.reject", Fields().Add("reason", p.status_reason));
  }));
  return p;
}

}  // namespace procurement

namespace procurement {

Result<Project> ProjectService::ForChange(ProcurementUnitOfWork& uow, const std::string& id, ProjectStatus want) {
  ASSIGN_OR_RETURN(auto found, uow.projects().GetProject(id));
  if (!found) return Status::NotFound("no such project");
  if (found->status != want) {
    return Status::InvalidState(std::string("the project must be ") + ProjectStatusName(want) + "; it is " +
                                ProjectStatusName(found->status));
  }
  return std::move(*found);
}

Result<Project> ProjectService::OpenBudgetReview(const Actor& actor, const std::string& id,
                                                 const std::vector<std::string>& expert_ids) {
  if (!registry::IsBureau(actor)) return Status::Forbidden("the bureau opens a budget review");
  RETURN_IF_ERROR(common::ValidationOrOk(CheckReviewers(expert_ids)));
  Project p;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    std::vector<common::FieldError> errors;
    for (size_t i = 0; i < expert_ids.size(); ++i) {
      ASSIGN_OR_RETURN(auto a, uow.registry().accounts().Get(expert_ids[i]));
      if (!a || a->role != Role::kExpert || a->status != registry::AccountStatus::kActive) {
        errors.push_back({"expert_ids[" + std::to_string(i) + "]", "not_expert", "not an active expert's account"});
      }
    }
    RETURN_IF_ERROR(common::ValidationOrOk(errors));
    ASSIGN_OR_RETURN(p, ForChange(uow, id, ProjectStatus::kProposed));
    const int64_t version = p.version;
    p.status = ProjectStatus::kBudgetReview;
    p.review_experts = expert_ids;
    p.review_opened_at = clock_.Now();
    p.decided_by = actor.account_id;
    p.decided_at = p.review_opened_at;
    std::string experts;
    for (const auto& e : expert_ids) experts += (experts.empty() ? "" : ",") + e;
    return SaveProject(uow, actor, &p, version, *p.review_opened_at, "project.review_open",
                       Fields().Add("title", p.title).Add("experts", experts));
  }));
  return p;
}

Result<BudgetOpinion> ProjectService::SubmitOpinion(const Actor& actor, const std::string& id, common::Money recommended,
                                                    const std::string& opinion) {
  if (!actor.Is(Role::kExpert)) return Status::Forbidden("budget opinions are given by the experts named for the review");
  std::vector<common::FieldError> errors;
  if (recommended.fen <= 0) errors.push_back({"recommended_budget", "range", "must be more than zero"});
  common::MergeFieldErrors(common::CheckName(opinion, "opinion", 2000), &errors);
  RETURN_IF_ERROR(common::ValidationOrOk(errors));
  BudgetOpinion o;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto found, uow.projects().GetProject(id));
    if (!found) return Status::NotFound("no such project");
    if (!NamedReviewer(actor, *found)) return Status::Forbidden("only the experts named for this project's review give opinions");
    if (found->status != ProjectStatus::kBudgetReview) {
      return Status::InvalidState(std::string("the budget review is not open; the project is ") + ProjectStatusName(found->status));
    }
    BudgetOpinion in;
    in.id = common::NewId("bop");
    in.project_id = id;
    in.expert_id = actor.account_id;
    in.recommended_budget = recommended;
    in.opinion = common::NormalizeNfc(opinion);
    in.submitted_at = clock_.Now();
    ASSIGN_OR_RETURN(o, uow.projects().PutOpinion(in));
    ASSIGN_OR_RETURN(auto account, uow.registry().accounts().Get(actor.account_id));
    if (account) o.expert_name = account->name;
    return registry::AppendAudit(uow.registry(), o.submitted_at, actor.account_id, "budget_opinion.submit", "budget_opinion", o.id,
                                 Fields()
                                     .Add("project_id", id)
                                     .Add("recommended_budget", common::FormatMoney(recommended))
                                     .Add("opinion", o.opinion)
                                     .ToJson());
  }));
  return o;
}

Result<Project> ProjectService::CloseBudgetReview(const Actor& actor, const std::string& id) {
  if (!registry::IsBureau(actor)) return Status::Forbidden("the bureau closes a budget review");
  Project p;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(p, ForChange(uow, id, ProjectStatus::kBudgetReview));
    ASSIGN_OR_RETURN(auto opinions, uow.projects().ListOpinions(id));
    if (opinions.empty()) return Status::InvalidState("no expert has given an opinion yet");
    std::vector<common::Money> budgets;
    for (const auto& o : opinions) budgets.push_back(o.recommended_budget);
    const int64_t version = p.version;
    p.status = ProjectStatus::kReviewed;
    p.recommended_budget = MedianBudget(budgets);
    p.review_closed_at = clock_.Now();
    return SaveProject(uow, actor, &p, version, *p.review_closed_at, "project.review_close",
                       Fields()
                           .Add("title", p.title)
                           .Add("opinions", std::to_string(opinions.size()))
                           .Add("recommended_budget", common::FormatMoney(*p.recommended_budget)));
  }));
  return p;
}

Result<Project> ProjectService::ApproveBudget(const Actor& actor, const std::string& id, common::Money approved,
                                              const std::string& comment) {
  if (!actor.Is(Role::kFinance)) return Status::Forbidden("the finance office approves budgets");
  if (!comment.empty()) RETURN_IF_ERROR(common::CheckName(comment, "comment", 1000));
  Project p;
  RETURN_IF_ERROR(store_.WriteProcurement([&](ProcurementUnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(p, ForChange(uow, id, ProjectStatus::kReviewed));
    ASSIGN_OR_RETURN(auto plan, uow.projects().GetPlan(p.plan_id));
    const PlanItem* item = plan ? plan->Item(p.plan_item) : nullptr;
    if (!item) return Status::Internal("a project's plan item is gone");
    RETURN_IF_ERROR(CheckApproval(approved, *p.recommended_budget, comment, item->budget_ceiling));
    const int64_t version = p.version;
    p.status = ProjectStatus::kApproved;
    p.approved_budget = approved;
    p.approval_comment = common::NormalizeNfc(comment);
    p.approved_by = actor.account_id;
    p.approved_at = clock_.Now();
    return SaveProject(uow, actor, &p, version, *p.approved_at, "project.budget_approve",
                       Fields()
                           .Add("title", p.title)
                           .Add("approved_budget", common::FormatMoney(approved))
                           .Add("recommended_budget", common::FormatMoney(*p.recommended_budget))
                           .Add("comment", p.approval_comment));
  }));
  return p;
}

}  // namespace procurement
