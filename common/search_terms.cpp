#include "common/search_terms.h"

#include <algorithm>
#include <set>

namespace common {
namespace {

struct Run {
  bool cjk;
  std::vector<std::string> chars;  // each a whole UTF-8 sequence (Latin: lowercased bytes)
};

bool IsCjk(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
         (cp >= 0x3040 && cp <= 0x30FF);  // kana, for completeness
}

// Splits text into runs of CJK characters and runs of Latin letters/digits; everything else
// (spaces, punctuation, full-width punctuation) separates runs. Invalid UTF-8 bytes separate.
// Calls on_char(cjk, bytes) for each character kept (Latin lowercased, full-width folded) and
// on_cut() where a separator stands; the callers make runs of the characters between cuts and
// where `cjk` changes.
template <typename OnChar, typename OnCut>
void Scan(std::string_view s, OnChar on_char, OnCut on_cut) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        on_char(false, s.substr(i, 1));
      } else if (c >= 'A' && c <= 'Z') {
        char lower = static_cast<char>(c - 'A' + 'a');
        on_char(false, std::string_view(&lower, 1));
      } else {
        on_cut();
      }
      ++i;
      continue;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > s.size() || len == 1) {
      on_cut();
      ++i;
      continue;
    }
    uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (IsCjk(cp)) {
      on_char(true, s.substr(i, len));
    } else if (cp >= 0xFF10 && cp <= 0xFF19) {  // full-width digits
      char d = static_cast<char>('0' + cp - 0xFF10);
      on_char(false, std::string_view(&d, 1));
    } else if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {  // full-width letters
      char l = static_cast<char>('a' + (cp >= 0xFF41 ? cp - 0xFF41 : cp - 0xFF21));
      on_char(false, std::string_view(&l, 1));
    } else {
      on_cut();
    }
    i += len;
  }
}

std::vector<Run> Runs(std::string_view s) {
  std::vector<Run> runs;
  bool open = false;  // the last run may take more characters
  Scan(
      s,
      [&](bool cjk, std::string_view ch) {
        if (!open || runs.back().cjk != cjk) runs.push_back(Run{cjk, {}});
        open = true;
        runs.back().chars.emplace_back(ch);
      },
      [&] { open = false; });
  return runs;
}

// The runs of `s` joined, each followed by '\x1f': what Matches searches in.
std::string Flatten(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  bool open = false, open_cjk = false;
  Scan(
      s,
      [&](bool cjk, std::string_view ch) {
        if (open && open_cjk != cjk) out += '\x1f';
        open = true;
        open_cjk = cjk;
        out.append(ch);
      },
      [&] {
        if (open) out += '\x1f';
        open = false;
      });
  if (open) out += '\x1f';
  return out;
}

std::string Join(const std::vector<std::string>& chars) {
  std::string s;
  for (const auto& c : chars) s += c;
  return s;
}

constexpr size_t kMaxWordBytes = 64;  // the index column holds 64 characters

}  // namespace

std::vector<std::string> IndexTerms(std::string_view text) {
  std::set<std::string> terms;
  for (const Run& r : Runs(text)) {
    if (!r.cjk) {
      terms.insert(Join(r.chars).substr(0, kMaxWordBytes));
      continue;
    }
    for (size_t k = 0; k < r.chars.size(); ++k) {
      terms.insert(r.chars[k]);
      if (k + 1 < r.chars.size()) terms.insert(r.chars[k] + r.chars[k + 1]);
    }
  }
  return {terms.begin(), terms.end()};
}

std::vector<std::string> QueryTerms(std::string_view query) {
  std::set<std::string> terms;
  for (const Run& r : Runs(query)) {
    if (!r.cjk) {
      terms.insert(Join(r.chars).substr(0, kMaxWordBytes));
    } else if (r.chars.size() == 1) {
      terms.insert(r.chars[0]);
    } else {
      for (size_t k = 0; k + 1 < r.chars.size(); ++k) terms.insert(r.chars[k] + r.chars[k + 1]);
    }
  }
  return {terms.begin(), terms.end()};
}

Matcher::Matcher(std::string_view query) {
  for (const Run& r : Runs(query)) {
    std::string needle = Join(r.chars);
    // Latin words match whole words; CJK runs match anywhere inside a CJK run.
    needles_.push_back(r.cjk ? needle : '\x1f' + needle + '\x1f');
  }
}

bool Matcher::operator()(std::string_view text) const {
  if (needles_.empty()) return true;
  std::string hay = '\x1f' + Flatten(text);
  for (const std::string& needle : needles_) {
    if (hay.find(needle) == std::string::npos) return false;
  }
  return true;
}

bool Matches(std::string_view text, std::string_view query) { return Matcher(query)(text); }

}  // namespace common
