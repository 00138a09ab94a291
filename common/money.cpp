#include "common/money.h"

namespace common {

Result<Money> ParseMoney(std::string_view text, std::string_view field_view) {
  std::string field(field_view);
  auto bad = [&](const char* code, const char* msg) -> Result<Money> {
    return Status::FieldInvalid(field, code, msg);
  };
  if (text.empty()) return bad("format", "an amount is a decimal string in yuan, e.g. \"1250000.00\"");
  if (text[0] == '-') return bad("negative", "an amount may not be negative");
  size_t i = 0;
  int64_t yuan = 0;
  size_t int_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (int_digits == 1 && text[0] == '0') {
      return bad("format", "an amount may not have leading zeros");
    }
    if (int_digits >= 13) return bad("too_large", "the amount is too large");
    yuan = yuan * 10 + (text[i] - '0');
    ++int_digits;
    ++i;
  }
  if (int_digits == 0) return bad("format", "an amount is a decimal string in yuan, e.g. \"1250000.00\"");
  int64_t fen = 0;
  if (i < text.size()) {
    if (text[i] != '.') return bad("format", "an amount is a decimal string in yuan, e.g. \"1250000.00\"");
    ++i;
    size_t dec = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (dec == 2) return bad("precision", "an amount has at most two decimals");
      fen = fen * 10 + (text[i] - '0');
      ++dec;
      ++i;
    }
    if (dec == 0) return bad("format", "a decimal point must be followed by digits");
    if (i < text.size()) return bad("format", "an amount is a decimal string in yuan, e.g. \"1250000.00\"");
    if (dec == 1) fen *= 10;
  }
  int64_t total = yuan * 100 + fen;
  if (total > kMaxMoneyFen) return bad("too_large", "the amount is too large");
  return Money{total};
}

std::string FormatMoney(Money m) {
  // Work in unsigned to format INT64_MIN without overflow.
  bool neg = m.fen < 0;
  uint64_t v = neg ? (~static_cast<uint64_t>(m.fen) + 1) : static_cast<uint64_t>(m.fen);
  std::string s = std::to_string(v / 100);
  uint64_t cents = v % 100;
  s += '.';
  s += static_cast<char>('0' + cents / 10);
  s += static_cast<char>('0' + cents % 10);
  return neg ? "-" + s : s;
}

}  // namespace common
