// RegistryService in process (tests/service/service_harness.h): the approved list's rules
// without HTTP, each refusal checked to leave the audit log (and so the store) as it was.
#include <gtest/gtest.h>

#include "service_harness.h"

namespace {

using common::Code;
using service_testing::Harness;
using service_testing::Ok;

int64_t Head(Harness& h) { return Ok(h.audit->CurrentCheckpoint(h.auditor), "checkpoint").seq; }

bool HasField(const common::Status& st, const std::string& field) {
  for (const auto& e : st.errors()) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(RegistryServiceTest, ARegistrationWithBadFieldsNamesEveryOneAndWritesNothing) {
  Harness h;
  const int64_t before = Head(h);
  registry::Registration r;
  r.name = "";
  r.credit_code = "91440507MC0000001X";  // wrong check character
  r.region_code = "44050";
  r.contact.email = "not an address";
  auto done = h.registry->RegisterVendor(h.bureau, r);
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.status().code(), Code::kValidation);
  for (const char* f : {"name", "credit_code", "region_code", "contact.email"}) {
    EXPECT_TRUE(HasField(done.status(), f)) << f << " in " << done.status().ToString();
  }
  EXPECT_EQ(Head(h), before);
  EXPECT_TRUE(Ok(h.registry->ListVendors(h.bureau, {}, {}), "list").items.empty());
}

TEST(RegistryServiceTest, ACreditCodeIsRegisteredOnce) {
  Harness h;
  h.QualifiedVendor(1, /*list=*/false);
  registry::Registration r;
  r.name = "汕头市另一家科技有限公司";
  char first17[32];
  std::snprintf(first17, sizeof first17, "91440507MC%07d", 1);
  r.credit_code = std::string(first17) + common::CreditCodeCheckChar(first17);
  r.region_code = "440507";
  const int64_t before = Head(h);
  auto again = h.registry->RegisterVendor(h.bureau, r);
  EXPECT_EQ(again.status().code(), Code::kConflict) << again.status().ToString();
  EXPECT_EQ(Head(h), before);
}

// Market access is redrawn by every change that can move it: listing, a sanction and its lifting,
// a qualification suspended and reinstated, and the day (a qualification expires), read through
// the one access cache the services share.
TEST(RegistryServiceTest, MarketAccessFollowsListingSanctionsQualificationsAndTheDay) {
  Harness h;
  auto vendor = h.QualifiedVendor(1, /*list=*/false);
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "no");  // not on the approved list
  Ok(h.registry->DecideListing(h.bureau, vendor.vendor_id, true, "材料齐全"), "list");
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "yes");

  registry::Sanction s;
  s.kind = registry::SanctionKind::kSuspension;
  s.reason = "提供虚假材料";
  s.starts_on = h.Today();
  s.ends_on = h.Today().AddDays(30);
  auto sanction = Ok(h.registry->ImposeSanction(h.bureau, vendor.vendor_id, s), "sanction");
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "no");
  Ok(h.registry->LiftSanction(h.bureau, sanction.id, "复核撤销"), "lift");
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "yes");

  auto quals = Ok(h.registry->ListQualifications(h.bureau, vendor.vendor_id), "qualifications");
  std::string cs;
  for (const auto& q : quals) {
    if (q.type == "CS") cs = q.id;
  }
  ASSERT_FALSE(cs.empty());
  Ok(h.registry->ChangeQualification(h.bureau, cs, registry::QualificationAction::kSuspend, "年度复核未通过"), "suspend");
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "no");
  Ok(h.registry->ChangeQualification(h.bureau, cs, registry::QualificationAction::kReinstate, "复核通过"), "reinstate");
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "yes");

  h.clock.AdvanceMicros(301LL * 86400 * 1000000);  // the qualifications expired yesterday
  EXPECT_EQ(h.Access(vendor.vendor_id, "SYSTEM_INTEGRATION"), "no");
}

TEST(RegistryServiceTest, OnlyTheBureauDecidesAndAVendorChangesOnlyItsOwnRecord) {
  Harness h;
  auto one = h.QualifiedVendor(1, /*list=*/false);
  auto two = h.QualifiedVendor(2, /*list=*/false);
  const int64_t before = Head(h);
  EXPECT_EQ(h.registry->DecideListing(one, one.vendor_id, true, "自己批准自己").status().code(), Code::kForbidden);
  registry::Sanction s;
  s.reason = "x";
  s.starts_on = h.Today();
  s.ends_on = h.Today();
  EXPECT_EQ(h.registry->ImposeSanction(one, two.vendor_id, s).status().code(), Code::kForbidden);
  registry::VendorPatch patch;
  patch.contact_phone = "0754-88880000";
  EXPECT_EQ(h.registry->UpdateVendor(one, two.vendor_id, patch, std::nullopt).status().code(), Code::kForbidden);
  patch.name = "改名";  // the bureau's to change, even on the vendor's own record
  EXPECT_EQ(h.registry->UpdateVendor(one, one.vendor_id, patch, std::nullopt).status().code(), Code::kForbidden);
  EXPECT_EQ(Head(h), before);
  patch.name.reset();
  auto own = h.registry->UpdateVendor(one, one.vendor_id, patch, std::nullopt);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->contact.phone, "0754-88880000");
  EXPECT_EQ(Head(h), before + 1);
}

// 挂证: one person's certificate held by two vendors at once is refused, without naming the other.
TEST(RegistryServiceTest, APersonIsHeldByOneVendorAtATime) {
  Harness h;
  h.QualifiedVendor(1);
  auto two = h.QualifiedVendor(2, /*list=*/false);
  registry::NewPractitioner p;
  p.name = "工程师0";
  p.id_number = testing_support::ValidIdNumber(10);  // vendor 1's first practitioner
  p.credentials.push_back({"RK_SI_PM", "", "SI-dup", h.Today().AddDays(-10), std::nullopt});
  const int64_t before = Head(h);
  auto dup = h.registry->AddPractitioner(h.bureau, two.vendor_id, p);
  EXPECT_EQ(dup.status().code(), Code::kConflict) << dup.status().ToString();
  EXPECT_EQ(dup.status().message().find("MC0000001"), std::string::npos);
  EXPECT_EQ(Head(h), before);
}

TEST(RegistryServiceTest, EveryChangeIsOnTheChainAndTheChainVerifies) {
  Harness h;
  const int64_t before = Head(h);
  auto vendor = h.QualifiedVendor(1);
  // register, two qualifications, two practitioners, listing: six entries at least
  EXPECT_GE(Head(h) - before, 6);
  auto report = Ok(h.audit->Verify(h.auditor), "verify");
  EXPECT_TRUE(report.ok) << report.first_bad_seq << ", " << report.mismatched_total << " mismatched";
  EXPECT_EQ(report.mismatched_total, 0);
}

// A malformed request is answered from a read with every problem, those found against the stored
// types included, and writes nothing; an unknown vendor is still 404 first.
TEST(RegistryServiceTest, MalformedRecordsAreRefusedWithEveryProblemBeforeAnyWrite) {
  Harness h;
  auto vendor = h.QualifiedVendor(1, /*list=*/false);
  const int64_t before = Head(h);

  registry::NewPractitioner p;
  p.name = "";
  p.id_number = testing_support::ValidIdNumber(99);
  p.credentials.push_back({"NO_SUCH_TYPE", "", "", h.Today(), std::nullopt});
  auto added = h.registry->AddPractitioner(h.bureau, vendor.vendor_id, p);
  ASSERT_EQ(added.status().code(), Code::kValidation) << added.status().ToString();
  for (const char* f : {"name", "credentials[0].type", "credentials[0].certificate_no"}) {
    EXPECT_TRUE(HasField(added.status(), f)) << f << " in " << added.status().ToString();
  }
  EXPECT_EQ(h.registry->AddPractitioner(h.bureau, "vnd-no-such", p).status().code(), Code::kNotFound);

  registry::Qualification q;
  q.type = "CS";
  q.level = "CS9";  // no such level
  q.issued_on = h.Today();
  q.expires_on = h.Today().AddDays(-1);
  auto recorded = h.registry->RecordQualification(h.bureau, vendor.vendor_id, q);
  ASSERT_EQ(recorded.status().code(), Code::kValidation) << recorded.status().ToString();
  for (const char* f : {"level", "certificate_no", "issuer", "expires_on"}) {
    EXPECT_TRUE(HasField(recorded.status(), f)) << f << " in " << recorded.status().ToString();
  }

  registry::VendorPatch patch;
  patch.region_code = "4405";
  patch.contact_email = "nobody";
  auto updated = h.registry->UpdateVendor(h.bureau, vendor.vendor_id, patch, std::nullopt);
  ASSERT_EQ(updated.status().code(), Code::kValidation) << updated.status().ToString();
  EXPECT_TRUE(HasField(updated.status(), "region_code"));
  EXPECT_TRUE(HasField(updated.status(), "contact.email"));
  EXPECT_EQ(Head(h), before);
}

}  // namespace
