#include "common/text.h"

#include <cstdlib>

#include <utf8proc.h>

#include <cstdio>

namespace common {

void AppendJsonQuote(std::string* out, std::string_view s) {
  out->reserve(out->size() + s.size() + 2);
  *out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        *out += buf;
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  *out += '"';
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  AppendJsonQuote(&out, s);
  return out;
}

std::string Fields::ToJson() const {
  std::string out = "{";
  for (size_t i = 0; i < items_.size(); ++i) {
    if (i) out += ',';
    out += JsonQuote(items_[i].first);
    out += ':';
    out += JsonQuote(items_[i].second);
  }
  out += '}';
  return out;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0 || c < 0) return {};
    out.push_back(static_cast<char32_t>(c));
    p += n;
    left -= n;
  }
  return out;
}

std::string NormalizeNfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(s);
  std::string result(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

bool IsUnicodeSpace(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) return true;
  utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

Deceptive DeceptiveKind(char32_t c) {
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return Deceptive::kBidiControl;
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0x180E || c == 0x00AD) {
    return Deceptive::kInvisible;
  }
  if ((c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0x10FFFD)) return Deceptive::kPrivateUse;
  return Deceptive::kNone;
}

namespace {
Status CheckText(std::string_view name, std::string_view field_view, size_t max_chars, bool line_breaks) {
  std::string field(field_view);
  if (!IsValidUtf8(name)) return Status::FieldInvalid(field, "encoding", "must be UTF-8 text");
  bool blank = true;
  for (char32_t c : CodePoints(name)) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
      if (c != '\t' && !(line_breaks && c == '\n')) {
        return Status::FieldInvalid(field, "control_character", "must not contain control characters");
      }
    }
    switch (DeceptiveKind(c)) {
      case Deceptive::kBidiControl:
        return Status::FieldInvalid(field, "bidi_control", "must not contain bidirectional control characters");
      case Deceptive::kInvisible:
        return Status::FieldInvalid(field, "invisible_character", "must not contain zero-width or invisible characters");
      case Deceptive::kPrivateUse:
        return Status::FieldInvalid(field, "private_use", "must not contain private-use characters");
      case Deceptive::kNone:
        break;
    }
    blank = blank && IsUnicodeSpace(c);
  }
  if (blank) return Status::FieldInvalid(field, "required", "must not be empty");
  if (Utf8Length(name) > max_chars) {
    return Status::FieldInvalid(field, "too_long", "at most " + std::to_string(max_chars) + " characters");
  }
  return Status::Ok();
}
}  // namespace

Status CheckName(std::string_view name, std::string_view field, size_t max_chars) {
  return CheckText(name, field, max_chars, false);
}

Status CheckProse(std::string_view text, std::string_view field, size_t max_chars) {
  return CheckText(text, field, max_chars, true);
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

}  // namespace common
