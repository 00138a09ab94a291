// The access cache's memo keys: no two different lists of parts share a key, whatever bytes the
// parts hold. With parts joined by a separator character, ?q=a%1Fb&category=c and
// ?q=a&category=b%1Fc shared one key, so one query could be served the other's page.
#include "registry/access_cache.h"

#include <gtest/gtest.h>

#include <set>

namespace registry {
namespace {

TEST(MemoKeyTest, PartsHoldingTheOldSeparatorDoNotCollide) {
  MemoKey a, b;
  a.Add("a\x1f" "b").Add("c");
  b.Add("a").Add("b\x1f" "c");
  EXPECT_NE(a.str(), b.str());
}

TEST(MemoKeyTest, EverySplitOfTheSameBytesIsADifferentKey) {
  // All ways to cut "1:2:3" (digits and the length marker itself) into up to three parts.
  const std::string text = "1:2:3";
  std::set<std::string> keys;
  int lists = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    for (size_t j = i; j <= text.size(); ++j) {
      MemoKey k;
      k.Add(text.substr(0, i)).Add(text.substr(i, j - i)).Add(text.substr(j));
      keys.insert(k.str());
      ++lists;
    }
  }
  EXPECT_EQ(keys.size(), static_cast<size_t>(lists));
  MemoKey two, three;
  two.Add("ab").Add("");
  three.Add("ab");
  EXPECT_NE(two.str(), three.str());  // an empty part still counts
  MemoKey n, s;
  n.Add(int64_t{12});
  s.Add("12");
  EXPECT_EQ(n.str(), s.str());  // a number is its decimal text
}

}  // namespace
}  // namespace registry
