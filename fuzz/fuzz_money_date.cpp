// Money, date and timestamp parsing (common/money.h, common/date.h).
//
// The first byte picks the parser; the rest is the text. Invariants:
// - a refusal is a Validation status whose one FieldError names the field;
// - money accepted is within [0, kMaxMoneyFen] and survives FormatMoney -> ParseMoney exactly;
// - a date accepted is the canonical YYYY-MM-DD form of itself (FormatDate gives the input back)
//   and lies in 1900..9999;
// - a timestamp accepted survives FormatTimestamp -> ParseTimestamp exactly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/money.h"
#include "fuzz/fuzz_check.h"

namespace {

void CheckRefusal(const common::Status& st, std::string_view field) {
  FUZZ_CHECK(!st.ok());
  FUZZ_CHECK(st.code() == common::Code::kValidation);
  FUZZ_CHECK(st.errors().size() == 1);
  FUZZ_CHECK(st.errors()[0].field == field);
  FUZZ_CHECK(!st.errors()[0].code.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto m = common::ParseMoney(text, "price");
      if (!m.ok()) {
        CheckRefusal(m.status(), "price");
        break;
      }
      FUZZ_CHECK(m->fen >= 0 && m->fen <= common::kMaxMoneyFen);
      std::string again = common::FormatMoney(*m);
      auto back = common::ParseMoney(again);
      FUZZ_CHECK(back.ok() && back->fen == m->fen);
      break;
    }
    case 1: {
      auto d = common::ParseDate(text, "expires_on");
      if (!d.ok()) {
        CheckRefusal(d.status(), "expires_on");
        break;
      }
      FUZZ_CHECK(common::FormatDate(*d) == text);
      int y = 0, mo = 0, day = 0;
      d->ToYmd(&y, &mo, &day);
      FUZZ_CHECK(y >= 1900 && y <= 9999);
      auto same = common::Date::FromYmd(y, mo, day);
      FUZZ_CHECK(same.ok() && *same == *d);
      break;
    }
    default: {
      auto t = common::ParseTimestamp(text, "deadline");
      if (!t.ok()) {
        CheckRefusal(t.status(), "deadline");
        break;
      }
      auto back = common::ParseTimestamp(common::FormatTimestamp(*t));
      FUZZ_CHECK(back.ok() && *back == *t);
      FUZZ_CHECK(back->date() == t->date());
      break;
    }
  }
  return 0;
}
