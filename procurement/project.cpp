#include "procurement/project.h"

#include <algorithm>

#include "common/search_terms.h"
#include "common/text.h"

namespace procurement {

using common::FieldError;
using common::Status;

const PlanItem* Plan::Item(const std::string& code) const {
  for (const PlanItem& it : items) {
    if (it.code == code) return &it;
  }
  return nullptr;
}

namespace {

bool WellFormedCode(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::vector<FieldError> CheckPlan(const Plan& p) {
  std::vector<FieldError> errors;
  common::MergeFieldErrors(common::CheckName(p.title, "title", 200), &errors);
  if (p.period_end < p.period_start) errors.push_back({"period_end", "before_start", "the period ends before it starts"});
  if (p.items.empty()) errors.push_back({"items", "required", "a plan has at least one item"});
  if (p.items.size() > 500) errors.push_back({"items", "too_many", "at most 500 items"});
  std::set<std::string> codes;
  for (size_t i = 0; i < p.items.size() && i < 500; ++i) {
    const PlanItem& it = p.items[i];
    const std::string pre = "items[" + std::to_string(i) + "].";
    if (!WellFormedCode(it.code)) {
      errors.push_back({pre + "code", "format", "1 to 32 letters, digits, '-', '_' or '.'"});
    } else if (!codes.insert(it.code).second) {
      errors.push_back({pre + "code", "duplicate", "another item has this code"});
    }
    common::MergeFieldErrors(common::CheckName(it.title, pre + "title", 200), &errors);
    if (it.budget_ceiling.fen <= 0) errors.push_back({pre + "budget_ceiling", "range", "must be more than zero"});
  }
  return errors;
}

Status CheckAgainstPlan(const Project& p, const Plan* plan) {
  if (!plan) return Status::FieldInvalid("plan_id", "not_in_plan", "no such plan");
  if (plan->status != PlanStatus::kAdopted) {
    return Status::FieldInvalid("plan_id", "not_in_plan", "the plan is not adopted: only an adopted plan's items become projects");
  }
  const PlanItem* item = plan->Item(p.plan_item);
  if (!item) return Status::FieldInvalid("plan_item", "not_in_plan", "the plan has no such item");
  if (p.budget_requested.fen > item->budget_ceiling.fen) {
    return Status::FieldInvalid("budget_requested", "over_ceiling",
                                "above the plan item's ceiling of " + common::FormatMoney(item->budget_ceiling) + " yuan");
  }
  return Status::Ok();
}

std::vector<FieldError> CheckSharing(const InformationSharing& s) {
  std::vector<FieldError> errors;
  if (s.provides.empty() && s.uses.empty()) {
    errors.push_back({"information_sharing", "information_sharing_required",
                      "declare the information the project provides to others or uses from them"});
  }
  auto check = [&](const std::vector<std::string>& list, const std::string& name) {
    if (list.size() > 50) errors.push_back({"information_sharing." + name, "too_many", "at most 50"});
    for (size_t i = 0; i < list.size() && i < 50; ++i) {
      common::MergeFieldErrors(common::CheckName(list[i], "information_sharing." + name + "[" + std::to_string(i) + "]", 200),
                               &errors);
    }
  };
  check(s.provides, "provides");
  check(s.uses, "uses");
  return errors;
}

std::set<std::string> SimilarityTerms(const std::string& title, const std::string& description) {
  std::set<std::string> out;
  for (std::string& t : common::IndexTerms(title + "\n" + description)) {
    // A single CJK character is three bytes of UTF-8; pairs are six, Latin words any length.
    const bool single_cjk = t.size() == 3 && static_cast<unsigned char>(t[0]) >= 0xE0;
    if (!single_cjk && t.size() <= 64) out.insert(std::move(t));
  }
  return out;
}

int Overlap(int64_t shared, int64_t a, int64_t b) {
  const int64_t smaller = std::min(a, b);
  if (smaller <= 0 || shared <= 0) return 0;
  return static_cast<int>(std::min<int64_t>(shared, smaller) * 100 / smaller);
}

}  // namespace procurement

namespace procurement {

std::vector<FieldError> CheckReviewers(const std::vector<std::string>& ids) {
  std::vector<FieldError> errors;
  if (ids.empty()) errors.push_back({"expert_ids", "required", "name at least one expert"});
  if (ids.size() > 15) errors.push_back({"expert_ids", "too_many", "at most 15 experts"});
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size() && i < 15; ++i) {
    const std::string f = "expert_ids[" + std::to_string(i) + "]";
    if (ids[i].empty()) errors.push_back({f, "required", "an expert's account id"});
    else if (!seen.insert(ids[i]).second) errors.push_back({f, "duplicate", "named twice"});
  }
  return errors;
}

common::Money MedianBudget(std::vector<common::Money> budgets) {
  std::sort(budgets.begin(), budgets.end(), [](common::Money a, common::Money b) { return a.fen < b.fen; });
  return budgets[(budgets.size() - 1) / 2];  // the middle one; of two middles, the lower
}

Status CheckApproval(common::Money approved, common::Money recommended, const std::string& comment, common::Money ceiling) {
  if (approved.fen <= 0) return Status::FieldInvalid("approved_budget", "range", "must be more than zero");
  if (approved.fen > ceiling.fen) {
    return Status::FieldInvalid("approved_budget", "over_ceiling",
                                "above the plan item's ceiling of " + common::FormatMoney(ceiling) + " yuan");
  }
  if (approved.fen > recommended.fen && comment.empty()) {
    return Status::FieldInvalid("comment", "required",
                                "above the experts' recommendation of " + common::FormatMoney(recommended) + " yuan: say why");
  }
  return Status::Ok();
}

Status CheckTenderBudget(const Project& project, common::Money tender_budget, common::Money held) {
  if ((project.status != ProjectStatus::kApproved && project.status != ProjectStatus::kInProgress) || !project.approved_budget) {
    return Status::FieldInvalid("project_id", "not_approved",
                                std::string("the project's budget is not approved; it is ") + ProjectStatusName(project.status));
  }
  const int64_t left = project.approved_budget->fen - held.fen;
  if (tender_budget.fen > left) {
    return Status::FieldInvalid("budget", "over_project_budget",
                                "more than the project has left: " + common::FormatMoney(common::Money{left < 0 ? 0 : left}) +
                                    " yuan of its approved " + common::FormatMoney(*project.approved_budget));
  }
  return Status::Ok();
}

}  // namespace procurement
