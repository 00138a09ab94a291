// The citizen identity number (公民身份号码, GB 11643-1999), as practitioners declare it.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace common {

// 17 digits and a check character (0-9 or X): with digit d_i and weight w_i = 2^(18-i) mod 11
// for i = 1..17, check = "10X98765432"[(sum d_i * w_i) mod 11].
//
// Returns OK, or a Validation status whose single FieldError on `field` has code "length",
// "charset" or "checksum". A lowercase x is refused: the number is printed with a capital X.
Status CheckIdNumber(std::string_view id, std::string_view field = "id_number");

// "440524199001011234" -> "4405**********1234": the first and last four kept, the rest starred
// (all of it when eight characters or fewer).
std::string MaskIdNumber(std::string_view id);

}  // namespace common
