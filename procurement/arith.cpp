#include "procurement/arith.h"

namespace procurement {

int64_t DivRoundHalfUp(Int128 num, Int128 den) {
  // floor((2*num + den) / (2*den)), with floor division for negative numerators.
  Int128 n = 2 * num + den;
  Int128 d = 2 * den;
  Int128 q = n / d;
  if ((n % d != 0) && (n < 0)) --q;
  return static_cast<int64_t>(q);
}

int CompareFractions(Int128 a, Int128 b, Int128 c, Int128 d) {
  Int128 left = a * d;
  Int128 right = c * b;
  return left < right ? -1 : (left > right ? 1 : 0);
}

}  // namespace procurement
