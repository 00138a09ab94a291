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
    if (!found || !(ReadsEveryProject(actor) || (actor.Is(Role::kDepartment) && found->created_by == actor.account_id))) {
      return Status::NotFound("no such project");
    }
    ProjectView view;
    view.project = std::move(*found);
    ASSIGN_OR_RETURN(view.similar, Similar(uow, view.project));
    return view;
  });
}

Result<registry::Page<Project>> ProjectService::List(const Actor& actor, ProjectFilter f, const registry::PageRequest& page) {
  if (actor.Is(Role::kDepartment)) {
    f.created_by = actor.account_id;  // its own
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
    ASSIGN_OR_RETURN(auto found, uow.projects().GetProject(id));
    if (!found) return Status::NotFound("no such project");
    p = std::move(*found);
    if (p.status != ProjectStatus::kProposed) {
      return Status::InvalidState(std::string("only a proposed project is rejected; this one is ") + ProjectStatusName(p.status));
    }
    const int64_t version = p.version;
    p.status = ProjectStatus::kRejected;
    p.status_reason = common::NormalizeNfc(reason);
    p.decided_by = actor.account_id;
    p.decided_at = clock_.Now();
    RETURN_IF_ERROR(uow.projects().UpdateProject(p, version));
    p.version = version + 1;
    return registry::AppendAudit(uow.registry(), *p.decided_at, actor.account_id, "project.reject", "project", p.id,
                                 Fields().Add("reason", p.status_reason).ToJson());
  }));
  return p;
}

}  // namespace procurement
