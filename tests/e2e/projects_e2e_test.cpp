// Projects end to end on both backends (the projects issue; CONTRACT.md "Projects, from plan to
// performance"): the bureau's plan, a department's proposals under it, the refusals the seed's
// rules make (先规划后立项, the ceiling, 信息共享), the similar projects shown for duplication, who
// reads what, and the audit chain over it all.
#include <gtest/gtest.h>

#include <set>

#include "e2e/tender_fixture.h"

namespace {

using namespace tender_fixture;

class ProjectsE2eTest : public TenderFixture {
 protected:
  std::string Department(const std::string& name, const std::string& department) {
    HttpResult r = Post("/v1/accounts", {{"name", name}, {"role", "department"}, {"department", department}}, kAdmin);
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().value("department", ""), department);
    return r.json().value("token", "");
  }
  // An adopted plan with items A-1 (ceiling 2 000 000.00) and A-2 (500 000.00); its id.
  std::string AdoptedPlan() {
    HttpResult plan = Post("/v1/plans",
                           {{"title", "汕头市数字政府建设规划（2026—2028年）"},
                            {"period_start", "2026-01-01"},
                            {"period_end", "2028-12-31"},
                            {"items",
                             {{{"code", "A-1"}, {"title", "政务服务一网通办平台"}, {"budget_ceiling", "2000000.00"}, {"category", "SYSTEM_INTEGRATION"}},
                              {{"code", "A-2"}, {"title", "城市运行监测"}, {"budget_ceiling", "500000.00"}}}}},
                           kAdmin);
    EXPECT_EQ(plan.status, 201) << plan.body;
    const std::string id = plan.json().value("id", "");
    HttpResult adopted = Post("/v1/plans/" + id + "/adopt", nullptr, kAdmin);
    EXPECT_EQ(adopted.status, 200) << adopted.body;
    EXPECT_EQ(adopted.json()["status"], "adopted");
    return id;
  }
  static json Proposal(const std::string& plan, const std::string& item, const std::string& title, const std::string& budget,
                       const std::string& description = "建设统一的政务服务平台，实现一网通办和数据共享") {
    return {{"title", title},
            {"plan_id", plan},
            {"plan_item", item},
            {"description", description},
            {"budget_requested", budget},
            {"information_sharing", {{"provides", {"办件数据"}}, {"uses", {"人口基础信息库"}}}}};
  }
};

TEST_P(ProjectsE2eTest, AProjectCitesAnAdoptedPlanItemWithinItsCeilingAndSharesInformation) {
  const std::string dept = Department("教育局 张三", "汕头市教育局");
  const std::string plan = AdoptedPlan();
  HttpResult made = Post("/v1/projects", Proposal(plan, "A-1", "政务服务一网通办平台建设项目", "1800000.00"), dept);
  ASSERT_EQ(made.status, 201) << made.body;
  const json p = made.json();
  EXPECT_EQ(p["status"], "proposed");
  EXPECT_EQ(p["department"], "汕头市教育局");
  EXPECT_EQ(p["budget_requested"], "1800000.00");
  EXPECT_EQ(p["information_sharing"]["uses"][0], "人口基础信息库");
  EXPECT_EQ(p["similar_projects"].size(), 0u) << "the first project has nothing like it";

  // The refusals, each with its code, and nothing written.
  auto code_of = [&](const json& body) {
    HttpResult r = Post("/v1/projects", body, dept);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["errors"][0].value("code", "") + " " + r.json()["errors"][0].value("field", "");
  };
  EXPECT_EQ(code_of(Proposal(plan, "Z-9", "不在规划中的项目", "10.00")), "not_in_plan plan_item");
  EXPECT_EQ(code_of(Proposal("pln_none", "A-1", "没有这个规划", "10.00")), "not_in_plan plan_id");
  HttpResult draft = Post("/v1/plans", {{"title", "草案"}, {"period_start", "2026-01-01"}, {"period_end", "2026-12-31"},
                                        {"items", {{{"code", "D-1"}, {"title", "草案项"}, {"budget_ceiling", "100.00"}}}}},
                          kAdmin);
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_EQ(draft.json()["status"], "draft");
  EXPECT_EQ(code_of(Proposal(draft.json()["id"], "D-1", "草案中的项目", "10.00")), "not_in_plan plan_id");
  EXPECT_EQ(code_of(Proposal(plan, "A-2", "超过上限的项目", "500000.01")), "over_ceiling budget_requested");
  json silent = Proposal(plan, "A-2", "不共享信息的项目", "10.00");
  silent["information_sharing"] = {{"provides", json::array()}, {"uses", json::array()}};
  EXPECT_EQ(code_of(silent), "information_sharing_required information_sharing");
  json absent = Proposal(plan, "A-2", "没有共享声明", "10.00");
  absent.erase("information_sharing");
  HttpResult no_sharing = Post("/v1/projects", absent, dept);
  EXPECT_EQ(no_sharing.status, 422) << no_sharing.body;
  EXPECT_EQ(Get("/v1/projects", dept).json()["items"].size(), 1u) << "no refused proposal was written";
  // At the ceiling exactly is allowed.
  EXPECT_EQ(Post("/v1/projects", Proposal(plan, "A-2", "城市运行监测平台", "500000.00", "城市运行指标监测与预警"), dept).status, 201);

  // Who may: only departments propose; the bureau drafts and adopts plans; a plan adopted once.
  ExpectProblem(Post("/v1/projects", Proposal(plan, "A-1", "采购人员的项目", "10.00"), officer_), 403, "forbidden");
  ExpectProblem(Post("/v1/plans", {{"title", "部门的规划"}, {"period_start", "2026-01-01"}, {"period_end", "2026-12-31"},
                                   {"items", {{{"code", "X"}, {"title", "x"}, {"budget_ceiling", "1.00"}}}}},
                     dept),
                403, "forbidden");
  ExpectProblem(Post("/v1/plans/" + plan + "/adopt", nullptr, kAdmin), 409, "invalid_state");
  // A plan's own checks.
  HttpResult bad_plan = Post("/v1/plans", {{"title", "坏规划"}, {"period_start", "2027-01-01"}, {"period_end", "2026-01-01"},
                                           {"items", {{{"code", "A 1"}, {"title", "x"}, {"budget_ceiling", "0.00"}, {"category", "NOPE"}},
                                                      {{"code", "B"}, {"title", "y"}, {"budget_ceiling", "1.00"}},
                                                      {{"code", "B"}, {"title", "z"}, {"budget_ceiling", "1.00"}}}}},
                             kAdmin);
  ExpectProblem(bad_plan, 422, "validation");
  std::set<std::string> plan_errors;
  const json plan_error_list = bad_plan.json()["errors"];
  for (const json& e : plan_error_list) plan_errors.insert(e.value("field", "") + " " + e.value("code", ""));
  for (const char* want : {"period_end before_start", "items[0].code format", "items[0].budget_ceiling range", "items[2].code duplicate"}) {
    EXPECT_TRUE(plan_errors.count(want)) << want << "\n" << bad_plan.body;
  }
  HttpResult unknown_category = Post("/v1/plans", {{"title", "品目不存在"}, {"period_start", "2026-01-01"}, {"period_end", "2026-12-31"},
                                                   {"items", {{{"code", "C"}, {"title", "x"}, {"budget_ceiling", "1.00"}, {"category", "NOPE"}}}}},
                                     kAdmin);
  ExpectProblem(unknown_category, 422, "validation");
  EXPECT_EQ(unknown_category.json()["errors"][0]["field"], "items[0].category");
  EXPECT_EQ(Get("/v1/plans?status=draft", officer_).json()["items"].size(), 1u) << "only the one draft; refused plans unwritten";
}

TEST_P(ProjectsE2eTest, AProposalShowsTheSimilarProjectsAndTheBureauRefusesADuplicate) {
  const std::string education = Department("教育局 张三", "汕头市教育局");
  const std::string health = Department("卫健局 李四", "汕头市卫生健康局");
  const std::string plan = AdoptedPlan();
  HttpResult first = Post("/v1/projects", Proposal(plan, "A-1", "政务服务一网通办平台建设项目", "1000000.00"), education);
  ASSERT_EQ(first.status, 201) << first.body;
  HttpResult other = Post("/v1/projects", Proposal(plan, "A-2", "城市运行监测预警系统", "300000.00", "接入交通、气象、水务的运行指标"), health);
  ASSERT_EQ(other.status, 201) << other.body;
  // Another department proposes much the same: the first project is shown, the unrelated one not.
  HttpResult again = Post("/v1/projects", Proposal(plan, "A-1", "一网通办政务服务平台", "900000.00"), health);
  ASSERT_EQ(again.status, 201) << again.body;
  const json similar = again.json()["similar_projects"];
  ASSERT_EQ(similar.size(), 1u) << again.body;
  EXPECT_EQ(similar[0]["id"], first.json()["id"]);
  EXPECT_EQ(similar[0]["department"], "汕头市教育局");
  EXPECT_GE(similar[0]["overlap"].get<int>(), 30);
  // The bureau sees the same when it reads the proposal, and refuses it as a duplicate.
  const std::string id = again.json()["id"];
  EXPECT_EQ(Get("/v1/projects/" + id, kAdmin).json()["similar_projects"][0]["id"], first.json()["id"]);
  ExpectProblem(Post("/v1/projects/" + id + "/reject", {{"reason", "与教育局一网通办平台重复建设"}}, health), 403, "forbidden");
  ExpectProblem(Post("/v1/projects/" + id + "/reject", json::object(), kAdmin), 422, "validation");
  HttpResult rejected = Post("/v1/projects/" + id + "/reject", {{"reason", "与教育局一网通办平台重复建设"}}, kAdmin);
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["status"], "rejected");
  EXPECT_EQ(rejected.json()["status_reason"], "与教育局一网通办平台重复建设");
  ExpectProblem(Post("/v1/projects/" + id + "/reject", {{"reason", "再次"}}, kAdmin), 409, "invalid_state");

  // Who reads: a department its own only (another's is not found); the bureau, finance,
  // officers and auditors all; experts and vendors none.
  EXPECT_EQ(Get("/v1/projects", education).json()["items"].size(), 1u);
  EXPECT_EQ(Get("/v1/projects", health).json()["items"].size(), 2u);
  EXPECT_EQ(Get("/v1/projects/" + id, education).status, 404);
  const std::string finance = Account("财政局 王五", "finance");
  EXPECT_EQ(Get("/v1/projects?status=proposed", finance).json()["items"].size(), 2u);
  EXPECT_EQ(Get("/v1/projects?status=rejected", auditor_).json()["items"].size(), 1u);
  EXPECT_EQ(Get("/v1/projects/" + id, officer_).status, 200);
  EXPECT_EQ(Get("/v1/projects", expert_).json()["items"].size(), 0u) << "an expert lists only the projects it reviews";
  EXPECT_EQ(Get("/v1/projects/" + id, expert_).status, 404);
  ExpectProblem(Get("/v1/projects?status=nope", kAdmin), 422, "validation");

  // Recorded: the proposals (naming the similar projects) and the refusal; the chain holds.
  HttpResult audit = Get("/v1/audit?entity_type=project&limit=50", auditor_);
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::multiset<std::string> actions;
  const json entries = audit.json()["items"];
  for (const json& e : entries) actions.insert(e.value("action", ""));
  EXPECT_EQ(actions.count("project.propose"), 3u) << audit.body;
  EXPECT_EQ(actions.count("project.reject"), 1u) << audit.body;
  HttpResult verified = Get("/v1/audit/verify", auditor_);
  EXPECT_EQ(verified.json()["ok"], true) << verified.body;
}

// 先评估后建设: named experts recommend, the bureau closes with the median, finance approves
// (above the recommendation only with a reason), and tenders draw on what the approval leaves.
TEST_P(ProjectsE2eTest, TheBudgetIsReviewedByExpertsApprovedByFinanceAndBoundsTheTenders) {
  const std::string dept = Department("教育局 张三", "汕头市教育局");
  const std::string finance = Account("财政局 王五", "finance");
  const std::string plan = AdoptedPlan();
  HttpResult made = Post("/v1/projects", Proposal(plan, "A-1", "政务服务一网通办平台建设项目", "1800000.00"), dept);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"], path = "/v1/projects/" + id;
  std::vector<std::string> ids;
  for (const std::string& token : panel_) ids.push_back(Get("/v1/me", token).json()["id"]);

  // A tender cannot draw on a project whose budget is not approved.
  json tender = {{"title", "一网通办平台（一期）"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
                 {"method", "lowest_price"}, {"bid_deadline", "2027-01-10T02:00:00Z"}, {"project_id", id}};
  HttpResult early = Post("/v1/tenders", tender, officer_);
  ExpectProblem(early, 422, "validation");
  EXPECT_EQ(early.json()["errors"][0]["code"], "not_approved") << early.body;

  // Opening: experts only, each once; only a proposed project.
  HttpResult not_experts = Post(path + "/budget-reviews", {{"expert_ids", {ids[0], Get("/v1/me", officer_).json()["id"]}}}, kAdmin);
  ExpectProblem(not_experts, 422, "validation");
  EXPECT_EQ(not_experts.json()["errors"][0]["field"], "expert_ids[1]");
  EXPECT_EQ(not_experts.json()["errors"][0]["code"], "not_expert");
  ExpectProblem(Post(path + "/budget-reviews", {{"expert_ids", {ids[0], ids[0]}}}, kAdmin), 422, "validation");
  ExpectProblem(Post(path + "/budget-reviews", {{"expert_ids", json::array()}}, kAdmin), 422, "validation");
  ExpectProblem(Post(path + "/budget-reviews", {{"expert_ids", {ids[0]}}}, dept), 403, "forbidden");
  ExpectProblem(Post(path + "/budget-reviews/close", nullptr, kAdmin), 409, "invalid_state");
  HttpResult opened = Post(path + "/budget-reviews", {{"expert_ids", {ids[0], ids[1], ids[2], ids[3]}}}, kAdmin);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["status"], "budget_review");
  ExpectProblem(Post(path + "/budget-reviews", {{"expert_ids", {ids[4]}}}, kAdmin), 409, "invalid_state");

  // Opinions: named experts only; an expert may replace its own; each sees only its own until
  // the review closes, the bureau and finance see them all; nobody closes an empty review.
  ExpectProblem(Post(path + "/budget-reviews/close", nullptr, kAdmin), 409, "invalid_state");
  ExpectProblem(Post(path + "/budget-reviews/opinions", {{"recommended_budget", "1.00"}, {"opinion", "未被邀请"}}, panel_[4]), 403,
                "forbidden");
  ExpectProblem(Post(path + "/budget-reviews/opinions", {{"recommended_budget", "0.00"}, {"opinion", "零"}}, panel_[0]), 422,
                "validation");
  for (const auto& [who, amount] : std::vector<std::pair<int, std::string>>{{0, "1500000.00"}, {1, "1700000.00"}, {2, "1200000.00"},
                                                                            {3, "1650000.00"}, {0, "1600000.00"}}) {
    HttpResult o = Post(path + "/budget-reviews/opinions", {{"recommended_budget", amount}, {"opinion", "按市场价核定"}}, panel_[who]);
    ASSERT_EQ(o.status, 201) << o.body;
    EXPECT_EQ(o.json()["expert_name"], who == 0 ? "专家 甲" : o.json()["expert_name"]);
  }
  EXPECT_EQ(Get(path, panel_[1]).json()["budget_review"]["opinions"].size(), 1u) << "an expert sees its own while open";
  EXPECT_EQ(Get(path, finance).json()["budget_review"]["opinions"].size(), 4u) << "the first expert's second opinion replaced its first";
  EXPECT_EQ(Get(path, dept).json()["budget_review"]["opinions"].size(), 0u);
  EXPECT_EQ(Get(path, panel_[4]).status, 404) << "an expert not named does not see the project";
  EXPECT_EQ(Get("/v1/projects", panel_[1]).json()["items"].size(), 1u) << "a named expert lists the project it reviews";
  EXPECT_EQ(Get("/v1/projects", panel_[4]).json()["items"].size(), 0u);
  ExpectProblem(Post(path + "/budget-reviews/close", nullptr, finance), 403, "forbidden");
  HttpResult closed = Post(path + "/budget-reviews/close", nullptr, kAdmin);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "reviewed");
  // 1 200 000, 1 600 000, 1 650 000, 1 700 000: the lower middle of four.
  EXPECT_EQ(closed.json()["recommended_budget"], "1600000.00");
  EXPECT_EQ(Get(path, dept).json()["budget_review"]["opinions"].size(), 4u) << "all, once closed";
  ExpectProblem(Post(path + "/budget-reviews/opinions", {{"recommended_budget", "1.00"}, {"opinion", "晚了"}}, panel_[1]), 409,
                "invalid_state");

  // Finance: above the recommendation needs a reason; never above the plan item's ceiling.
  ExpectProblem(Post(path + "/budget", {{"approved_budget", "1600000.00"}}, kAdmin), 403, "forbidden");
  HttpResult silent = Post(path + "/budget", {{"approved_budget", "1700000.00"}}, finance);
  ExpectProblem(silent, 422, "validation");
  EXPECT_EQ(silent.json()["errors"][0]["field"], "comment");
  HttpResult over = Post(path + "/budget", {{"approved_budget", "2000000.01"}, {"comment", "追加"}}, finance);
  ExpectProblem(over, 422, "validation");
  EXPECT_EQ(over.json()["errors"][0]["code"], "over_ceiling");
  HttpResult approved = Post(path + "/budget", {{"approved_budget", "1700000.00"}, {"comment", "含三年运维，按评审意见上浮"}}, finance);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  EXPECT_EQ(approved.json()["approved_budget"], "1700000.00");
  ExpectProblem(Post(path + "/budget", {{"approved_budget", "1.00"}}, finance), 409, "invalid_state");

  // Tenders draw on it: 1 000 000 fits; 800 000 more does not (700 000 left); a cancelled tender
  // gives its share back.
  HttpResult first = Post("/v1/tenders", tender, officer_);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["project_id"], id);
  json second = tender;
  second["title"] = "一网通办平台（二期）";
  second["budget"] = "800000.00";
  HttpResult too_much = Post("/v1/tenders", second, officer_);
  ExpectProblem(too_much, 422, "validation");
  EXPECT_EQ(too_much.json()["errors"][0]["field"], "budget");
  EXPECT_EQ(too_much.json()["errors"][0]["code"], "over_project_budget");
  second["budget"] = "700000.00";
  HttpResult fits = Post("/v1/tenders", second, officer_);
  ASSERT_EQ(fits.status, 201) << fits.body;
  ASSERT_EQ(Post("/v1/tenders/" + first.json()["id"].get<std::string>() + "/cancel", {{"reason", "需求变更"}}, officer_).status, 200);
  second["title"] = "一网通办平台（三期）";
  second["budget"] = "1000000.00";
  EXPECT_EQ(Post("/v1/tenders", second, officer_).status, 201) << "the cancelled tender's budget is free again";
  json unknown = tender;
  unknown["project_id"] = "prj_none";
  HttpResult no_project = Post("/v1/tenders", unknown, officer_);
  ExpectProblem(no_project, 422, "validation");
  EXPECT_EQ(no_project.json()["errors"][0]["field"], "project_id");

  HttpResult verified = Get("/v1/audit/verify", auditor_);
  EXPECT_EQ(verified.json()["ok"], true) << verified.body;
}

TEST_P(ProjectsE2eTest, DepartmentAndFinanceAccountsAreChecked) {
  ExpectProblem(Post("/v1/accounts", {{"name", "无部门"}, {"role", "department"}}, kAdmin), 422, "validation");
  HttpResult stray = Post("/v1/accounts", {{"name", "财政"}, {"role", "finance"}, {"department", "市财政局"}}, kAdmin);
  ExpectProblem(stray, 422, "validation");
  EXPECT_EQ(stray.json()["errors"][0]["field"], "department");
  EXPECT_EQ(stray.json()["errors"][0]["code"], "not_allowed");
  const std::string dept = Department("教育局 张三", "汕头市教育局");
  HttpResult me = Get("/v1/me", dept);
  EXPECT_EQ(me.json()["role"], "department");
  EXPECT_EQ(me.json()["department"], "汕头市教育局") << me.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectsE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
