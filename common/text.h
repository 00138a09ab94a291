// Small text helpers with no dependencies.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

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

// The pieces of `s` between each `sep`, empty ones included: "" -> {""}, "a,,b," -> {"a", "", "b", ""}.
// Views into `s`, which must outlive them.
std::vector<std::string_view> Split(std::string_view s, char sep);
// The number of Unicode code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);
// The code points of valid UTF-8 `s` (utf8proc); empty for invalid input.
std::vector<char32_t> CodePoints(std::string_view s);
// The Unicode Normalization Form C of valid UTF-8 `s` (utf8proc), so that a name typed with a
// combining accent and one typed precomposed are the same text; `s` itself when invalid.
std::string NormalizeNfc(std::string_view s);
// White space of any kind: the Unicode space separators (Zs: U+0020, U+00A0, U+3000 the
// ideographic space, ...) and the line and paragraph separators, tab, CR, LF.
bool IsUnicodeSpace(char32_t c);
// Characters that make text read otherwise than it is, for names people compare by eye.
enum class Deceptive { kNone, kBidiControl, kInvisible, kPrivateUse };
// kBidiControl: U+202A–U+202E, U+2066–U+2069 (embeddings, overrides, isolates); kInvisible:
// zero-width and format characters (U+200B–U+200F, U+2060–U+2064, U+FEFF, U+180E, U+00AD);
// kPrivateUse: U+E000–U+F8FF and planes 15–16.
Deceptive DeceptiveKind(char32_t c);

// Text people read, names above all: 1..max_chars characters of valid UTF-8, no control
// characters, no bidirectional controls, zero-width or private-use characters (which make a name
// read otherwise than it is), and not only white space of any kind (U+3000 included). Returns a
// FieldError on `field` otherwise. Names are stored NFC-normalised (NormalizeNfc).
Status CheckName(std::string_view name, std::string_view field, size_t max_chars = 200);
// CheckName's rules for text in paragraphs (a challenge's grounds, an answer): line breaks
// ("\n") allowed too.
Status CheckProse(std::string_view text, std::string_view field, size_t max_chars);

}  // namespace common
