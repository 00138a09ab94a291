// PageOf (storage/sql_page.h): the one "fetch one extra row" page reader every list query uses.
#include <gtest/gtest.h>

#include "storage/sql_page.h"

namespace {

using common::Result;
using common::Status;
using storage::PageOf;
using storage::Row;

struct Item {
  std::string id;
};

std::vector<Row> Rows(int n) {
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) rows.push_back(Row({storage::Value(std::string("id") + std::to_string(i))}));
  return rows;
}
Result<Item> Read(const Row& r) { return Item{r.Text(0)}; }

TEST(SqlPageTest, TheExtraRowSetsNextFromTheLastItemOfThePage) {
  registry::PageRequest page{3, ""};
  EXPECT_EQ(storage::FetchLimit(page), 4);
  auto full = PageOf<Item>(Rows(4), page, Read);
  ASSERT_TRUE(full.ok());
  ASSERT_EQ(full->items.size(), 3u);
  EXPECT_EQ(full->next, "id2");
  auto last = PageOf<Item>(Rows(3), page, Read);  // exactly a page: nothing follows
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->items.size(), 3u);
  EXPECT_FALSE(last->next.has_value());
  auto keyed = PageOf<Item>(Rows(4), page, Read, [](const Item& it) { return "k:" + it.id; });
  EXPECT_EQ(keyed->next, "k:id2");
}

TEST(SqlPageTest, AnEmptyPageHasNoNextAndAFailedRowFailsThePage) {
  auto none = PageOf<Item>(Rows(1), registry::PageRequest{0, ""}, Read);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->items.empty());
  EXPECT_FALSE(none->next.has_value());
  auto bad = PageOf<Item>(Rows(2), registry::PageRequest{5, ""}, [](const Row& r) -> Result<Item> {
    if (r.Text(0) == "id1") return Status::Internal("a stored value this version does not know");
    return Item{r.Text(0)};
  });
  EXPECT_EQ(bad.status().code(), common::Code::kInternal);
}

}  // namespace
