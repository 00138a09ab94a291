// Search terms for Chinese and Latin text, the same for both storage backends.
//
// Most Chinese words are two characters (运维, 国产, 信创), which SQLite's trigram tokenizer and
// InnoDB's full-text index cannot match, so the registry indexes text the way search engines
// do for CJK (Lucene's CJKAnalyzer): every CJK character alone and every overlapping pair of
// adjacent CJK characters; Latin letters and digits as whole lowercase words.
//
//   IndexTerms("国产服务器 X86") = {"国","产","服","务","器","国产","产服","服务","务器","x86"}
//   QueryTerms("服务器")         = {"服务","务器"}     (pairs when the run has two or more)
//   QueryTerms("器")             = {"器"}
//
// An item matches a query when it has every query term; Matches() then checks the query's
// runs are really substrings (pairs alone would also match "服务…务器").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace common {

std::vector<std::string> IndexTerms(std::string_view text);
std::vector<std::string> QueryTerms(std::string_view query);
// True when every run of the query (a CJK run or a Latin word) occurs in `text`, ignoring
// ASCII case.
bool Matches(std::string_view text, std::string_view query);

// Matches() with the query prepared once, for checking many texts against one query.
class Matcher {
 public:
  explicit Matcher(std::string_view query);
  bool operator()(std::string_view text) const;

 private:
  std::vector<std::string> needles_;
};

}  // namespace common
