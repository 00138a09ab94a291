// The OpenAPI document must describe exactly the routes the router serves: every route is in
// the document, and every path and method of the document is served.
#include <gtest/gtest.h>

#include <set>

#include <functional>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace api {
namespace {

TEST(OpenApiTest, DocumentAndRouterAgree) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace(upper, path);
    }
  }
  // Registration touches no dependency, so an Api over null services lists its routes.
  Api api(ApiDeps{});
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& r : api.Routes()) served.insert(r);
  for (const auto& r : served) {
    EXPECT_TRUE(documented.count(r)) << r.first << " " << r.second << " is served but not in schema/openapi.json";
  }
  for (const auto& d : documented) {
    EXPECT_TRUE(served.count(d)) << d.first << " " << d.second << " is in schema/openapi.json but not served";
  }
  EXPECT_GE(served.size(), 8u);
}

TEST(OpenApiTest, EveryReferenceResolves) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  std::vector<std::string> refs;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      for (auto& [k, v] : j.items()) {
        if (k == "$ref" && v.is_string()) refs.push_back(v);
        walk(v);
      }
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(doc);
  ASSERT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    nlohmann::json::json_pointer ptr(ref.substr(1));
    EXPECT_TRUE(doc.contains(ptr)) << ref << " does not resolve";
  }
}

}  // namespace
}  // namespace api
