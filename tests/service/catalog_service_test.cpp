// CatalogService in process (tests/service/service_harness.h): proposal, the bureau's decision,
// and the Chinese search filtered by market access.
#include <gtest/gtest.h>

#include "service_harness.h"

namespace {

using common::Code;
using service_testing::Harness;
using service_testing::Ok;

registry::NewItem Item(const std::string& name, bool domestic) {
  registry::NewItem it;
  it.category = "OPERATIONS";
  it.name = name;
  it.description = "政务云平台七乘二十四小时运行维护";
  it.domestic = domestic;
  it.unit_price = common::Money{12'000'000};
  it.unit = "年";
  return it;
}

size_t Found(Harness& h, const std::string& q) {
  registry::CatalogSearch s;
  s.q = q;
  return Ok(h.catalog->Search(h.auditor, s, {}), "search").items.size();
}

TEST(CatalogServiceTest, AnItemIsFoundOnlyOnceListedAndOnlyWhileItsVendorHasAccess) {
  Harness h;
  auto vendor = h.QualifiedVendor(1);
  auto item = Ok(h.catalog->ProposeItem(vendor, Item("国产数据库运维服务", true)), "propose");
  EXPECT_EQ(item.status, registry::ItemStatus::kPending);
  EXPECT_FALSE(item.domestic_verified);
  EXPECT_EQ(Found(h, "数据库"), 0u);

  item = Ok(h.catalog->DecideItem(h.bureau, item.id, true, ""), "decide");
  EXPECT_EQ(item.status, registry::ItemStatus::kListed);
  EXPECT_TRUE(item.domestic_verified);  // the bureau's approval verifies the claim
  EXPECT_EQ(Found(h, "数据库"), 1u);
  EXPECT_EQ(Found(h, "运维"), 1u);
  EXPECT_EQ(Found(h, "交换机"), 0u);

  registry::Sanction s;
  s.reason = "不良行为记录";
  s.starts_on = h.Today();
  s.ends_on = h.Today().AddDays(10);
  Ok(h.registry->ImposeSanction(h.bureau, vendor.vendor_id, s), "sanction");
  EXPECT_EQ(Found(h, "数据库"), 0u);  // the vendor lost market access: its items leave the search
}

TEST(CatalogServiceTest, AnItemWithBadFieldsIsRefusedWithEveryFieldAndNothingStored) {
  Harness h;
  auto vendor = h.QualifiedVendor(1);
  const int64_t before = Ok(h.audit->CurrentCheckpoint(h.auditor), "head").seq;
  registry::NewItem bad = Item("", false);
  bad.category = "NO_SUCH_CATEGORY";
  bad.unit_price = common::Money{0};
  auto refused = h.catalog->ProposeItem(vendor, bad);
  ASSERT_EQ(refused.status().code(), Code::kValidation) << refused.status().ToString();
  std::set<std::string> fields;
  for (const auto& e : refused.status().errors()) fields.insert(e.field);
  EXPECT_TRUE(fields.count("name")) << refused.status().ToString();
  EXPECT_TRUE(fields.count("category")) << refused.status().ToString();
  EXPECT_TRUE(fields.count("unit_price")) << refused.status().ToString();
  EXPECT_EQ(Ok(h.audit->CurrentCheckpoint(h.auditor), "head").seq, before);
  EXPECT_EQ(h.catalog->ProposeItem(h.bureau, Item("局里代报", false)).status().code(), Code::kForbidden);
}

TEST(CatalogServiceTest, AnotherVendorsUnlistedItemIsInvisibleAndARejectedOneStaysOut) {
  Harness h;
  auto one = h.QualifiedVendor(1);
  auto two = h.QualifiedVendor(2);
  auto item = Ok(h.catalog->ProposeItem(one, Item("机房巡检服务", false)), "propose");
  EXPECT_EQ(h.catalog->GetItem(two, item.id).status().code(), Code::kNotFound);
  EXPECT_TRUE(h.catalog->GetItem(one, item.id).ok());
  Ok(h.catalog->DecideItem(h.bureau, item.id, false, "价格依据不足"), "reject");
  EXPECT_EQ(Found(h, "巡检"), 0u);
  EXPECT_EQ(h.catalog->GetItem(two, item.id).status().code(), Code::kNotFound);
}

}  // namespace
