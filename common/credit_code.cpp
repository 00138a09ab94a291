#include "common/credit_code.h"

#include <string>

namespace common {
namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int ValueOf(char c) {
  size_t p = kCharset.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

}  // namespace

char CreditCodeCheckChar(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  int weight = 1;
  for (char c : first17) {
    int v = ValueOf(c);
    if (v < 0) return '\0';
    sum += v * weight;
    weight = weight * 3 % 31;
  }
  return kCharset[(31 - sum % 31) % 31];
}

std::string CanonicalCreditCode(std::string_view typed) {
  std::string out(typed);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Status CheckCreditCode(std::string_view code, std::string_view field_view) {
  std::string field(field_view);
  if (code.size() != 18) {
    return Status::FieldInvalid(field, "length", "a unified social credit code has 18 characters");
  }
  for (char c : code) {
    if (ValueOf(c) < 0) {
      return Status::FieldInvalid(field, "charset",
                                  "a unified social credit code uses only 0-9 and the capitals "
                                  "A-Y without I, O, S, V and Z");
    }
  }
  if (CreditCodeCheckChar(code.substr(0, 17)) != code[17]) {
    return Status::FieldInvalid(field, "checksum",
                                "the check character (18th) does not match the first 17");
  }
  return Status::Ok();
}

}  // namespace common
