#include "common/status.h"

namespace common {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kValidation: return "validation";
    case Code::kNotFound: return "not_found";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kForbidden: return "forbidden";
    case Code::kConflict: return "conflict";
    case Code::kVersionMismatch: return "version_mismatch";
    case Code::kSealed: return "sealed";
    case Code::kBiddingClosed: return "bidding_closed";
    case Code::kInvalidState: return "invalid_state";
    case Code::kRateLimited: return "rate_limited";
    case Code::kUnavailable: return "unavailable";
    case Code::kRetry: return "retry";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s = std::string(CodeName(code_)) + ": " + message_;
  for (const auto& e : errors_) s += " [" + e.field + ": " + e.code + "]";
  return s;
}

void MergeFieldErrors(const Status& st, std::vector<FieldError>* errors, const std::string& field_if_none) {
  for (const auto& e : st.errors()) errors->push_back(e);
  if (!st.ok() && st.errors().empty()) errors->push_back({field_if_none, "invalid", st.message()});
}

Status ValidationOrOk(std::vector<FieldError> errors, std::string message) {
  if (errors.empty()) return Status::Ok();
  return Status::Validation(std::move(message), std::move(errors));
}

}  // namespace common
