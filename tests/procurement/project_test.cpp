// The projects' pure rules (procurement/project.h): the plan's own checks, 先规划后立项 and the
// ceiling, 信息共享, and the words and overlap similar projects are found by.
#include "procurement/project.h"

#include <gtest/gtest.h>

namespace procurement {
namespace {

using common::Money;

Plan AdoptedPlan() {
  Plan p;
  p.title = "数字政府建设规划";
  p.period_start = *common::ParseDate("2026-01-01");
  p.period_end = *common::ParseDate("2028-12-31");
  p.items = {{"A-1", "一网通办", Money{200000000}, "SYSTEM_INTEGRATION"}, {"A-2", "城市运行监测", Money{50000000}, ""}};
  p.status = PlanStatus::kAdopted;
  return p;
}

std::set<std::string> Fields(const std::vector<common::FieldError>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.field + " " + e.code);
  return out;
}

TEST(PlanTest, APlanNeedsATitleAPeriodAndWellFormedItems) {
  EXPECT_TRUE(CheckPlan(AdoptedPlan()).empty());
  Plan p = AdoptedPlan();
  p.title = "";
  p.period_end = *common::ParseDate("2025-12-31");
  p.items = {{"A 1", "", Money{0}, ""}, {"B", "乙", Money{1}, ""}, {"B", "丙", Money{-5}, ""}, {std::string(33, 'x'), "丁", Money{1}, ""}};
  auto got = Fields(CheckPlan(p));
  for (const char* want : {"title required", "period_end before_start", "items[0].code format", "items[0].title required",
                           "items[0].budget_ceiling range", "items[2].code duplicate", "items[2].budget_ceiling range",
                           "items[3].code format"}) {
    EXPECT_TRUE(got.count(want)) << want;
  }
  EXPECT_FALSE(got.count("items[1].code duplicate")) << "the first of two equal codes is not the duplicate";
  p = AdoptedPlan();
  p.items.clear();
  EXPECT_TRUE(Fields(CheckPlan(p)).count("items required"));
  p.items.assign(501, PlanItem{"X", "x", Money{1}, ""});
  EXPECT_TRUE(Fields(CheckPlan(p)).count("items too_many"));
  // A one-day period is a period.
  p = AdoptedPlan();
  p.period_end = p.period_start;
  EXPECT_TRUE(CheckPlan(p).empty());
}

TEST(PlanTest, OnlyAnAdoptedPlansItemBecomesAProjectWithinItsCeiling) {
  const Plan plan = AdoptedPlan();
  Project p;
  p.plan_item = "A-2";
  p.budget_requested = Money{50000000};
  EXPECT_TRUE(CheckAgainstPlan(p, &plan).ok()) << "the ceiling itself is allowed";
  p.budget_requested = Money{50000001};
  common::Status st = CheckAgainstPlan(p, &plan);
  ASSERT_EQ(st.errors().size(), 1u);
  EXPECT_EQ(st.errors()[0].code, "over_ceiling");
  EXPECT_EQ(st.errors()[0].field, "budget_requested");
  p.budget_requested = Money{1};
  p.plan_item = "Z-9";
  EXPECT_EQ(CheckAgainstPlan(p, &plan).errors()[0].code, "not_in_plan");
  EXPECT_EQ(CheckAgainstPlan(p, &plan).errors()[0].field, "plan_item");
  p.plan_item = "A-1";
  EXPECT_EQ(CheckAgainstPlan(p, nullptr).errors()[0].code, "not_in_plan");
  Plan draft = plan;
  draft.status = PlanStatus::kDraft;
  EXPECT_EQ(CheckAgainstPlan(p, &draft).errors()[0].code, "not_in_plan");
  EXPECT_EQ(CheckAgainstPlan(p, &draft).errors()[0].field, "plan_id");
}

TEST(PlanTest, AProjectSharesInformationOrIsRefused) {
  EXPECT_EQ(Fields(CheckSharing({})), std::set<std::string>{"information_sharing information_sharing_required"});
  EXPECT_TRUE(CheckSharing({{"办件数据"}, {}}).empty());
  EXPECT_TRUE(CheckSharing({{}, {"人口基础信息库"}}).empty());
  auto got = Fields(CheckSharing({{"", std::string(201 * 3, 'a')}, std::vector<std::string>(51, "x")}));
  EXPECT_TRUE(got.count("information_sharing.provides[0] required"));
  EXPECT_TRUE(got.count("information_sharing.uses too_many"));
  EXPECT_EQ(got.size(), 3u) << "the long entry too";
}

TEST(PlanTest, SimilarProjectsAreFoundByTheirPairsAndWords) {
  // Pairs and Latin words; single characters are left out.
  EXPECT_EQ(SimilarityTerms("一网通办", "OA 系统"), (std::set<std::string>{"一网", "网通", "通办", "oa", "系统"}));
  EXPECT_TRUE(SimilarityTerms("", "").empty());
  // Overlap: of the smaller set, rounded down; nothing shared or nothing at all is 0.
  EXPECT_EQ(Overlap(3, 3, 10), 100);
  EXPECT_EQ(Overlap(1, 3, 10), 33);
  EXPECT_EQ(Overlap(2, 7, 7), 28);
  EXPECT_EQ(Overlap(0, 5, 5), 0);
  EXPECT_EQ(Overlap(4, 0, 5), 0);
  EXPECT_EQ(Overlap(9, 4, 5), 100) << "never above 100";
  // Two descriptions of the same platform overlap more than the threshold; unrelated ones do not.
  auto a = SimilarityTerms("政务服务一网通办平台建设项目", "建设统一的政务服务平台，实现一网通办和数据共享");
  auto b = SimilarityTerms("一网通办政务服务平台", "建设统一的政务服务平台，实现一网通办");
  auto c = SimilarityTerms("城市运行监测预警系统", "接入交通、气象、水务的运行指标");
  auto shared = [](const std::set<std::string>& x, const std::set<std::string>& y) {
    int64_t n = 0;
    for (const auto& t : x) n += y.count(t);
    return n;
  };
  EXPECT_GE(Overlap(shared(a, b), a.size(), b.size()), kSimilarOverlap);
  EXPECT_LT(Overlap(shared(a, c), a.size(), c.size()), kSimilarOverlap);
}

TEST(BudgetReviewTest, TheRecommendationIsTheMedianTheLowerMiddleOfAnEvenCount) {
  EXPECT_EQ(MedianBudget({Money{500}}).fen, 500);
  EXPECT_EQ(MedianBudget({Money{300}, Money{100}, Money{200}}).fen, 200);
  EXPECT_EQ(MedianBudget({Money{400}, Money{100}, Money{300}, Money{200}}).fen, 200) << "the lower middle of four";
  EXPECT_EQ(MedianBudget({Money{7}, Money{7}}).fen, 7);
  EXPECT_EQ(MedianBudget({Money{1}, Money{1000000000000}}).fen, 1);
}

TEST(BudgetReviewTest, ReviewersAreNamedOnceAtMostFifteen) {
  EXPECT_TRUE(CheckReviewers({"a", "b"}).empty());
  EXPECT_TRUE(Fields(CheckReviewers({})).count("expert_ids required"));
  EXPECT_TRUE(Fields(CheckReviewers({"a", "b", "a"})).count("expert_ids[2] duplicate"));
  EXPECT_TRUE(Fields(CheckReviewers({"a", ""})).count("expert_ids[1] required"));
  std::vector<std::string> many;
  for (int i = 0; i < 16; ++i) many.push_back("e" + std::to_string(i));
  EXPECT_TRUE(Fields(CheckReviewers(many)).count("expert_ids too_many"));
  many.pop_back();
  EXPECT_TRUE(CheckReviewers(many).empty());
}

TEST(BudgetReviewTest, FinanceApprovesAtMostTheCeilingAndAboveTheRecommendationOnlyWithAReason) {
  const Money rec{100000}, ceiling{150000};
  EXPECT_TRUE(CheckApproval(Money{100000}, rec, "", ceiling).ok());
  EXPECT_TRUE(CheckApproval(Money{90000}, rec, "", ceiling).ok()) << "below needs no reason";
  EXPECT_EQ(CheckApproval(Money{100001}, rec, "", ceiling).errors()[0].field, "comment");
  EXPECT_TRUE(CheckApproval(Money{100001}, rec, "含运维", ceiling).ok());
  EXPECT_EQ(CheckApproval(Money{150001}, rec, "含运维", ceiling).errors()[0].code, "over_ceiling");
  EXPECT_TRUE(CheckApproval(Money{150000}, rec, "含运维", ceiling).ok());
  EXPECT_EQ(CheckApproval(Money{0}, rec, "", ceiling).errors()[0].code, "range");
}

TEST(BudgetReviewTest, ATenderFitsInWhatTheApprovedBudgetLeaves) {
  Project p;
  p.status = ProjectStatus::kReviewed;
  EXPECT_EQ(CheckTenderBudget(p, Money{1}, Money{0}).errors()[0].code, "not_approved");
  p.status = ProjectStatus::kApproved;
  EXPECT_EQ(CheckTenderBudget(p, Money{1}, Money{0}).errors()[0].code, "not_approved") << "no approved amount";
  p.approved_budget = Money{1000};
  EXPECT_TRUE(CheckTenderBudget(p, Money{1000}, Money{0}).ok());
  EXPECT_TRUE(CheckTenderBudget(p, Money{400}, Money{600}).ok()) << "exactly what is left";
  EXPECT_EQ(CheckTenderBudget(p, Money{401}, Money{600}).errors()[0].code, "over_project_budget");
  EXPECT_EQ(CheckTenderBudget(p, Money{1}, Money{1200}).errors()[0].field, "budget") << "nothing left";
  p.status = ProjectStatus::kInProgress;
  EXPECT_TRUE(CheckTenderBudget(p, Money{1}, Money{0}).ok());
  p.status = ProjectStatus::kAccepted;
  EXPECT_EQ(CheckTenderBudget(p, Money{1}, Money{0}).errors()[0].code, "not_approved");
}

}  // namespace
}  // namespace procurement
