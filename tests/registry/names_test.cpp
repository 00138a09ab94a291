// Names people read (trust issue, item 7): refused when they would read otherwise than they
// are, stored NFC-normalised; and the password rules of the accounts issue.
#include <gtest/gtest.h>

#include "common/text.h"
#include "registry/account_service.h"

namespace registry {
namespace {

std::string CodeOf(const common::Status& st) { return st.ok() ? "" : st.errors().at(0).code; }

TEST(NameTest, DeceptiveCharactersAndUnicodeBlanksAreRefused) {
  EXPECT_TRUE(common::CheckName("汕头市信息技术有限公司", "name").ok());
  EXPECT_TRUE(common::CheckName("Müller & Söhne IT", "name").ok());
  EXPECT_TRUE(common::CheckName("张三\t李四", "name").ok());  // a tab between words is white space, not control
  // Right-to-left override: "公司\u202Egnp.exe" displays reversed.
  EXPECT_EQ(CodeOf(common::CheckName("公司\u202Egnp.exe", "name")), "bidi_control");
  for (const char* bidi : {"\u202A", "\u202B", "\u202C", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    EXPECT_EQ(CodeOf(common::CheckName(std::string("甲") + bidi + "乙", "name")), "bidi_control") << bidi;
  }
  for (const char* hidden : {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"}) {
    EXPECT_EQ(CodeOf(common::CheckName(std::string("汕\u200B头").replace(3, 3, hidden), "name")), "invisible_character") << hidden;
  }
  EXPECT_EQ(CodeOf(common::CheckName("供应商\uE000", "name")), "private_use");
  EXPECT_EQ(CodeOf(common::CheckName("供应商\U000F0001", "name")), "private_use");
  // Blank in any script: ideographic spaces, no-break spaces, thin spaces.
  for (const char* blank : {"\u3000\u3000", " \u00A0 ", "\u2009", "\t \t"}) {
    EXPECT_EQ(CodeOf(common::CheckName(blank, "name")), "required") << blank;
  }
  EXPECT_EQ(CodeOf(common::CheckName("a\x01" "b", "name")), "control_character");
  EXPECT_EQ(CodeOf(common::CheckName("a\xC2\x85" "b", "name")), "control_character");  // U+0085, a C1 control
  EXPECT_EQ(CodeOf(common::CheckName("\xFF", "name")), "encoding");
  EXPECT_EQ(common::CheckName("\u3000", "vendor.name").errors().at(0).field, "vendor.name") << "the field is named";
}

TEST(NameTest, NamesAreNormalisedToNfc) {
  // "é" typed as e + combining acute, and "Å" as A + ring: the same text as the precomposed forms.
  EXPECT_EQ(common::NormalizeNfc("Caf\x65\xCC\x81"), "Caf\xC3\xA9");
  EXPECT_EQ(common::NormalizeNfc("A\xCC\x8A"), "\xC3\x85");
  EXPECT_EQ(common::NormalizeNfc("汕头市"), "汕头市");  // already NFC: unchanged
  EXPECT_EQ(common::NormalizeNfc("\xFF"), "\xFF");      // not UTF-8: left for CheckName to refuse
}

TEST(PasswordTest, RulesForPasswordsPeopleChoose) {
  EXPECT_TRUE(CheckNewPassword("秋天 的 银杏 落满 了 长安街", "wang.wu", "王五", "p").ok());
  EXPECT_TRUE(CheckNewPassword("tram-oyster-ledger-quartz", "wang.wu", "王五", "p").ok());
  EXPECT_EQ(CodeOf(CheckNewPassword("short-pw-1", "wang.wu", "王五", "p")), "too_short");
  EXPECT_EQ(CodeOf(CheckNewPassword("Wang.Wu.2026", "wang.wu.2026", "王五", "p")), "same_as_login");
  for (const char* common : {"password1234", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa", "iloveyou2026"}) {
    EXPECT_EQ(CodeOf(CheckNewPassword(common, "wang.wu", "王五", "p")), "common_password") << common;
  }
  // The login and name count as known words: "wang.wu" twice is guessable.
  EXPECT_EQ(CodeOf(CheckNewPassword("wang.wu.wang.wu", "wang.wu", "王五", "p")), "common_password");
}

TEST(LoginTest, Format) {
  EXPECT_TRUE(CheckLogin("wang.wu", "login").ok());
  EXPECT_TRUE(CheckLogin("a_b-c.9", "login").ok());
  for (const char* bad : {"ab", "Wang", "wang wu", "王五", "a@b"}) {
    EXPECT_FALSE(CheckLogin(bad, "login").ok()) << bad;
  }
  EXPECT_FALSE(CheckLogin(std::string(65, 'a'), "login").ok());
  EXPECT_TRUE(CheckLogin(std::string(64, 'a'), "login").ok());
}

}  // namespace
}  // namespace registry
