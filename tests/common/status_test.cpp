#include "common/status.h"

#include <gtest/gtest.h>
#include <vector>

namespace common {
namespace {

// A Result made from an OK Status has nothing to give: it is an internal error in every build,
// never "ok" without a value nor a not-ok answer whose status says OK.
TEST(ResultTest, AResultFromAnOkStatusIsAnInternalError) {
  Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_FALSE(r.status().ok());
  Result<int> v = 7;
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
  Result<int> e = Status::NotFound("x");
  EXPECT_EQ(e.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace common

namespace common {
namespace {

TEST(UnreadTest, AFieldCoversWhatIsUnderItAndWhatItIsUnder) {
  Unread unread({{"contact", "type", "an object"}, {"bids[2].price", "type", "money"}});
  EXPECT_TRUE(unread.Has("contact"));
  EXPECT_TRUE(unread.Has("contact.email"));      // under an unread object
  EXPECT_TRUE(unread.Has("bids[2]"));            // a whole that holds an unread part
  EXPECT_TRUE(unread.Has("bids"));
  EXPECT_FALSE(unread.Has("bids[1].price"));
  EXPECT_FALSE(unread.Has("contacts"));          // a longer name is another field
  EXPECT_FALSE(unread.Has("bids[2].pricey"));
  EXPECT_TRUE(Unread().empty());
}

TEST(UnreadTest, KeepDropsErrorsOnUnreadFieldsAndRulesWaitingForOne) {
  Unread unread({{"bid_deadline", "format", "x"}, {"method", "enum", "x"}});
  std::vector<FieldError> found = {{"bid_deadline", "past", ""},       // its own field unread
                                   {"opening_at", "before_deadline", ""},  // needs the deadline
                                   {"price_weight", "range", ""},      // needs the method
                                   {"title", "required", ""},          // stands
                                   {"requirements[0].level", "unknown", ""}};
  auto kept = unread.Keep(found, {{"opening_at", {"bid_deadline"}}, {"price_weight", {"method", "category"}},
                                  {"requirements", {"category"}}});
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].field, "title");
  EXPECT_EQ(kept[1].field, "requirements[0].level");  // its need, the category, was read
}

}  // namespace
}  // namespace common
