#include "api/router.h"

#include <gtest/gtest.h>

namespace api {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/v1/vendors", 1);
    router_.Add("POST", "/v1/vendors", 2);
    router_.Add("GET", "/v1/vendors/{id}", 3);
    router_.Add("PATCH", "/v1/vendors/{id}", 4);
    router_.Add("GET", "/v1/vendors/{id}/qualifications", 5);
    router_.Add("POST", "/v1/qualifications/{id}/suspend", 6);
  }
  Router<int>::Outcome Match(const std::string& method, const std::string& path) {
    route_ = nullptr;
    params_.clear();
    return router_.Match(method, path, &route_, &params_, &allowed_);
  }
  Router<int> router_;
  const Router<int>::Route* route_ = nullptr;
  PathParams params_;
  std::string allowed_;
};

TEST_F(RouterTest, MatchesLiteralAndParameterisedPaths) {
  ASSERT_EQ(Match("GET", "/v1/vendors"), Router<int>::Outcome::kFound);
  EXPECT_EQ(route_->handler, 1);
  ASSERT_EQ(Match("POST", "/v1/vendors"), Router<int>::Outcome::kFound);
  EXPECT_EQ(route_->handler, 2);
  ASSERT_EQ(Match("GET", "/v1/vendors/ven_abc"), Router<int>::Outcome::kFound);
  EXPECT_EQ(route_->handler, 3);
  ASSERT_EQ(params_.size(), 1u);
  EXPECT_EQ(params_[0], (std::pair<std::string, std::string>("id", "ven_abc")));
  ASSERT_EQ(Match("GET", "/v1/vendors/x/qualifications"), Router<int>::Outcome::kFound);
  EXPECT_EQ(route_->handler, 5);
  EXPECT_EQ(route_->pattern, "/v1/vendors/{id}/qualifications");
}

TEST_F(RouterTest, DecodesParametersPerSegment) {
  ASSERT_EQ(Match("GET", "/v1/vendors/a%2Fb"), Router<int>::Outcome::kFound);
  EXPECT_EQ(params_[0].second, "a/b");  // an encoded slash stays inside the parameter
  ASSERT_EQ(Match("GET", "/v1/vendors/%E5%9B%BD%E4%BA%A7"), Router<int>::Outcome::kFound);
  EXPECT_EQ(params_[0].second, "国产");
}

TEST_F(RouterTest, UnknownPathsAndMethods) {
  EXPECT_EQ(Match("GET", "/v1/vendor"), Router<int>::Outcome::kNoPath);
  EXPECT_EQ(Match("GET", "/v1/vendors/"), Router<int>::Outcome::kNoPath);  // empty parameter
  EXPECT_EQ(Match("GET", "/v1/vendors/a/b"), Router<int>::Outcome::kNoPath);
  EXPECT_EQ(Match("GET", "/v1//vendors"), Router<int>::Outcome::kNoPath);
  EXPECT_EQ(Match("GET", "/v1/vendors/../vendors"), Router<int>::Outcome::kNoPath);
  EXPECT_EQ(Match("GET", "v1/vendors"), Router<int>::Outcome::kBadPath);
  EXPECT_EQ(Match("GET", "/v1/vendors/%zz"), Router<int>::Outcome::kBadPath);
  EXPECT_EQ(Match("GET", "/v1/vendors/%4"), Router<int>::Outcome::kBadPath);
  ASSERT_EQ(Match("DELETE", "/v1/vendors/x"), Router<int>::Outcome::kNoMethod);
  EXPECT_EQ(allowed_, "GET, PATCH");
  ASSERT_EQ(Match("get", "/v1/vendors"), Router<int>::Outcome::kNoMethod);  // methods are case-sensitive
}

TEST_F(RouterTest, DotSegmentsAreOnlyParameters) {
  ASSERT_EQ(Match("GET", "/v1/vendors/.."), Router<int>::Outcome::kFound);
  EXPECT_EQ(params_[0].second, "..");  // reaches the handler as an id that does not exist
}

}  // namespace
}  // namespace api
