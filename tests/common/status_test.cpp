#include "common/status.h"

#include <gtest/gtest.h>

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
