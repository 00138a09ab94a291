// Reading stored names back into the domain's enums. A name this binary does not know (written
// by a newer binary, or by hand) is an internal error where it is read: it fails closed and
// never reads as a default, as an unknown qualification status once read as "active".
#pragma once

#include <cstddef>
#include <string>

#include "common/enum_names.h"
#include "common/status.h"

namespace storage {

template <typename E, size_t N>
common::Result<E> StoredEnum(const common::EnumName<E> (&table)[N], const std::string& name, const char* column) {
  auto v = common::ParseIn(table, name);
  if (!v) return common::Status::Internal(std::string("a stored ") + column + " has a value this version does not know");
  return *v;
}

}  // namespace storage
