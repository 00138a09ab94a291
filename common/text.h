// Small text helpers with no dependencies.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace common {

// `s` as a JSON string literal, quotes included. Control characters are escaped; bytes >= 0x80
// pass through unchanged (the caller guarantees UTF-8).
std::string JsonQuote(std::string_view s);
// The same, appended to *out (copies runs that need no escaping in one go).
void AppendJsonQuote(std::string* out, std::string_view s);

// An ordered list of string fields rendered as one canonical JSON object, e.g. the details of
// an audit entry. The same fields in the same order always give the same bytes.
class Fields {
 public:
  Fields& Add(std::string key, std::string value) {
    items_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  std::string ToJson() const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// The number of Unicode code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);

}  // namespace common
