// The citizen ID number check (GB 11643-1999), against numbers worked by hand and an independent
// restatement of the rule. Mutation testing found it was only ever exercised by the demo fixtures.
#include "common/id_number.h"

#include <gtest/gtest.h>

namespace common {
namespace {

std::string Code(const Status& s) { return s.ok() ? "ok" : s.errors().at(0).code; }

// The rule as the standard states it: weight 2^(18-i) mod 11 for the i-th digit (i = 1..17),
// check value (12 - sum mod 11) mod 11, written X for 10.
char Reference(const std::string& first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    int w = 1;
    for (int k = 0; k < 17 - i; ++k) w = w * 2 % 11;
    sum += (first17[i] - '0') * w;
  }
  int v = (12 - sum % 11) % 11;
  return v == 10 ? 'X' : static_cast<char>('0' + v);
}

TEST(IdNumberTest, AcceptsNumbersWorkedByHand) {
  // 11010519491231002X: the standard's own example, check character X.
  EXPECT_TRUE(CheckIdNumber("11010519491231002X").ok());
  EXPECT_EQ(Reference("11010519491231002"), 'X');
  // 440524199001010010: sum 4*7+4*9+0*10+5*5+2*8+4*4+1*2+9*1+9*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+1*2
  // = 202, 202 mod 11 = 4, "10X98765432"[4] = '8'.
  EXPECT_EQ(Code(CheckIdNumber("440524199001010018")), "ok");
  EXPECT_EQ(Code(CheckIdNumber("440524199001010010")), "checksum");
}

TEST(IdNumberTest, EveryCheckValueIncludingXAndZeroAgreesWithTheStandard) {
  // Walk the serial digits until every one of the eleven check characters has been produced.
  std::string seen;
  for (int serial = 0; serial < 1000 && seen.size() < 11; ++serial) {
    std::string first17 = "44052419900101" + std::to_string(1000 + serial).substr(1);
    char check = Reference(first17);
    if (seen.find(check) == std::string::npos) seen += check;
    EXPECT_EQ(Code(CheckIdNumber(first17 + check)), "ok") << first17 + check;
    char wrong = check == '0' ? '1' : '0';
    EXPECT_EQ(Code(CheckIdNumber(first17 + wrong)), "checksum") << first17 + wrong;
  }
  EXPECT_EQ(seen.size(), 11u) << seen;
}

TEST(IdNumberTest, RefusesLengthAndCharacters) {
  EXPECT_EQ(Code(CheckIdNumber("")), "length");
  EXPECT_EQ(Code(CheckIdNumber("11010519491231002")), "length");
  EXPECT_EQ(Code(CheckIdNumber("11010519491231002XX")), "length");
  EXPECT_EQ(Code(CheckIdNumber("11010519491231002x")), "charset");  // a lowercase x
  EXPECT_EQ(Code(CheckIdNumber("1101051949123100X2")), "charset");  // X only last
  EXPECT_EQ(Code(CheckIdNumber("11010519491231002Y")), "charset");
  Status st = CheckIdNumber("123", "practitioners[0].id_number");
  EXPECT_EQ(st.errors().at(0).field, "practitioners[0].id_number");
}

TEST(IdNumberTest, MaskKeepsTheFirstAndLastFour) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "1101**********002X");
  EXPECT_EQ(MaskIdNumber("123456789"), "1234*6789");
  EXPECT_EQ(MaskIdNumber("12345678"), "********");
  EXPECT_EQ(MaskIdNumber(""), "");
}

}  // namespace
}  // namespace common
