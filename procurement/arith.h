// Exact arithmetic for the tender evaluation engine: every division is exact
// rational arithmetic followed by round-half-up to the unit. No binary floating point.
#pragma once

#include <cstdint>

namespace procurement {

// __int128 is a GCC/Clang extension; __extension__ keeps -Wpedantic quiet for users of the header.
__extension__ typedef __int128 Int128;

// round_half_up(num / den) for den > 0 and any sign of num, computed in 128 bits so that
// products of prices in fen and scores in hundredths never overflow. Halves round away from
// zero for positive values and toward +infinity for negative ones (-2.5 -> -2), which is what
// "half up" means on the number line.
int64_t DivRoundHalfUp(Int128 num, Int128 den);

// Compares a/b with c/d for b, d > 0 exactly: negative, zero or positive like a/b - c/d.
int CompareFractions(Int128 a, Int128 b, Int128 c, Int128 d);

}  // namespace procurement
