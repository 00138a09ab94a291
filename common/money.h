// Money: an exact, non-negative-or-signed integer number of fen (0.01 yuan).
//
// The wire form is a decimal string in yuan with at most two decimals ("1250000.00", "88.5").
// Binary floating point never touches money: parsing reads digits, formatting prints digits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace common {

struct Money {
  int64_t fen = 0;
  static constexpr Money FromFen(int64_t f) { return Money{f}; }
  bool operator==(const Money& o) const { return fen == o.fen; }
  bool operator!=(const Money& o) const { return fen != o.fen; }
  bool operator<(const Money& o) const { return fen < o.fen; }
  bool operator<=(const Money& o) const { return fen <= o.fen; }
  bool operator>(const Money& o) const { return fen > o.fen; }
};

// The largest amount accepted on the wire: 999,999,999,999.99 yuan (< 2^53 fen, so it also
// survives any JSON tooling that reads numbers as doubles).
inline constexpr int64_t kMaxMoneyFen = 99999999999999;

// Parses "123", "123.4", "123.45", "0.50". Rejects, with a FieldError of `field`:
// empty, sign characters ("negative" for a leading '-'), exponents, more than two decimals
// ("precision"), leading zeros ("01"), spaces, a trailing '.', and amounts over kMaxMoneyFen
// ("too_large"). Never rounds.
Result<Money> ParseMoney(std::string_view text, std::string_view field = "amount");

// Always two decimals: 150 fen -> "1.50"; negative amounts get a leading '-'.
std::string FormatMoney(Money m);

}  // namespace common
