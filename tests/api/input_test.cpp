#include "api/input.h"
#include "common/crypto.h"

#include <gtest/gtest.h>

namespace api {
namespace {

using nlohmann::json;

HttpRequest JsonRequest(const std::string& body, const std::string& ct = "application/json") {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v1/x";
  r.body = body;
  if (!ct.empty()) r.headers.emplace_back("content-type", ct);
  return r;
}

TEST(ParseJsonObjectTest, AcceptsAnObject) {
  InputError err;
  auto doc = ParseJsonObject(JsonRequest("{\"a\":1}", "application/json; charset=utf-8"), &err);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ((*doc)["a"], 1);
  EXPECT_TRUE(ParseJsonObject(JsonRequest("{}", "Application/JSON;charset=UTF-8"), &err).has_value());
}

TEST(ParseJsonObjectTest, RefusesWrongMediaType) {
  InputError err;
  EXPECT_FALSE(ParseJsonObject(JsonRequest("{}", "text/plain"), &err));
  EXPECT_EQ(err.status, 415);
  EXPECT_EQ(err.type, "unsupported_media_type");
  EXPECT_FALSE(ParseJsonObject(JsonRequest("{}", ""), &err));
  EXPECT_EQ(err.status, 415);
  EXPECT_FALSE(ParseJsonObject(JsonRequest("{}", "application/json; charset=latin1"), &err));
  EXPECT_EQ(err.status, 415);
}

TEST(ParseJsonObjectTest, RefusesMalformedJson) {
  for (const char* bad : {"", "{", "{\"a\":}", "[1]", "\"s\"", "{\"a\":1} x", "{'a':1}", "{\"a\":1,}",
                          "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "{\"a\":\"\xff\"}",
                          "{\"a\":NaN}", "{/*c*/\"a\":1}"}) {
    InputError err;
    EXPECT_FALSE(ParseJsonObject(JsonRequest(bad), &err)) << bad;
    EXPECT_EQ(err.status, 400) << bad;
    EXPECT_EQ(err.type, "malformed_json") << bad;
  }
}

TEST(ParseJsonObjectTest, RefusesDeepNesting) {
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  InputError err;
  EXPECT_FALSE(ParseJsonObject(JsonRequest(deep), &err));
  EXPECT_EQ(err.status, 400);
  std::string ok = "{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}";
  EXPECT_TRUE(ParseJsonObject(JsonRequest(ok), &err));
}

TEST(ObjectReaderTest, ReadsTypedFieldsAndReportsEveryProblem) {
  json body = {{"name", 5},           {"price", 12.5},          {"budget", "1.234"},
               {"when", "2026-02-30"}, {"flag", "yes"},           {"count", 3.5},
               {"extra", true},        {"role", "admin"}};
  ObjectReader in(body);
  EXPECT_FALSE(in.String("name", true));
  EXPECT_FALSE(in.Money("price", true));
  EXPECT_FALSE(in.Money("budget", true));
  EXPECT_FALSE(in.Date("when", true));
  EXPECT_FALSE(in.Bool("flag", true));
  EXPECT_FALSE(in.Int("count", true, 0, 10));
  EXPECT_FALSE(in.Enum("role", true, {"bureau", "vendor"}));
  EXPECT_FALSE(in.String("missing", true));
  auto st = in.Finish();
  ASSERT_EQ(st.code(), common::Code::kValidation);
  std::map<std::string, std::string> by_field;
  for (const auto& e : st.errors()) by_field[e.field] = e.code;
  EXPECT_EQ(by_field["name"], "type");
  EXPECT_EQ(by_field["price"], "type");       // money is never a JSON number
  EXPECT_EQ(by_field["budget"], "precision");
  EXPECT_EQ(by_field["when"], "invalid_date");
  EXPECT_EQ(by_field["flag"], "type");
  EXPECT_EQ(by_field["count"], "type");
  EXPECT_EQ(by_field["role"], "enum");
  EXPECT_EQ(by_field["missing"], "required");
  EXPECT_EQ(by_field["extra"], "unknown_field");
  EXPECT_EQ(st.errors().size(), 9u);
}

TEST(ObjectReaderTest, GoodInputPasses) {
  json body = {{"name", "深圳市某某科技有限公司"}, {"price", "88.5"}, {"on", "2026-12-01"},
               {"domestic", true}, {"n", 3}, {"note", nullptr}};
  ObjectReader in(body);
  EXPECT_EQ(in.String("name", true), "深圳市某某科技有限公司");
  EXPECT_EQ(in.Money("price", true)->fen, 8850);
  EXPECT_EQ(common::FormatDate(*in.Date("on", true)), "2026-12-01");
  EXPECT_EQ(in.Bool("domestic", true), true);
  EXPECT_EQ(in.Int("n", true, 1, 5), 3);
  EXPECT_FALSE(in.String("note", false));  // null reads as absent
  EXPECT_TRUE(in.Finish().ok());
}

TEST(ObjectReaderTest, LimitsAndControlCharacters) {
  json body = {{"a", std::string(201, 'x')}, {"b", std::string("x\0y", 3)}, {"c", "运维运维"},
               {"d", 11}, {"e", 18446744073709551615ULL}};
  ObjectReader in(body, "contact.");
  EXPECT_FALSE(in.String("a", true));
  EXPECT_FALSE(in.String("b", true));
  EXPECT_EQ(in.String("c", true, 4), "运维运维");  // characters, not bytes
  EXPECT_FALSE(in.Int("d", true, 0, 10));
  EXPECT_FALSE(in.Int("e", true, 0, 10));
  auto st = in.Finish();
  ASSERT_EQ(st.errors().size(), 4u);
  EXPECT_EQ(st.errors()[0].field, "contact.a");
  EXPECT_EQ(st.errors()[0].code, "too_long");
  EXPECT_EQ(st.errors()[1].code, "control_character");
  EXPECT_EQ(st.errors()[2].code, "range");
  EXPECT_EQ(st.errors()[3].code, "range");
}

HttpRequest QueryRequest(const std::string& q) {
  HttpRequest r;
  r.method = "GET";
  r.query = q;
  return r;
}

TEST(QueryReaderTest, ParsesDecodesAndChecks) {
  QueryReader q(QueryRequest("q=%E8%BF%90%E7%BB%B4+a&limit=10&on=2026-12-01"));
  EXPECT_EQ(q.String("q"), "运维 a");
  EXPECT_EQ(q.Limit(), 10);
  EXPECT_EQ(common::FormatDate(*q.Date("on")), "2026-12-01");
  EXPECT_TRUE(q.Finish().ok());

  QueryReader dflt(QueryRequest(""));
  EXPECT_EQ(dflt.Limit(), 50);
  EXPECT_EQ(dflt.Cursor(), "");
  EXPECT_TRUE(dflt.Finish().ok());
}

TEST(QueryReaderTest, RefusesBadParameters) {
  for (const char* bad : {"limit=0", "limit=501", "limit=abc", "limit=5&limit=6", "cursor=garbage",
                          "cursor=YzE6", "unknown=1", "q=%zz", "on=2026-02-30"}) {
    QueryReader q(QueryRequest(bad));
    q.Limit();
    q.Cursor();
    q.String("q");
    q.Date("on");
    EXPECT_EQ(q.Finish().code(), common::Code::kValidation) << bad;
  }
}

TEST(CursorTest, RoundTripsOnlyOwnCursors) {
  EXPECT_EQ(DecodeCursor(EncodeCursor("1234")), "1234");
  EXPECT_EQ(DecodeCursor(EncodeCursor("ven_x|2026")), "ven_x|2026");
  EXPECT_FALSE(DecodeCursor(""));
  EXPECT_FALSE(DecodeCursor("1234"));
  EXPECT_FALSE(DecodeCursor(common::Base64UrlEncode("c2:1")));
  // The old unsigned form, and a position with a tag made under another key, are forged.
  EXPECT_FALSE(DecodeCursor(common::Base64UrlEncode("c1:anything")));
  std::string mine = EncodeCursor("ven_a");
  SetCursorKey("another instance's key, not shared");
  EXPECT_FALSE(DecodeCursor(mine));
  EXPECT_EQ(DecodeCursor(EncodeCursor("ven_a")), "ven_a");
  // A tag moved onto another position does not verify.
  std::string raw;
  ASSERT_TRUE(common::Base64UrlDecode(EncodeCursor("ven_a"), &raw));
  EXPECT_FALSE(DecodeCursor(common::Base64UrlEncode(raw.substr(0, raw.size() - 1) + "b")));
}

TEST(IfMatchTest, ParsesEtags) {
  HttpRequest r;
  EXPECT_FALSE(IfMatchVersion(r)->has_value());
  r.headers = {{"if-match", "\"7\""}};
  EXPECT_EQ(IfMatchVersion(r)->value(), 7);
  r.headers = {{"if-match", "W/\"12\""}};
  EXPECT_EQ(IfMatchVersion(r)->value(), 12);
  r.headers = {{"if-match", "*"}};
  EXPECT_FALSE(IfMatchVersion(r)->has_value());
  for (const char* bad : {"7", "\"x\"", "\"\"", "\"-1\"", "\"7\", \"8\""}) {
    r.headers = {{"if-match", bad}};
    EXPECT_FALSE(IfMatchVersion(r).ok()) << bad;
  }
}

}  // namespace
}  // namespace api
