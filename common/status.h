// Status and Result<T>: how every module reports failure across a module boundary.
//
// A Status is either OK or carries a Code, a human-readable message and, for validation
// failures, the list of offending fields. Library exceptions never cross a module boundary:
// the adapter that calls the library catches them and returns a Status.
//
// Status is a value type; copying is cheap when OK. Not thread-safe to mutate concurrently.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace common {

// The failure kinds the domain knows. The HTTP edge maps each to one status code and one
// problem `type` (api/problem.cpp); nothing else decides that mapping.
enum class Code {
  kOk = 0,
  kValidation,       // the caller sent something malformed or out of range
  kNotFound,
  kUnauthenticated,
  kForbidden,
  kConflict,         // uniqueness or a state that forbids the request
  kVersionMismatch,  // optimistic concurrency: If-Match is stale
  kSealed,           // a sealed bid was asked for before opening
  kBiddingClosed,
  kInvalidState,
  kRateLimited,
  kUnavailable,      // the database cannot be reached; the caller may retry
  kRetry,            // a transaction lost a race (deadlock, busy); the store retries it
  kInternal,
};

const char* CodeName(Code code);

// One field-level problem of a validation failure: `field` is the JSON path of the field
// ("credit_code", "contact.phone", "bids[2].price"), `code` a short machine code.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
  bool operator==(const FieldError& o) const {
    return field == o.field && code == o.code && message == o.message;
  }
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Validation(std::string message, std::vector<FieldError> errors = {}) {
    Status s(Code::kValidation, std::move(message));
    s.errors_ = std::move(errors);
    return s;
  }
  static Status FieldInvalid(std::string field, std::string code, std::string message) {
    std::string m = message;
    return Validation(std::move(m), {FieldError{std::move(field), std::move(code), std::move(message)}});
  }
  // A conflict that explains itself field by field (e.g. the market-access reasons that
  // refuse an award).
  static Status ConflictWith(std::string message, std::vector<FieldError> errors) {
    Status s(Code::kConflict, std::move(message));
    s.errors_ = std::move(errors);
    return s;
  }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Unauthenticated(std::string m) { return Status(Code::kUnauthenticated, std::move(m)); }
  static Status Forbidden(std::string m) { return Status(Code::kForbidden, std::move(m)); }
  static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }
  static Status VersionMismatch(std::string m) { return Status(Code::kVersionMismatch, std::move(m)); }
  static Status Sealed(std::string m) { return Status(Code::kSealed, std::move(m)); }
  static Status BiddingClosed(std::string m) { return Status(Code::kBiddingClosed, std::move(m)); }
  static Status InvalidState(std::string m) { return Status(Code::kInvalidState, std::move(m)); }
  static Status RateLimited(std::string m) { return Status(Code::kRateLimited, std::move(m)); }
  static Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }
  static Status Retry(std::string m) { return Status(Code::kRetry, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> errors_;
};

// Either a T or a non-OK Status.
// Adds the FieldErrors of `st` to *errors, so that one answer lists every problem of a request;
// a failure with no field errors adds one on `field_if_none` with its message. OK adds nothing.
void MergeFieldErrors(const Status& st, std::vector<FieldError>* errors, const std::string& field_if_none = "");
// OK when `errors` is empty, else kValidation(message, errors).
Status ValidationOrOk(std::vector<FieldError> errors, std::string message = "the request has invalid fields");

// The fields of a request that could not be read (wrong type, missing, malformed), by their
// names in the JSON ("budget", "contact.email", "bids[2].price"). A use case's rule checks take
// it so that one answer lists the type errors and the rule errors together, skipping each rule
// that needs a field it holds: that rule waits until the field can be read (issue 18).
class Unread {
 public:
  Unread() = default;
  explicit Unread(const std::vector<FieldError>& errors) {
    for (const auto& e : errors) fields_.push_back(e.field);
  }
  // True for `field` itself and for anything under it ("contact" covers "contact.email").
  bool Has(const std::string& field) const {
    for (const auto& f : fields_) {
      if (f == field) return true;
      if (f.size() > field.size() && f.compare(0, field.size(), field) == 0 && (f[field.size()] == '.' || f[field.size()] == '[')) {
        return true;
      }
      if (field.size() > f.size() && field.compare(0, f.size(), f) == 0 && (field[f.size()] == '.' || field[f.size()] == '[')) {
        return true;
      }
    }
    return false;
  }
  // True when any of `fields` is unread: a rule needing them all waits.
  bool Any(std::initializer_list<const char*> fields) const {
    for (const char* f : fields) {
      if (Has(f)) return true;
    }
    return false;
  }
  bool empty() const { return fields_.empty(); }

  // A rule's result on `field` that also read other fields: {field, {the fields it needs}}.
  struct Needs {
    const char* field;
    std::initializer_list<const char*> needs;
  };
  // The errors worth reporting beside the unread fields: those on a field that was read and
  // whose rule had every field it needs. The rest wait until those fields can be read.
  std::vector<FieldError> Keep(const std::vector<FieldError>& errors, std::initializer_list<Needs> needs = {}) const {
    std::vector<FieldError> out;
    for (const auto& e : errors) {
      bool wait = Has(e.field);
      for (const auto& n : needs) {
        std::string f = n.field;
        bool about = e.field == f || (e.field.size() > f.size() && e.field.compare(0, f.size(), f) == 0 &&
                                      (e.field[f.size()] == '.' || e.field[f.size()] == '['));
        if (about && Any(n.needs)) wait = true;
      }
      if (!wait) out.push_back(e);
    }
    return out;
  }

 private:
  std::vector<std::string> fields_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}               // NOLINT: implicit by design
  // A Result made from an OK Status would have neither a value nor an error; it becomes an
  // internal error in every build (an assert would vanish under NDEBUG, and `if (!r.ok()) return
  // r.status();` would then return OK with nothing done).
  Result(Status status)                                    // NOLINT
      : v_(status.ok() ? Status::Internal("a Result was made from an OK Status: it has no value")
                       : std::move(status)) {}
  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  // A reference, so that `r.status().errors()` in a range-for never dangles.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace common

// Propagates a non-OK Status out of the enclosing function.
#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    ::common::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)

#define REGISTRY_CONCAT_INNER(a, b) a##b
#define REGISTRY_CONCAT(a, b) REGISTRY_CONCAT_INNER(a, b)
// ASSIGN_OR_RETURN(auto x, ResultExpr()): binds the value or returns the Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(REGISTRY_CONCAT(_res_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
