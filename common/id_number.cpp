#include "common/id_number.h"

namespace common {

Status CheckIdNumber(std::string_view id, std::string_view field_view) {
  std::string field(field_view);
  if (id.size() != 18) return Status::FieldInvalid(field, "length", "a citizen ID number has 18 characters");
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return Status::FieldInvalid(field, "charset", "the first 17 characters are digits");
    sum += (id[i] - '0') * kWeights[i];
  }
  if (!(id[17] >= '0' && id[17] <= '9') && id[17] != 'X') {
    return Status::FieldInvalid(field, "charset", "the last character is a digit or X");
  }
  if (kCheck[sum % 11] != id[17]) {
    return Status::FieldInvalid(field, "checksum", "the check character (18th) does not match");
  }
  return Status::Ok();
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

}  // namespace common
