#include <gtest/gtest.h>

#include <set>

#include "common/crypto.h"
#include "common/text.h"

namespace common {
namespace {

TEST(CryptoTest, Sha256KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, HmacSha256Rfc4231Case2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoTest, TokensAndIdsAreWellFormedAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = NewToken();
    EXPECT_EQ(t.size(), 4u + 43u);
    EXPECT_EQ(t.substr(0, 4), "rgt_");
    EXPECT_TRUE(seen.insert(t).second);
    std::string id = NewId("acc");
    EXPECT_EQ(id.size(), 4u + 20u);
    EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567", 4), std::string::npos) << id;
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(CryptoTest, SequentialIdsIncreaseWithinARunAndDifferAcrossRuns) {
  SequentialIds a("itm"), b("itm");
  std::string last;
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    std::string id = a.Next();
    EXPECT_EQ(id.size(), 4u + 12u);
    EXPECT_EQ(id.rfind("itm_", 0), 0u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdefghijklmnopqrstuv", 4), std::string::npos) << id;
    EXPECT_LT(last, id) << "in the order made";
    last = id;
    EXPECT_TRUE(seen.insert(id).second);
    EXPECT_TRUE(seen.insert(b.Next()).second) << "another run's ids differ";
  }
}

TEST(CryptoTest, Base64UrlRoundTripAndStrictDecode) {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "\xff\x00\x10"}) {
    std::string out;
    ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(s), &out));
    EXPECT_EQ(out, s);
  }
  std::string out;
  EXPECT_FALSE(Base64UrlDecode("a", &out));      // impossible length
  EXPECT_FALSE(Base64UrlDecode("YQ==", &out));   // padding is not used
  EXPECT_FALSE(Base64UrlDecode("YR", &out));     // non-canonical trailing bits
  EXPECT_FALSE(Base64UrlDecode("a+b/", &out));   // standard alphabet
}

TEST(TextTest, JsonQuoteEscapes) {
  EXPECT_EQ(JsonQuote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(JsonQuote("国产"), "\"国产\"");
  EXPECT_EQ(Fields().Add("b", "1").Add("a", "x\"y").ToJson(), "{\"b\":\"1\",\"a\":\"x\\\"y\"}");
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("信息系统集成 🙂"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xe4\xbf"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(Utf8Length("运维ab"), 4u);
}

TEST(TextTest, SplitKeepsEveryPieceEmptyOnesIncluded) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(Split("", ','), V{""});
  EXPECT_EQ(Split("a", ','), V{"a"});
  EXPECT_EQ(Split("a,,b,", ','), (V{"a", "", "b", ""}));
  EXPECT_EQ(Split(",a", ','), (V{"", "a"}));
  EXPECT_EQ(Split("k=v; s=t", ';'), (V{"k=v", " s=t"}));
}

}  // namespace
}  // namespace common
