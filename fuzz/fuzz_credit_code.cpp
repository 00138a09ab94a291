// The unified social credit code check (common/credit_code.h) and the citizen ID number check
// (common/id_number.h), against an independent restatement of GB 32100-2015's rule.
//
// Invariants: a code is accepted exactly when it has 18 characters from the charset and the
// 18th equals the check character recomputed here; every refusal is one FieldError with code
// length, charset or checksum; CreditCodeCheckChar agrees with the recomputation. An accepted ID
// number has 18 characters and its mask hides exactly the middle ten.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/credit_code.h"
#include "fuzz/fuzz_check.h"
#include "common/id_number.h"

namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// '\0' when a character is outside the charset.
char Recompute(std::string_view first17) {
  int sum = 0, weight = 1;
  for (char c : first17) {
    size_t v = kCharset.find(c);
    if (v == std::string_view::npos) return '\0';
    sum += static_cast<int>(v) * weight;
    weight = weight * 3 % 31;
  }
  return kCharset[(31 - sum % 31) % 31];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view code(reinterpret_cast<const char*>(data), size);
  common::Status st = common::CheckCreditCode(code, "credit_code");
  bool expect = code.size() == 18 && Recompute(code.substr(0, 17)) != '\0' &&
                kCharset.find(code[17]) != std::string_view::npos &&
                Recompute(code.substr(0, 17)) == code[17];
  FUZZ_CHECK(st.ok() == expect);
  if (!st.ok()) {
    FUZZ_CHECK(st.errors().size() == 1);
    const auto& e = st.errors()[0];
    FUZZ_CHECK(e.field == "credit_code");
    FUZZ_CHECK(e.code == "length" || e.code == "charset" || e.code == "checksum");
    FUZZ_CHECK((e.code == "length") == (code.size() != 18));
  }
  if (code.size() >= 17) {
    FUZZ_CHECK(common::CreditCodeCheckChar(code.substr(0, 17)) == Recompute(code.substr(0, 17)));
    char check = Recompute(code.substr(0, 17));
    if (check != '\0') {
      std::string fixed(code.substr(0, 17));
      fixed += check;
      FUZZ_CHECK(common::CheckCreditCode(fixed).ok());
    }
  }

  std::string id(code);
  common::Status id_st = common::CheckIdNumber(id, "id_number");
  if (id_st.ok()) {
    FUZZ_CHECK(id.size() == 18);
    std::string masked = common::MaskIdNumber(id);
    FUZZ_CHECK(masked == id.substr(0, 4) + std::string(10, '*') + id.substr(14));
  } else {
    FUZZ_CHECK(id_st.errors().size() == 1 && id_st.errors()[0].field == "id_number");
  }
  return 0;
}
