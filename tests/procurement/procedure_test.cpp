// The procedure's two pure rules (procurement/procedure.h): the amendment notice and the
// committee's reproducible draw.
#include "procurement/procedure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "common/crypto.h"

namespace procurement {
namespace {

common::Timestamp T(const char* text) { return *common::ParseTimestamp(text); }

TEST(AmendmentTest, AChangeCloserThanTheNoticeMovesTheDeadlineAnExplanationDoesNot) {
  const auto at = T("2026-12-01T02:00:00Z");
  const auto deadline = T("2026-12-10T02:00:00Z");  // 9 days left
  // Only explaining: nothing moves, however close.
  auto same = AfterClarification(at, deadline, std::nullopt, std::nullopt, std::nullopt, false, 15);
  EXPECT_EQ(same.bid_deadline, deadline);
  EXPECT_FALSE(same.extended);
  // Changing terms with 9 of 15 days left: the deadline is 15 days after the clarification.
  auto moved = AfterClarification(at, deadline, std::nullopt, std::nullopt, std::nullopt, true, 15);
  EXPECT_EQ(moved.bid_deadline, T("2026-12-16T02:00:00Z"));
  EXPECT_TRUE(moved.extended);
  // Exactly the notice left: enough, nothing moves; one microsecond less: it moves.
  auto exact = AfterClarification(at, T("2026-12-16T02:00:00Z"), std::nullopt, std::nullopt, std::nullopt, true, 15);
  EXPECT_FALSE(exact.extended);
  auto short_by_one = AfterClarification(at, T("2026-12-16T01:59:59.999999Z"), std::nullopt, std::nullopt, std::nullopt, true, 15);
  EXPECT_TRUE(short_by_one.extended);
  EXPECT_EQ(short_by_one.bid_deadline, T("2026-12-16T02:00:00Z"));
  // A new deadline asked for beyond the notice is kept; one inside it is pushed out.
  auto asked = AfterClarification(at, deadline, std::nullopt, T("2026-12-20T02:00:00Z"), std::nullopt, true, 15);
  EXPECT_EQ(asked.bid_deadline, T("2026-12-20T02:00:00Z"));
  EXPECT_FALSE(asked.extended);
  auto pushed = AfterClarification(at, deadline, std::nullopt, T("2026-12-12T02:00:00Z"), std::nullopt, true, 15);
  EXPECT_EQ(pushed.bid_deadline, T("2026-12-16T02:00:00Z"));
  // An opening left before the new deadline moves with it; a later one stays.
  auto opening = AfterClarification(at, deadline, T("2026-12-11T02:00:00Z"), std::nullopt, std::nullopt, true, 15);
  EXPECT_EQ(opening.opening_at, T("2026-12-16T02:00:00Z"));
  auto later = AfterClarification(at, deadline, T("2026-12-30T02:00:00Z"), std::nullopt, std::nullopt, true, 15);
  EXPECT_EQ(later.opening_at, T("2026-12-30T02:00:00Z"));
  // A notice of 0 days (a bureau that set none) moves nothing.
  EXPECT_FALSE(AfterClarification(at, deadline, std::nullopt, std::nullopt, std::nullopt, true, 0).extended);
}

TEST(CommitteeTest, SizeIsOddFiveOrMoreSevenForLargeBudgets) {
  EXPECT_EQ(*CommitteeSize(*common::ParseMoney("9999999.99"), 0, 0), 5);
  EXPECT_EQ(*CommitteeSize(*common::ParseMoney("10000000.00"), 0, 0), 7);
  EXPECT_EQ(*CommitteeSize(*common::ParseMoney("100.00"), 9, 0), 9);   // the bureau's policy
  EXPECT_EQ(*CommitteeSize(*common::ParseMoney("100.00"), 9, 5), 5);   // the officer's request
  for (int bad : {1, 3, 4, 6}) {
    auto r = CommitteeSize(*common::ParseMoney("100.00"), 0, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().errors().at(0).field, "size");
  }
}

TEST(CommitteeTest, TheSeedIsFixedByTheBidsWhateverTheirOrder) {
  auto d = T("2026-12-10T02:00:00Z");
  EXPECT_EQ(CommitteeSeed("tnd_1", d, {"b", "a", "c"}), CommitteeSeed("tnd_1", d, {"c", "b", "a"}));
  EXPECT_EQ(CommitteeSeed("tnd_1", d, {"a", "b"}), common::Sha256Hex("tnd_1:2026-12-10T02:00:00Z:a,b"));
  EXPECT_NE(CommitteeSeed("tnd_1", d, {"a", "b"}), CommitteeSeed("tnd_1", d, {"a", "x"}));
  EXPECT_NE(CommitteeSeed("tnd_1", d, {"a", "b"}), CommitteeSeed("tnd_2", d, {"a", "b"}));
}

std::vector<ExpertProfile> Pool(int n) {
  std::vector<ExpertProfile> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({"acc_e" + std::to_string(10 + i), true, {"SYSTEM_INTEGRATION"}, {}});
  }
  return out;
}

TEST(CommitteeTest, OnlyActiveSpecialistsWithoutTiesToABidderAreDrawn) {
  auto experts = Pool(6);
  experts.push_back({"acc_inactive", false, {"SYSTEM_INTEGRATION"}, {}});
  experts.push_back({"acc_other_field", true, {"SERVERS_NETWORK"}, {}});
  experts.push_back({"acc_tied", true, {"SYSTEM_INTEGRATION"}, {"91440507MA00000014"}});  // 回避
  experts.push_back({"acc_tied_elsewhere", true, {"SYSTEM_INTEGRATION"}, {"91110000802100433B"}});
  auto draw = DrawCommittee(experts, "SYSTEM_INTEGRATION", {"91440507MA00000014"}, 5, "seed-1");
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(draw->candidates, 7);  // six, and the one tied to a unit that does not bid
  for (const auto& m : draw->members) {
    EXPECT_NE(m, "acc_inactive");
    EXPECT_NE(m, "acc_other_field");
    EXPECT_NE(m, "acc_tied");
  }
  std::vector<std::string> sorted = draw->members;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_EQ(draw->members.size(), 5u);
  // Too few: a conflict that says how many could sit.
  auto few = DrawCommittee(experts, "SYSTEM_INTEGRATION", {"91440507MA00000014", "91110000802100433B"}, 7, "seed-1");
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().code(), common::Code::kConflict);
  EXPECT_NE(few.status().message().find("only 6"), std::string::npos) << few.status().message();
}

TEST(CommitteeTest, TheSameSeedDrawsTheSameCommitteeAnotherSeedAnother) {
  auto experts = Pool(12);
  auto first = DrawCommittee(experts, "SYSTEM_INTEGRATION", {}, 5, "seed-a");
  std::reverse(experts.begin(), experts.end());  // the order the store returns them in does not matter
  auto again = DrawCommittee(experts, "SYSTEM_INTEGRATION", {}, 5, "seed-a");
  auto other = DrawCommittee(experts, "SYSTEM_INTEGRATION", {}, 5, "seed-b");
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  EXPECT_EQ(first->members, again->members);
  EXPECT_NE(first->members, other->members);
}

// Over many seeds every candidate sits about as often as any other (5 of 10: half the time),
// and every position of the drawn order is as likely for each: no candidate is favoured by its
// account id's place in the order.
TEST(CommitteeTest, EveryCandidateIsEquallyLikely) {
  auto experts = Pool(10);
  std::map<std::string, int> sat, first;
  const int draws = 4000;
  for (int s = 0; s < draws; ++s) {
    auto d = DrawCommittee(experts, "SYSTEM_INTEGRATION", {}, 5, "seed-" + std::to_string(s));
    ASSERT_TRUE(d.ok());
    for (const auto& m : d->members) ++sat[m];
    ++first[d->members[0]];
  }
  for (const auto& e : experts) {
    double share = static_cast<double>(sat[e.account_id]) / draws;
    EXPECT_GT(share, 0.46) << e.account_id;
    EXPECT_LT(share, 0.54) << e.account_id;
    double lead = static_cast<double>(first[e.account_id]) / draws;
    EXPECT_GT(lead, 0.07) << e.account_id;
    EXPECT_LT(lead, 0.13) << e.account_id;
  }
}

}  // namespace
}  // namespace procurement

namespace procurement {
namespace {

TEST(CommitRevealTest, TheCommitmentIsTheContractsHashAndOnlyTheSamePriceAndNonceMatchIt) {
  const std::string nonce(32, 'a');
  std::string c = Commitment("tnd_1", "ven_1", "880000.00", nonce);
  EXPECT_EQ(c, common::Sha256Hex("tnd_1|ven_1|880000.00|" + nonce));
  EXPECT_TRUE(CheckCommitment(c).ok());
  EXPECT_FALSE(CheckCommitment(c.substr(1)).ok());
  std::string upper = c;
  upper[0] = 'A';
  EXPECT_FALSE(CheckCommitment(upper).ok());
  EXPECT_TRUE(CheckReveal(c, "tnd_1", "ven_1", "880000.00", nonce).ok());
  auto code = [](const common::Status& st) { return st.ok() ? std::string("ok") : st.errors().at(0).code; };
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_1", "880000.01", nonce)), "commitment_mismatch");
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_1", "880000", nonce)), "commitment_mismatch");  // the text as sent
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_2", "880000.00", nonce)), "commitment_mismatch");  // another's bid
  EXPECT_EQ(code(CheckReveal(c, "tnd_2", "ven_1", "880000.00", nonce)), "commitment_mismatch");  // another tender
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_1", "880000.00", std::string(32, 'b'))), "commitment_mismatch");
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_1", "880000.00", std::string(31, 'a'))), "format");
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_1", "880000.00", std::string(65, 'a'))), "format");
  EXPECT_EQ(code(CheckReveal(c, "tnd_1", "ven_1", "880000.00", std::string(32, 'A'))), "format");
  EXPECT_TRUE(CheckReveal(Commitment("t", "v", "1.00", std::string(64, 'f')), "t", "v", "1.00", std::string(64, 'f')).ok());
}

TEST(CommitRevealTest, TheWindowRunsFromTheOpeningForItsHoursUnlessClosedEarly) {
  const auto opened = *common::ParseTimestamp("2026-12-10T02:00:00Z");
  EXPECT_FALSE(RevealWindowOpen(opened, 24, *common::ParseTimestamp("2026-12-10T01:59:59Z"), false));
  EXPECT_TRUE(RevealWindowOpen(opened, 24, opened, false));
  EXPECT_TRUE(RevealWindowOpen(opened, 24, *common::ParseTimestamp("2026-12-11T01:59:59.999999Z"), false));
  EXPECT_FALSE(RevealWindowOpen(opened, 24, *common::ParseTimestamp("2026-12-11T02:00:00Z"), false));
  EXPECT_FALSE(RevealWindowOpen(opened, 24, opened, true));
  // Its end, as the tender shows it: the hours after the opening, or an earlier close.
  EXPECT_EQ(common::FormatTimestamp(RevealWindowEnd(opened, 24, std::nullopt)), "2026-12-11T02:00:00Z");
  EXPECT_EQ(common::FormatTimestamp(RevealWindowEnd(opened, 24, *common::ParseTimestamp("2026-12-10T05:00:00Z"))),
            "2026-12-10T05:00:00Z");
  EXPECT_EQ(common::FormatTimestamp(RevealWindowEnd(opened, 2, *common::ParseTimestamp("2026-12-10T05:00:00Z"))),
            "2026-12-10T04:00:00Z");
}

}  // namespace
}  // namespace procurement
