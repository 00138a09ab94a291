// TenderService in process (tests/service/service_harness.h): the procedure from creation to
// award, the domestic preference that counts only what the bureau verified, and the refusals
// that must leave nothing behind.
#include <gtest/gtest.h>

#include "service_harness.h"

namespace {

using common::Code;
using common::Money;
using registry::Actor;
using registry::Role;
using service_testing::Harness;
using service_testing::Ok;

constexpr int64_t kDay = 86400LL * 1000000;

struct Scene {
  Harness h;
  Actor officer;
  std::vector<Actor> vendors;
  procurement::Tender tender;

  explicit Scene(procurement::Method method = procurement::Method::kLowestPrice) {
    auto made = Ok(h.accounts->Create(h.bureau, {"采购经办人", Role::kOfficer, "", ""}), "officer");
    officer = Actor{made.account.id, Role::kOfficer, ""};
    for (int n = 1; n <= 3; ++n) vendors.push_back(h.QualifiedVendor(n));
    procurement::NewTender t;
    t.title = "政务云运维服务采购";
    t.category = "OPERATIONS";
    t.budget = Money{50'000'000};
    t.method = method;
    t.bid_deadline = common::Timestamp{h.clock.Now().micros + 10 * kDay};
    tender = Ok(h.tenders->Create(officer, t), "create");
    tender = Ok(h.tenders->Publish(officer, tender.id), "publish");
  }
  // A listed item of `vendor` whose domestic claim the bureau verified.
  std::string DomesticItem(const Actor& vendor) {
    registry::NewItem it;
    it.category = "OPERATIONS";
    it.name = "国产操作系统运维服务";
    it.description = "信创终端与服务器运行维护";
    it.domestic = true;
    it.unit_price = Money{1'000'000};
    it.unit = "年";
    auto item = Ok(h.catalog->ProposeItem(vendor, it), "item");
    return Ok(h.catalog->DecideItem(h.bureau, item.id, true, ""), "decide").id;
  }
  std::string Bid(const Actor& vendor, int64_t fen, bool claim_domestic, std::vector<std::string> items = {}) {
    procurement::NewBid b;
    b.price = Money{fen};
    b.domestic = claim_domestic;
    b.items = std::move(items);
    return Ok(h.tenders->SubmitBid(vendor, tender.id, b), "bid").bid.id;
  }
  void PassDeadline() { h.clock.AdvanceMicros(10 * kDay + 1); }
};

// Two bids at the same lowest price: the one whose domestic products the bureau verified wins;
// a domestic claim with no verified item counts for nothing.
TEST(TenderServiceTest, ATieAtTheLowestPriceGoesToTheVerifiedDomesticBid) {
  Scene s;
  std::string item = s.DomesticItem(s.vendors[2]);
  s.Bid(s.vendors[0], 40'000'000, /*claim_domestic=*/true);  // claimed, nothing verified
  std::string verified = s.Bid(s.vendors[2], 40'000'000, true, {item});
  s.Bid(s.vendors[1], 45'000'000, false);
  s.PassDeadline();
  Ok(s.h.tenders->Open(s.officer, s.tender.id), "open");
  auto report = Ok(s.h.tenders->Evaluate(s.officer, s.tender.id), "evaluate");
  ASSERT_TRUE(report.recommended);
  ASSERT_TRUE(report.winner.has_value());
  EXPECT_EQ(*report.winner, verified);
  ASSERT_EQ(report.ranking.size(), 3u);
  EXPECT_EQ(report.ranking[0].tie_break, "domestic_preference");
  EXPECT_TRUE(report.ranking[0].domestic);
  EXPECT_FALSE(report.ranking[1].domestic);  // claimed only
  auto awarded = Ok(s.h.tenders->Award(s.officer, s.tender.id, verified, ""), "award");
  EXPECT_EQ(awarded.status, procurement::TenderStatus::kAwarded);
}

TEST(TenderServiceTest, AMalformedBidWritesNothingAndTheDeadlineClosesBidding) {
  Scene s;
  const int64_t before = Ok(s.h.audit->CurrentCheckpoint(s.h.auditor), "head").seq;
  procurement::NewBid bad;
  bad.price = Money{0};
  bad.items = {"item-no-such"};
  auto refused = s.h.tenders->SubmitBid(s.vendors[0], s.tender.id, bad);
  ASSERT_EQ(refused.status().code(), Code::kValidation) << refused.status().ToString();
  std::set<std::string> fields;
  for (const auto& e : refused.status().errors()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"price", "items[0]"}));
  EXPECT_EQ(s.h.tenders->SubmitBid(s.officer, s.tender.id, bad).status().code(), Code::kForbidden);
  EXPECT_EQ(Ok(s.h.audit->CurrentCheckpoint(s.h.auditor), "head").seq, before);

  s.Bid(s.vendors[0], 30'000'000, false);
  s.PassDeadline();
  procurement::NewBid late;
  late.price = Money{29'000'000};
  EXPECT_EQ(s.h.tenders->SubmitBid(s.vendors[1], s.tender.id, late).status().code(), Code::kBiddingClosed);
}

// Fewer valid bids than the minimum (three): the evaluation fails the tender, nobody wins; a
// withdrawn bid is one of the missing.
TEST(TenderServiceTest, AWithdrawnBidCountsForNothingAndTooFewBidsFailTheTender) {
  Scene s;
  s.Bid(s.vendors[0], 30'000'000, false);
  s.Bid(s.vendors[1], 31'000'000, false);
  s.Bid(s.vendors[2], 29'000'000, false);
  Ok(s.h.tenders->WithdrawBid(s.vendors[2], s.tender.id), "withdraw");
  s.PassDeadline();
  Ok(s.h.tenders->Open(s.officer, s.tender.id), "open");
  auto bids = Ok(s.h.tenders->ListBids(s.officer, s.tender.id), "bids");
  EXPECT_EQ(bids.size(), 2u);
  auto report = Ok(s.h.tenders->Evaluate(s.officer, s.tender.id), "evaluate");
  EXPECT_FALSE(report.recommended);
  EXPECT_FALSE(report.winner.has_value());
  EXPECT_EQ(report.failure_reason, "too_few_valid_bids");
}

TEST(TenderServiceTest, BidsStaySealedUntilTheDeadlineAndTheOpening) {
  Scene s;
  s.Bid(s.vendors[0], 30'000'000, false);
  EXPECT_EQ(s.h.tenders->Open(s.officer, s.tender.id).status().code(), Code::kInvalidState);
  EXPECT_FALSE(s.h.tenders->ListBids(s.officer, s.tender.id).ok());  // sealed before the opening
  auto own = s.h.tenders->ListBids(s.vendors[0], s.tender.id);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->size(), 1u);  // a vendor sees its own bid
}

}  // namespace
