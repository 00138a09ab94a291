// One name table per enum, declared beside the enum: the one place where the names it has in the
// API, the database and the audit log are written. Storage, api and the services read and write
// those names only through the table.
//
//   enum class Colour { kRed, kBlue };
//   inline constexpr common::EnumName<Colour> kColourNames[] = {{Colour::kRed, "red"}, {Colour::kBlue, "blue"}};
//   common::NameIn(kColourNames, Colour::kRed)  -> "red"
//   common::ParseIn(kColourNames, "green")      -> nullopt
//
// A stored name that no table knows is an internal error where it is read (fail closed: it never
// reads as a default); a name a client sends that no table knows is a field error. Every table
// covers its enum exactly (tests/common/enum_names_test.cpp and the tables' own tests).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace common {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The value's name; "" for a value the table lacks (which the table tests rule out).
template <typename E, size_t N>
constexpr const char* NameIn(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E>& e : table) {
    if (e.value == value) return e.name;
  }
  return "";
}

template <typename E, size_t N>
constexpr std::optional<E> ParseIn(const EnumName<E> (&table)[N], std::string_view name) {
  for (const EnumName<E>& e : table) {
    if (name == e.name) return e.value;
  }
  return std::nullopt;
}

// The names in table order, for an input reader's list of allowed values.
template <typename E, size_t N>
std::vector<std::string> NamesIn(const EnumName<E> (&table)[N]) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const EnumName<E>& e : table) out.emplace_back(e.name);
  return out;
}

// True when the table names each of the enum's values 0 .. count-1 exactly once, with distinct
// non-empty names: what the table tests check for every enum (enums here count from zero).
template <typename E, size_t N>
constexpr bool CoversExactly(const EnumName<E> (&table)[N], size_t count) {
  if (N != count) return false;
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(table[i].value) >= count || table[i].name == nullptr || table[i].name[0] == '\0') return false;
    for (size_t j = 0; j < i; ++j) {
      if (table[j].value == table[i].value || std::string_view(table[j].name) == table[i].name) return false;
    }
  }
  return true;
}

}  // namespace common
