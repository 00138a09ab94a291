#include "api/input.h"

#include <charconv>
#include <cmath>

#include "api/router.h"
#include "common/crypto.h"
#include "common/text.h"

namespace api {

using common::FieldError;
using common::Status;
using nlohmann::json;

namespace {

struct StrictParseError {
  std::string why;
};

bool IsJsonContentType(const std::string& ct) {
  // "application/json" with optional parameters; only charset=utf-8 is accepted.
  std::string lower;
  for (char c : ct) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t semi = lower.find(';');
  std::string media = lower.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  if (media != "application/json") return false;
  if (semi == std::string::npos) return true;
  std::string params = lower.substr(semi + 1);
  params.erase(0, params.find_first_not_of(' '));
  return params == "charset=utf-8" || params == "charset=\"utf-8\"";
}

}  // namespace

std::optional<json> ParseStrictJson(std::string_view text, std::string* why) {
  std::vector<std::set<std::string>> keys;
  auto callback = [&keys](int depth, json::parse_event_t event, json& parsed) -> bool {
    if (depth > kMaxJsonDepth) throw StrictParseError{"nesting deeper than " + std::to_string(kMaxJsonDepth)};
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key: {
        const std::string& k = parsed.get_ref<const std::string&>();
        if (!keys.empty() && !keys.back().insert(k).second) {
          throw StrictParseError{"duplicate key \"" + k.substr(0, 64) + "\""};
        }
        break;
      }
      default:
        break;
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true,
                       /*ignore_comments=*/false);
  } catch (const StrictParseError& e) {
    *why = e.why;
  } catch (const json::parse_error& e) {
    // nlohmann's message names the byte position and the token, never our internals.
    *why = e.what();
    size_t colon = why->find("parse error");
    if (colon != std::string::npos) *why = why->substr(colon);
  } catch (const json::exception& e) {
    *why = "not valid JSON";
  }
  return std::nullopt;
}

std::optional<json> ParseJsonObject(const HttpRequest& req, InputError* error) {
  const std::string* ct = req.Header("content-type");
  if (!ct || !IsJsonContentType(*ct)) {
    *error = {415, "unsupported_media_type", "send the body as application/json; charset=utf-8"};
    return std::nullopt;
  }
  if (req.body.empty()) {
    *error = {400, "malformed_json", "the request needs a JSON object body"};
    return std::nullopt;
  }
  std::string why;
  auto doc = ParseStrictJson(req.body, &why);
  if (!doc) {
    *error = {400, "malformed_json", why};
    return std::nullopt;
  }
  if (!doc->is_object()) {
    *error = {400, "malformed_json", "the body must be a JSON object"};
    return std::nullopt;
  }
  return doc;
}

ObjectReader::ObjectReader(const json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

void ObjectReader::Error(const std::string& key, const std::string& code, const std::string& message) {
  errors_.push_back(FieldError{Path(key), code, message});
}

void ObjectReader::Merge(const Status& st) {
  common::MergeFieldErrors(st, &errors_, prefix_);
}

const json* ObjectReader::Field(const std::string& key, bool required) {
  seen_.insert(key);
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) {
    if (required) Error(key, "required", "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> ObjectReader::String(const std::string& key, bool required, size_t max_chars) {
  const json* v = Field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Error(key, "type", "must be a string");
    return std::nullopt;
  }
  const std::string& s = v->get_ref<const std::string&>();
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f) {
      Error(key, "control_character", "must not contain control characters");
      return std::nullopt;
    }
  }
  if (common::Utf8Length(s) > max_chars) {
    Error(key, "too_long", "at most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> ObjectReader::Enum(const std::string& key, bool required,
                                              const std::vector<std::string>& allowed) {
  auto s = String(key, required, 64);
  if (!s) return std::nullopt;
  for (const auto& a : allowed) {
    if (*s == a) return s;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  Error(key, "enum", "must be one of: " + list);
  return std::nullopt;
}

std::optional<bool> ObjectReader::Bool(const std::string& key, bool required) {
  const json* v = Field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    Error(key, "type", "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<int64_t> ObjectReader::Int(const std::string& key, bool required, int64_t min, int64_t max) {
  const json* v = Field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    Error(key, "type", "must be an integer");
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    Error(key, "range", "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    Error(key, "range", "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<common::Money> ObjectReader::Money(const std::string& key, bool required) {
  const json* v = Field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Error(key, "type", "an amount is a decimal string in yuan, e.g. \"1250000.00\"");
    return std::nullopt;
  }
  auto m = common::ParseMoney(v->get_ref<const std::string&>(), Path(key));
  if (!m.ok()) {
    Merge(m.status());
    return std::nullopt;
  }
  return *m;
}

std::optional<int64_t> ObjectReader::Hundredths(const std::string& key, bool required, int64_t min, int64_t max) {
  const json* v = Field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    Error(key, "type", "must be a number");
    return std::nullopt;
  }
  auto text = [](int64_t h) {
    std::string s = std::to_string(h / 100);
    if (h % 100) s += "." + std::to_string(100 + h % 100).substr(1);
    return s;
  };
  int64_t h;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<uint64_t>() > 1000000000000ULL) {
      Error(key, "range", "must be from " + text(min) + " to " + text(max));
      return std::nullopt;
    }
    int64_t n = v->get<int64_t>();
    if (n > 1000000000000LL || n < -1000000000000LL) {
      Error(key, "range", "must be from " + text(min) + " to " + text(max));
      return std::nullopt;
    }
    h = n * 100;
  } else {
    // The number arrives as a double; two decimals of a value below 10^12 survive exactly
    // enough to be recovered, and anything finer is refused rather than rounded.
    double d = v->get<double>();
    if (!(d > -1e12 && d < 1e12)) {
      Error(key, "range", "must be from " + text(min) + " to " + text(max));
      return std::nullopt;
    }
    double scaled = d * 100.0;
    double rounded = std::nearbyint(scaled);
    if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(scaled))) {
      Error(key, "precision", "at most two decimals");
      return std::nullopt;
    }
    h = static_cast<int64_t>(rounded);
  }
  if (h < min || h > max) {
    Error(key, "range", "must be from " + text(min) + " to " + text(max));
    return std::nullopt;
  }
  return h;
}

std::optional<common::Date> ObjectReader::Date(const std::string& key, bool required) {
  const json* v = Field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Error(key, "type", "a date is a string YYYY-MM-DD");
    return std::nullopt;
  }
  auto d = common::ParseDate(v->get_ref<const std::string&>(), Path(key));
  if (!d.ok()) {
    Merge(d.status());
    return std::nullopt;
  }
  return *d;
}

const json* ObjectReader::Object(const std::string& key, bool required) {
  const json* v = Field(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    Error(key, "type", "must be an object");
    return nullptr;
  }
  return v;
}

const json* ObjectReader::Array(const std::string& key, bool required, size_t max_items) {
  const json* v = Field(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    Error(key, "type", "must be an array");
    return nullptr;
  }
  if (v->size() > max_items) {
    Error(key, "too_many", "at most " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return v;
}

Status ObjectReader::Finish() {
  for (auto it = obj_.begin(); it != obj_.end(); ++it) {
    if (!seen_.count(it.key())) {
      errors_.push_back(FieldError{Path(it.key().substr(0, 64)), "unknown_field", "is not a field of this request"});
    }
  }
  if (errors_.empty()) return Status::Ok();
  return Status::Validation("the request has invalid fields", errors_);
}

QueryReader::QueryReader(const HttpRequest& req) {
  for (std::string_view pair : common::Split(req.query, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name, value;
    bool ok = Router<int>::PercentDecode(pair.substr(0, eq), &name, true) &&
              (eq == std::string_view::npos ||
               Router<int>::PercentDecode(pair.substr(eq + 1), &value, true));
    if (!ok || !common::IsValidUtf8(name) || !common::IsValidUtf8(value)) {
      errors_.push_back(FieldError{"query", "encoding", "the query string is not valid percent-encoded UTF-8"});
      continue;
    }
    if (!values_.emplace(name, value).second) {
      errors_.push_back(FieldError{name.substr(0, 64), "duplicate", "is given more than once"});
    }
  }
}

std::optional<std::string> QueryReader::String(const std::string& key, size_t max_chars) {
  seen_.insert(key);
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  if (common::Utf8Length(it->second) > max_chars) {
    errors_.push_back(FieldError{key, "too_long", "at most " + std::to_string(max_chars) + " characters"});
    return std::nullopt;
  }
  return it->second;
}

void QueryReader::NotOneOf(const std::string& key, const std::vector<std::string>& allowed) {
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  errors_.push_back(FieldError{key, "enum", "must be one of: " + list});
}

std::optional<common::Date> QueryReader::Date(const std::string& key) {
  auto s = String(key, 10);
  if (!s) return std::nullopt;
  auto d = common::ParseDate(*s, key);
  if (!d.ok()) {
    common::MergeFieldErrors(d.status(), &errors_);
    return std::nullopt;
  }
  return *d;
}

int QueryReader::Limit() {
  auto s = String("limit", 10);
  if (!s) return 50;
  int n = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
  if (ec != std::errc() || p != s->data() + s->size() || n < 1 || n > 500) {
    errors_.push_back(FieldError{"limit", "range", "must be an integer from 1 to 500"});
    return 50;
  }
  return n;
}

std::string QueryReader::Cursor() {
  auto s = String("cursor", 200);
  if (!s) return "";
  auto pos = DecodeCursor(*s);
  if (!pos) {
    errors_.push_back(FieldError{"cursor", "invalid", "not a cursor this server made"});
    return "";
  }
  return *pos;
}

Status QueryReader::RefuseAllBut(const std::vector<std::string>& names) {
  for (const std::string& n : names) seen_.insert(n);
  return Finish();
}

Status QueryReader::Finish() {
  for (const auto& [k, v] : values_) {
    if (!seen_.count(k)) {
      errors_.push_back(FieldError{k.substr(0, 64), "unknown_parameter", "is not a parameter of this request"});
    }
  }
  if (errors_.empty()) return Status::Ok();
  return Status::Validation("the query has invalid parameters", errors_);
}

namespace {

// The cursor key: random per process until SetCursorKey gives the one every instance shares.
std::string& CursorKey() {
  static std::string key = common::RandomBytes(32);
  return key;
}

constexpr size_t kCursorMacBytes = 32;  // 32 hex characters: a 128-bit tag

std::string CursorMac(std::string_view position) {
  // The hex digest's first 32 characters: 16 bytes of tag, kept as text (it is base64url'd anyway).
  return common::HmacSha256Hex(CursorKey(), std::string("cursor v2|").append(position)).substr(0, kCursorMacBytes);
}

}  // namespace

void SetCursorKey(std::string key) { CursorKey() = std::move(key); }

std::string EncodeCursor(const std::string& position) {
  return common::Base64UrlEncode(CursorMac(position) + position);
}

std::optional<std::string> DecodeCursor(std::string_view cursor) {
  std::string raw;
  if (cursor.empty() || !common::Base64UrlDecode(cursor, &raw)) return std::nullopt;
  if (raw.size() <= kCursorMacBytes) return std::nullopt;
  std::string position = raw.substr(kCursorMacBytes);
  if (!common::ConstantTimeEquals(CursorMac(position), std::string_view(raw).substr(0, kCursorMacBytes))) {
    return std::nullopt;
  }
  return position;
}

common::Result<std::optional<int64_t>> IfMatchVersion(const HttpRequest& req) {
  const std::string* h = req.Header("if-match");
  if (!h) return std::optional<int64_t>();
  std::string_view v = *h;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v == "*") return std::optional<int64_t>();
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() >= 3 && v.front() == '"' && v.back() == '"') {
    std::string_view digits = v.substr(1, v.size() - 2);
    int64_t n = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && p == digits.data() + digits.size() && n >= 0) {
      return std::optional<int64_t>(n);
    }
  }
  return Status::FieldInvalid("If-Match", "format", "If-Match takes an ETag this server sent, e.g. \"3\"");
}

}  // namespace api
