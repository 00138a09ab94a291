// The unified social credit code (统一社会信用代码, GB 32100-2015).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace common {

// 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z). The 18th is a check
// character: with the value v_i of character i and weight w_i = 3^(i-1) mod 31 for i = 1..17,
// check = charset[(31 - (sum v_i * w_i) mod 31) mod 31].
//
// Returns OK, or a Validation status whose single FieldError on `field` has code "length",
// "charset" or "checksum". Lowercase is rejected here: the code is stored and printed in
// capitals, so callers take what a person typed through CanonicalCreditCode first.
Status CheckCreditCode(std::string_view code, std::string_view field = "credit_code");

// What a person typed, as the code is stored: ASCII letters upper-cased (people type
// "91110000802100433b"); nothing else changes, so a wrong character is still refused.
std::string CanonicalCreditCode(std::string_view typed);

// The check character for the first 17 characters, or '\0' when they are not in the charset.
// Used by generators (fixtures, benchmarks) to make valid codes.
char CreditCodeCheckChar(std::string_view first17);

}  // namespace common
