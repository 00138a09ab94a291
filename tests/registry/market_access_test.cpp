#include "registry/market_access.h"

#include <gtest/gtest.h>

namespace registry {
namespace {

using common::Date;

Date D(const char* s) { return *common::ParseDate(s); }

TypeTable Types() {
  TypeTable t;
  t["CS"] = {"CS", "信息系统建设和服务能力评估", Holder::kVendor, {"CS1", "CS2", "CS3", "CS4", "CS5"}, 4};
  // ITSS: 一级 is the highest, so it is last.
  t["ITSS"] = {"ITSS", "ITSS 运维", Holder::kVendor, {"四级", "三级", "二级", "一级"}, 3};
  t["ISO27001"] = {"ISO27001", "ISO/IEC 27001", Holder::kVendor, {}, 3};
  t["PMP_SR"] = {"PMP_SR", "信息系统项目管理师", Holder::kPractitioner, {}, 0};
  t["CISP"] = {"CISP", "CISP", Holder::kPractitioner, {"CISP", "CISP-PTE"}, 3};
  return t;
}

Qualification Q(const std::string& type, const std::string& level, const char* issued, const char* expires,
                QualificationStatus st = QualificationStatus::kActive, const std::string& id = "q") {
  Qualification q;
  q.id = id;
  q.type = type;
  q.level = level;
  q.certificate_no = "CERT-" + id;
  q.issued_on = D(issued);
  q.expires_on = D(expires);
  q.status = st;
  return q;
}

Requirement NeedQ(const std::string& code, const std::string& min_level) {
  return {Requirement::Kind::kQualification, code, min_level, 1};
}
Requirement NeedC(const std::string& code, int n, const std::string& min_level = "") {
  return {Requirement::Kind::kCredential, code, min_level, n};
}

Practitioner P(std::vector<Credential> creds) {
  Practitioner p;
  p.credentials = std::move(creds);
  return p;
}
Credential C(const std::string& type, const char* issued, const char* expires = nullptr, const std::string& level = "") {
  Credential c;
  c.type = type;
  c.level = level;
  c.issued_on = D(issued);
  if (expires) c.expires_on = D(expires);
  return c;
}

VendorSnapshot Listed() {
  VendorSnapshot v;
  v.status = VendorStatus::kListed;
  return v;
}

std::vector<std::string> Codes(const AccessDecision& d) {
  std::vector<std::string> out;
  for (const auto& r : d.reasons) out.push_back(r.code);
  return out;
}

using Codes_ = std::vector<std::string>;

TEST(MarketAccessTest, ListedVendorWithNoRequirementsIsEligible) {
  auto d = DecideMarketAccess(Listed(), {}, Types(), D("2026-12-01"));
  EXPECT_TRUE(d.eligible);
  EXPECT_TRUE(d.reasons.empty());
}

TEST(MarketAccessTest, NotListed) {
  for (VendorStatus s : {VendorStatus::kRegistered, VendorStatus::kDelisted}) {
    VendorSnapshot v;
    v.status = s;
    auto d = DecideMarketAccess(v, {}, Types(), D("2026-12-01"));
    EXPECT_FALSE(d.eligible);
    EXPECT_EQ(Codes(d), Codes_{"not_listed"});
    EXPECT_FALSE(d.reasons[0].requirement.has_value());
  }
}

TEST(MarketAccessTest, SanctionInForceOnItsFirstAndLastDayOnly) {
  VendorSnapshot v = Listed();
  Sanction s;
  s.kind = SanctionKind::kDebarment;
  s.reason = "围标";
  s.starts_on = D("2026-03-01");
  s.ends_on = D("2026-08-31");
  v.sanctions.push_back(s);
  EXPECT_TRUE(DecideMarketAccess(v, {}, Types(), D("2026-02-28")).eligible);
  EXPECT_EQ(Codes(DecideMarketAccess(v, {}, Types(), D("2026-03-01"))), Codes_{"sanctioned"});
  EXPECT_EQ(Codes(DecideMarketAccess(v, {}, Types(), D("2026-08-31"))), Codes_{"sanctioned"});
  EXPECT_TRUE(DecideMarketAccess(v, {}, Types(), D("2026-09-01")).eligible);
  auto d = DecideMarketAccess(v, {}, Types(), D("2026-05-01"));
  EXPECT_EQ(d.reasons[0].message, "debarment from 2026-03-01 to 2026-08-31: 围标");
  v.sanctions[0].lifted = true;
  EXPECT_TRUE(DecideMarketAccess(v, {}, Types(), D("2026-05-01")).eligible);
}

TEST(MarketAccessTest, TwoSanctionsGiveTwoReasons) {
  VendorSnapshot v = Listed();
  Sanction a, b;
  a.starts_on = b.starts_on = D("2026-01-01");
  a.ends_on = b.ends_on = D("2026-12-31");
  v.sanctions = {a, b};
  EXPECT_EQ(Codes(DecideMarketAccess(v, {}, Types(), D("2026-06-01"))), (Codes_{"sanctioned", "sanctioned"}));
}

TEST(MarketAccessTest, MissingQualification) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("ITSS", "三级", "2025-01-01", "2027-12-31")};
  auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01"));
  ASSERT_EQ(Codes(d), Codes_{"missing_qualification"});
  EXPECT_EQ(*d.reasons[0].requirement, NeedQ("CS", "CS3"));
}

TEST(MarketAccessTest, LevelTooLowNamesWhatIsHeld) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS2", "2025-01-01", "2028-12-31")};
  auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01"));
  ASSERT_EQ(Codes(d), Codes_{"qualification_level_too_low"});
  EXPECT_EQ(d.reasons[0].message, "holds CS2, needs CS3 or higher");
}

TEST(MarketAccessTest, HigherLevelSatisfiesLowerRequirement) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS4", "2025-01-01", "2028-12-31")};
  EXPECT_TRUE(DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01")).eligible);
  EXPECT_TRUE(DecideMarketAccess(v, {NeedQ("CS", "CS4")}, Types(), D("2026-12-01")).eligible);
  EXPECT_FALSE(DecideMarketAccess(v, {NeedQ("CS", "CS5")}, Types(), D("2026-12-01")).eligible);
}

TEST(MarketAccessTest, LevelOrderFollowsTheTypeNotTheName) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("ITSS", "一级", "2025-01-01", "2027-12-31")};
  EXPECT_TRUE(DecideMarketAccess(v, {NeedQ("ITSS", "二级")}, Types(), D("2026-12-01")).eligible);
  v.qualifications = {Q("ITSS", "三级", "2025-01-01", "2027-12-31")};
  auto d = DecideMarketAccess(v, {NeedQ("ITSS", "二级")}, Types(), D("2026-12-01"));
  EXPECT_EQ(Codes(d), Codes_{"qualification_level_too_low"});
  EXPECT_EQ(d.reasons[0].message, "holds 三级, needs 二级 or higher");
}

TEST(MarketAccessTest, ValidOnFirstAndLastDay) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS3", "2026-01-10", "2030-01-09")};
  auto at = [&](const char* day) { return Codes(DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D(day))); };
  EXPECT_EQ(at("2026-01-09"), Codes_{"not_yet_valid"});
  EXPECT_EQ(at("2026-01-10"), Codes_{});
  EXPECT_EQ(at("2030-01-09"), Codes_{});
  EXPECT_EQ(at("2030-01-10"), Codes_{"qualification_expired"});
  auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2030-01-10"));
  EXPECT_EQ(d.reasons[0].message, "CS3 (CERT-q) expired on 2030-01-09");
}

TEST(MarketAccessTest, SuspendedAndRevoked) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS3", "2025-01-01", "2028-12-31", QualificationStatus::kSuspended)};
  EXPECT_EQ(Codes(DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01"))),
            Codes_{"qualification_suspended"});
  v.qualifications[0].status = QualificationStatus::kRevoked;
  EXPECT_EQ(Codes(DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01"))),
            Codes_{"qualification_revoked"});
  // A revoked certificate stays revoked after its expiry: the status outranks the date.
  EXPECT_EQ(Codes(DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2029-06-01"))),
            Codes_{"qualification_revoked"});
}

TEST(MarketAccessTest, AnyOneValidQualificationSuffices) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS3", "2020-01-01", "2023-12-31", QualificationStatus::kActive, "old"),
                      Q("CS", "CS3", "2024-01-01", "2027-12-31", QualificationStatus::kActive, "new")};
  EXPECT_TRUE(DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01")).eligible);
}

TEST(MarketAccessTest, MostRecentSufficientQualificationDecidesTheReason) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS3", "2018-01-01", "2021-12-31", QualificationStatus::kActive, "old"),
                      Q("CS", "CS4", "2022-01-01", "2025-12-31", QualificationStatus::kSuspended, "new"),
                      Q("CS", "CS1", "2024-01-01", "2027-12-31", QualificationStatus::kActive, "low")};
  auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2025-06-01"));
  ASSERT_EQ(Codes(d), Codes_{"qualification_suspended"});
  EXPECT_EQ(d.reasons[0].message, "CS4 (CERT-new) is suspended");
}

// Two sufficient qualifications issued the same day: the later id (the later record) decides
// the reason, whatever order the snapshot lists them in. Mutation testing found the tie-break
// could be flipped unnoticed.
TEST(MarketAccessTest, SameDayQualificationsAreDecidedByTheLaterId) {
  Qualification suspended = Q("CS", "CS3", "2022-01-01", "2027-12-31", QualificationStatus::kSuspended, "q1");
  Qualification revoked = Q("CS", "CS3", "2022-01-01", "2027-12-31", QualificationStatus::kRevoked, "q2");
  for (const auto& order : {std::vector<Qualification>{suspended, revoked}, std::vector<Qualification>{revoked, suspended}}) {
    VendorSnapshot v = Listed();
    v.qualifications = order;
    auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01"));
    ASSERT_EQ(Codes(d), Codes_{"qualification_revoked"});
    EXPECT_EQ(d.reasons[0].message, "CS3 (CERT-q2) is revoked");
  }
}

TEST(MarketAccessTest, LevelTooLowPrefersAValidLevelInTheMessage) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS2", "2018-01-01", "2021-12-31", QualificationStatus::kActive, "expired"),
                      Q("CS", "CS1", "2024-01-01", "2027-12-31", QualificationStatus::kActive, "valid")};
  auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3")}, Types(), D("2026-12-01"));
  EXPECT_EQ(d.reasons[0].message, "holds CS1, needs CS3 or higher");
}

TEST(MarketAccessTest, TypeWithoutLevels) {
  VendorSnapshot v = Listed();
  EXPECT_EQ(Codes(DecideMarketAccess(v, {NeedQ("ISO27001", "")}, Types(), D("2026-12-01"))),
            Codes_{"missing_qualification"});
  v.qualifications = {Q("ISO27001", "", "2025-01-01", "2027-12-31")};
  EXPECT_TRUE(DecideMarketAccess(v, {NeedQ("ISO27001", "")}, Types(), D("2026-12-01")).eligible);
}

TEST(MarketAccessTest, PractitionerCounts) {
  VendorSnapshot v = Listed();
  v.practitioners = {P({C("PMP_SR", "2019-05-01")}),
                     P({C("PMP_SR", "2020-05-01"), C("PMP_SR", "2021-05-01")}),  // counts once
                     P({C("CISP", "2020-01-01", "2022-12-31", "CISP")})};         // expired
  auto d = DecideMarketAccess(v, {NeedC("PMP_SR", 2)}, Types(), D("2026-12-01"));
  EXPECT_TRUE(d.eligible);
  d = DecideMarketAccess(v, {NeedC("PMP_SR", 3)}, Types(), D("2026-12-01"));
  ASSERT_EQ(Codes(d), Codes_{"insufficient_practitioners"});
  EXPECT_EQ(d.reasons[0].message, "2 practitioner(s) hold a valid PMP_SR, needs 3");
  EXPECT_EQ(Codes(DecideMarketAccess(v, {NeedC("CISP", 1)}, Types(), D("2026-12-01"))),
            Codes_{"insufficient_practitioners"});
  EXPECT_TRUE(DecideMarketAccess(v, {NeedC("CISP", 1)}, Types(), D("2022-12-31")).eligible);   // last day
  EXPECT_FALSE(DecideMarketAccess(v, {NeedC("PMP_SR", 1)}, Types(), D("2019-04-30")).eligible);  // before issue
  EXPECT_TRUE(DecideMarketAccess(v, {NeedC("PMP_SR", 1)}, Types(), D("2019-05-01")).eligible);
}

TEST(MarketAccessTest, PractitionerLevels) {
  VendorSnapshot v = Listed();
  v.practitioners = {P({C("CISP", "2025-01-01", "2027-12-31", "CISP")}),
                     P({C("CISP", "2025-01-01", "2027-12-31", "CISP-PTE")})};
  EXPECT_TRUE(DecideMarketAccess(v, {NeedC("CISP", 2)}, Types(), D("2026-12-01")).eligible);
  auto d = DecideMarketAccess(v, {NeedC("CISP", 2, "CISP-PTE")}, Types(), D("2026-12-01"));
  ASSERT_EQ(Codes(d), Codes_{"insufficient_practitioners"});
  EXPECT_EQ(d.reasons[0].message, "1 practitioner(s) hold a valid CISP at CISP-PTE or higher, needs 2");
}

TEST(MarketAccessTest, EveryReasonAtOnceInOrder) {
  VendorSnapshot v;
  v.status = VendorStatus::kDelisted;
  Sanction s;
  s.starts_on = D("2026-01-01");
  s.ends_on = D("2026-12-31");
  v.sanctions = {s};
  v.qualifications = {Q("CS", "CS2", "2025-01-01", "2028-12-31", QualificationStatus::kActive, "a"),
                      Q("ITSS", "二级", "2022-01-01", "2024-12-31", QualificationStatus::kActive, "b")};
  std::vector<Requirement> reqs = {NeedQ("ISO27001", ""), NeedQ("CS", "CS3"), NeedQ("ITSS", "二级"),
                                   NeedC("PMP_SR", 1)};
  auto d = DecideMarketAccess(v, reqs, Types(), D("2026-12-01"));
  EXPECT_FALSE(d.eligible);
  EXPECT_EQ(Codes(d), (Codes_{"not_listed", "sanctioned", "missing_qualification", "qualification_level_too_low",
                              "qualification_expired", "insufficient_practitioners"}));
}

TEST(MarketAccessTest, EligibleIffNoReasonsOverManyDates) {
  VendorSnapshot v = Listed();
  v.qualifications = {Q("CS", "CS3", "2026-01-10", "2030-01-09")};
  Sanction s;
  s.starts_on = D("2027-03-01");
  s.ends_on = D("2027-03-31");
  v.sanctions = {s};
  v.practitioners = {P({C("PMP_SR", "2026-06-01")})};
  int eligible_days = 0;
  for (int32_t day = D("2025-12-01").days; day <= D("2030-02-01").days; ++day) {
    auto d = DecideMarketAccess(v, {NeedQ("CS", "CS3"), NeedC("PMP_SR", 1)}, Types(), Date{day});
    ASSERT_EQ(d.eligible, d.reasons.empty());
    eligible_days += d.eligible;
  }
  // 2026-06-01 .. 2030-01-09 minus the 31 days of March 2027.
  EXPECT_EQ(eligible_days, D("2030-01-09").days - D("2026-06-01").days + 1 - 31);
}

TEST(CheckRequirementsTest, NamesEveryProblemByField) {
  std::vector<common::FieldError> errors;
  CheckRequirements({NeedQ("CS", "CS3"), NeedC("PMP_SR", 2), NeedQ("ISO27001", "")}, Types(), &errors);
  EXPECT_TRUE(errors.empty());
  CheckRequirements({NeedQ("NOPE", "x"), NeedQ("PMP_SR", ""), NeedQ("CS", "CS9"), NeedQ("CS", ""), NeedC("CS", 1),
                     NeedC("CISP", 0)},
                    Types(), &errors);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : errors) got.emplace_back(e.field, e.code);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"requirements[0].qualification", "unknown"},
                     {"requirements[1].qualification", "holder"},
                     {"requirements[2].min_level", "unknown"},
                     {"requirements[3].min_level", "required"},
                     {"requirements[4].credential", "holder"},
                     {"requirements[5].min_count", "range"}}));
}

}  // namespace
}  // namespace registry
