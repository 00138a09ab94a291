#include "common/search_terms.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace common {
namespace {

using V = std::vector<std::string>;

V Sorted(V v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(SearchTermsTest, IndexesCjkCharactersPairsAndLatinWords) {
  EXPECT_EQ(IndexTerms("国产服务器 X86"), Sorted({"x86", "产", "产服", "务", "务器", "国", "国产", "服", "服务", "器"}));
  EXPECT_EQ(IndexTerms("ISO/IEC 27001"), (V{"27001", "iec", "iso"}));
  EXPECT_EQ(IndexTerms("，。！"), V{});
  EXPECT_EQ(IndexTerms(""), V{});
}

TEST(SearchTermsTest, QueriesUsePairsForTwoOrMoreCharacters) {
  EXPECT_EQ(QueryTerms("运维"), V{"运维"});
  EXPECT_EQ(QueryTerms("服务器"), Sorted({"务器", "服务"}));
  EXPECT_EQ(QueryTerms("器"), V{"器"});
  EXPECT_EQ(QueryTerms("信创 Linux"), Sorted({"linux", "信创"}));
  EXPECT_EQ(QueryTerms("ＩＳＯ２７００１"), V{"iso27001"});  // full-width folds to ASCII
}

TEST(SearchTermsTest, EveryQueryTermOfASubstringIsIndexed) {
  std::string text = "政府采购服务目录：信息系统集成运维服务（国产化）";
  auto index = IndexTerms(text);
  for (std::string q : {"运维", "国产", "信息系统", "集成运维", "采", "目录"}) {
    for (const auto& t : QueryTerms(q)) {
      EXPECT_TRUE(std::binary_search(index.begin(), index.end(), t)) << q << " / " << t;
    }
    EXPECT_TRUE(Matches(text, q)) << q;
  }
}

TEST(SearchTermsTest, MatchesChecksContiguity) {
  // Both pairs of 服务器 occur, but not together.
  EXPECT_FALSE(Matches("服务 与 务器", "服务器"));
  EXPECT_TRUE(Matches("国产服务器", "服务器"));
  EXPECT_TRUE(Matches("Kylin OS 麒麟", "kylin 麒麟"));
  EXPECT_FALSE(Matches("Kylinx", "kylin"));  // Latin words match whole words
  EXPECT_FALSE(Matches("国产", "运维"));
  // A change between CJK and Latin ends a run even with no separator.
  EXPECT_TRUE(Matches("x86服务器", "X86"));
  EXPECT_TRUE(Matches("服务器x86", "x86 服务器"));
  EXPECT_FALSE(Matches("服务器x86", "器x"));  // "x" is not a whole word of the text
  EXPECT_TRUE(Matches("anything", "，。"));   // a query with no runs matches everything
}

TEST(SearchTermsTest, MatcherAgreesWithMatchesAcrossTexts) {
  const Matcher m("国产 kylin");
  for (std::string text : {"国产 Kylin 麒麟", "kylin", "国产", "KYLIN国产", "", "国 产 kylin"}) {
    EXPECT_EQ(m(text), Matches(text, "国产 kylin")) << text;
  }
  EXPECT_TRUE(m("KYLIN国产"));
  EXPECT_FALSE(m("国 产 kylin"));
}

}  // namespace
}  // namespace common
