// Strict request input: JSON bodies, query strings, preconditions, pagination.
//
// JSON bodies are parsed with duplicate keys, nesting deeper than kMaxJsonDepth and invalid
// UTF-8 refused; ObjectReader then reads declared fields with their types and records every
// problem as a FieldError, and Finish() turns leftover (unknown) fields into errors too, so a
// handler reports all of a body's problems at once with one 422.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/enum_names.h"
#include "api/http.h"
#include "common/date.h"
#include "common/money.h"
#include "common/status.h"

namespace api {

inline constexpr int kMaxJsonDepth = 32;

// A parse failure carries the HTTP response to send (400 malformed_json, 415).
struct InputError {
  int status;
  std::string type;
  std::string detail;
};

// Checks Content-Type (application/json, optional charset=utf-8) and parses the body as one
// JSON object. Returns nullopt and fills *error on failure.
std::optional<nlohmann::json> ParseJsonObject(const HttpRequest& req, InputError* error);
// The same for text that is not a request body (tests, fixtures).
std::optional<nlohmann::json> ParseStrictJson(std::string_view text, std::string* why);

class ObjectReader {
 public:
  // `obj` must be a JSON object that outlives the reader (it is held by reference);
  // `prefix` names it in errors ("contact.", "bids[2].").
  explicit ObjectReader(const nlohmann::json& obj, std::string prefix = "");

  // Each reader returns nullopt when the field is absent (an error if required) or invalid.
  std::optional<std::string> String(const std::string& key, bool required, size_t max_chars = 200);
  std::optional<std::string> Enum(const std::string& key, bool required,
                                  const std::vector<std::string>& allowed);
  // An enum field read through its name table (common/enum_names.h): nullopt when absent (an
  // error if required) or not one of the table's names (an "enum" error listing them).
  template <typename E, size_t N>
  std::optional<E> EnumOf(const std::string& key, bool required, const common::EnumName<E> (&table)[N]) {
    auto name = Enum(key, required, common::NamesIn(table));
    if (!name) return std::nullopt;
    return common::ParseIn(table, *name);
  }
  std::optional<bool> Bool(const std::string& key, bool required);
  std::optional<int64_t> Int(const std::string& key, bool required, int64_t min, int64_t max);
  // Money must be a JSON string ("1250000.00"); a JSON number is refused.
  std::optional<common::Money> Money(const std::string& key, bool required);
  // A JSON number with at most two decimals (a score, a weight, a percentage) as an exact
  // number of hundredths, within [min, max] hundredths.
  std::optional<int64_t> Hundredths(const std::string& key, bool required, int64_t min, int64_t max);
  std::optional<common::Date> Date(const std::string& key, bool required);
  const nlohmann::json* Object(const std::string& key, bool required);
  const nlohmann::json* Array(const std::string& key, bool required, size_t max_items);

  void AddError(common::FieldError e) { errors_.push_back(std::move(e)); }
  void Merge(const common::Status& st);
  bool has_errors() const { return !errors_.empty(); }
  // Adds an "unknown_field" error for every key never read; OK or one Validation Status.
  common::Status Finish();

 private:
  const nlohmann::json* Field(const std::string& key, bool required);
  std::string Path(const std::string& key) const { return prefix_ + key; }
  void Error(const std::string& key, const std::string& code, const std::string& message);

  const nlohmann::json& obj_;
  std::string prefix_;
  std::set<std::string> seen_;
  std::vector<common::FieldError> errors_;
};

// The query string as name -> value (percent-decoded, '+' as space). Reading is strict like
// ObjectReader: a repeated or unknown parameter is an error.
class QueryReader {
 public:
  explicit QueryReader(const HttpRequest& req);
  std::optional<std::string> String(const std::string& key, size_t max_chars = 200);
  std::optional<common::Date> Date(const std::string& key);
  // An enum parameter read through its name table: nullopt when absent or empty (any), or when
  // not one of the table's names (then an "enum" error listing them).
  template <typename E, size_t N>
  std::optional<E> EnumOf(const std::string& key, const common::EnumName<E> (&table)[N]) {
    auto s = String(key, 64);
    if (!s || s->empty()) return std::nullopt;
    auto v = common::ParseIn(table, *s);
    if (!v) NotOneOf(key, common::NamesIn(table));
    return v;
  }
  // ?limit= (default 50, 1..500) and ?cursor= (opaque, made by EncodeCursor).
  int Limit();
  std::string Cursor();
  common::Status Finish();
  // For the dispatcher, before a handler runs: OK when every parameter is among `names`, else
  // one Validation Status listing each other one ("unknown_parameter") and any encoding or
  // duplicate error found while reading.
  common::Status RefuseAllBut(const std::vector<std::string>& names);

 private:
  void NotOneOf(const std::string& key, const std::vector<std::string>& allowed);
  std::map<std::string, std::string> values_;
  std::set<std::string> seen_;
  std::vector<common::FieldError> errors_;
};

// Cursors are opaque to clients: base64url of a 128-bit HMAC-SHA-256 tag (32 hex characters) of the store's
// position followed by the position. A cursor whose tag does not verify is refused, so a client
// can only send back positions this service made. The key is random per process until
// SetCursorKey (at start-up, before serving; not thread-safe) gives the one every instance over
// the database shares (storage/server_state.h), so any instance accepts any instance's cursor.
void SetCursorKey(std::string key);
std::string EncodeCursor(const std::string& position);
// The position, or nullopt for anything this server did not make.
std::optional<std::string> DecodeCursor(std::string_view cursor);

// If-Match: nullopt when absent or "*"; the version for "\"7\"" (or W/"7"); a Validation
// Status for anything else.
common::Result<std::optional<int64_t>> IfMatchVersion(const HttpRequest& req);

}  // namespace api
