#include "common/credit_code.h"

#include <gtest/gtest.h>

namespace common {
namespace {

std::string Code(const Status& s) { return s.ok() ? "ok" : s.errors().at(0).code; }

TEST(CreditCodeTest, AcceptsRealCodes) {
  EXPECT_TRUE(CheckCreditCode("91110000802100433B").ok());  // the GB 32100 example in the issue
  EXPECT_EQ(CreditCodeCheckChar("91110000802100433"), 'B');
}

TEST(CreditCodeTest, RejectsWrongCheckCharacter) {
  auto st = CheckCreditCode("91110000802100433C", "credit_code");
  EXPECT_EQ(st.code(), Code::kValidation);
  EXPECT_EQ(st.errors().at(0).field, "credit_code");
  EXPECT_EQ(Code(st), "checksum");
}

TEST(CreditCodeTest, RejectsLengthAndCharset) {
  EXPECT_EQ(Code(CheckCreditCode("91110000802100433")), "length");
  EXPECT_EQ(Code(CheckCreditCode("91110000802100433BB")), "length");
  EXPECT_EQ(Code(CheckCreditCode("")), "length");
  EXPECT_EQ(Code(CheckCreditCode("9111000080210043IB")), "charset");  // I is not used
  EXPECT_EQ(Code(CheckCreditCode("9111000080210043OB")), "charset");
  EXPECT_EQ(Code(CheckCreditCode("91110000802100433b")), "charset");  // lowercase
  EXPECT_EQ(Code(CheckCreditCode("91110000802100433\xE4")), "charset");
}

TEST(CreditCodeTest, EverySingleCharacterChangeIsCaught) {
  // The mod-31 check catches any one substitution in the first 17 characters.
  const std::string good = "91110000802100433B";
  const std::string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (size_t i = 0; i < 17; ++i) {
    for (char c : charset) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      EXPECT_EQ(Code(CheckCreditCode(bad)), "checksum") << bad;
    }
  }
}

TEST(CreditCodeTest, GeneratedCodesPass) {
  std::string body = "9144050000000000";
  for (char c : std::string("0123456789ABCDEF")) {
    std::string first17 = body + c;
    std::string code = first17 + CreditCodeCheckChar(first17);
    EXPECT_TRUE(CheckCreditCode(code).ok()) << code;
  }
}

// The check character 0 comes from a weighted sum divisible by 31, where (31 - 0) would index one
// past the end of the charset without the final mod 31. Mutation testing found no unit test
// produced it; this one looks for such codes and checks them against the standard's rule.
TEST(CreditCodeTest, CheckCharacterZeroIsMadeAndAccepted) {
  const std::string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int zeros = 0;
  for (int n = 0; n < 2000 && zeros < 3; ++n) {
    std::string first17 = "91440500" + std::to_string(100000000 + n).substr(0, 9);
    int sum = 0, w = 1;
    for (char c : first17) {
      sum += static_cast<int>(charset.find(c)) * w;
      w = w * 3 % 31;
    }
    char want = charset[(31 - sum % 31) % 31];
    EXPECT_EQ(CreditCodeCheckChar(first17), want) << first17;
    if (want != '0') continue;
    ++zeros;
    EXPECT_TRUE(CheckCreditCode(first17 + "0").ok()) << first17;
    EXPECT_EQ(Code(CheckCreditCode(first17 + "1")), "checksum");
  }
  EXPECT_EQ(zeros, 3) << "no code with the check character 0 was found";
}

}  // namespace
}  // namespace common

TEST(CreditCodeTest, CanonicalFormUpperCasesLettersOnly) {
  EXPECT_EQ(common::CanonicalCreditCode("91110000802100433b"), "91110000802100433B");
  EXPECT_TRUE(common::CheckCreditCode(common::CanonicalCreditCode("91110000802100433b")).ok());
  // Only ASCII letters change: a non-ASCII byte stays and is still refused.
  EXPECT_EQ(common::CanonicalCreditCode("9111000080210043\xE4z"), "9111000080210043\xE4Z");
  EXPECT_EQ(common::CanonicalCreditCode(""), "");
}
