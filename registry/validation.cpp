#include "registry/validation.h"

#include "common/credit_code.h"
#include "common/text.h"
#include "registry/account_service.h"
#include "registry/registry_service.h"

namespace registry {

using common::Date;
using common::Fields;
using common::Result;
using common::Status;

Status CheckText(const std::string& s, const std::string& field, size_t max_chars, bool required) {
  if (s.empty()) {
    return required ? Status::FieldInvalid(field, "required", "must not be empty") : Status::Ok();
  }
  return common::CheckName(s, field, max_chars);
}

Status CheckRegionCode(const std::string& code, const std::string& field) {
  if (code.empty()) return Status::Ok();
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) {
    return Status::FieldInvalid(field, "format", "an administrative division code has six digits, e.g. 440500");
  }
  return Status::Ok();
}

Status CheckContact(const Contact& c, const std::string& p) {
  std::vector<common::FieldError> errors;
  common::MergeFieldErrors(CheckText(c.name, p + "name", 100, false), &errors);
  common::MergeFieldErrors(CheckText(c.address, p + "address", 500, false), &errors);
  if (!c.phone.empty() && (c.phone.size() > 32 || c.phone.find_first_not_of("0123456789+-() ") != std::string::npos)) {
    errors.push_back({p + "phone", "format", "digits, spaces and + - ( ) only, at most 32"});
  }
  if (!c.email.empty()) {
    size_t at = c.email.find('@');
    if (c.email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= c.email.size() ||
        c.email.find_first_of(" \t\r\n<>") != std::string::npos) {
      errors.push_back({p + "email", "format", "not an email address"});
    }
  }
  return common::ValidationOrOk(errors);
}

Status CheckQualificationClaim(const Qualification& q, const QualificationType* type, const std::string& p) {
  std::vector<common::FieldError> errors;
  if (!type) {
    errors.push_back({p + "type", "unknown", "no such qualification type"});
  } else if (type->holder != Holder::kVendor) {
    errors.push_back({p + "type", "holder", "this type is held by practitioners, not vendors"});
  } else if (type->Rank(q.level) < 0) {
    errors.push_back({p + "level", "unknown", "not a level of " + type->code});
  }
  common::MergeFieldErrors(CheckText(q.certificate_no, p + "certificate_no", 64, true), &errors);
  common::MergeFieldErrors(CheckText(q.issuer, p + "issuer", 200, true), &errors);
  if (q.expires_on < q.issued_on) {
    errors.push_back({p + "expires_on", "before_issue", "expires before it was issued"});
  } else if (type && type->validity_years > 0 && q.expires_on > q.issued_on.AddYears(type->validity_years)) {
    errors.push_back({p + "expires_on", "too_long",
                      type->code + " is valid for at most " + std::to_string(type->validity_years) + " years"});
  }
  return common::ValidationOrOk(errors);
}

Status CheckCredentialType(const Credential& c, const QualificationType* type, const std::string& type_field,
                           const std::string& level_field) {
  if (!type) return Status::FieldInvalid(type_field, "unknown", "no such qualification type");
  if (type->holder != Holder::kPractitioner) {
    return Status::FieldInvalid(type_field, "holder", "this type is held by vendors, not practitioners");
  }
  if (type->Rank(c.level) < 0) return Status::FieldInvalid(level_field, "unknown", "not a level of " + c.type);
  return Status::Ok();
}

Credential WithFullTerm(Credential c, const QualificationType& type) {
  if (!c.expires_on && type.validity_years > 0) c.expires_on = c.issued_on.AddYears(type.validity_years).AddDays(-1);
  return c;
}

Status CheckQualificationText(const Qualification& q, const std::string& p) {
  std::vector<common::FieldError> errors;
  common::MergeFieldErrors(CheckText(q.certificate_no, p + "certificate_no", 64, true), &errors);
  common::MergeFieldErrors(CheckText(q.issuer, p + "issuer", 200, true), &errors);
  if (q.expires_on < q.issued_on) errors.push_back({p + "expires_on", "before_issue", "expires before it was issued"});
  return common::ValidationOrOk(errors);
}

Status ValidateRegistration(const Registration& r) {
  std::vector<common::FieldError> errors;
  common::MergeFieldErrors(common::CheckName(r.name, "name", 200), &errors);
  common::MergeFieldErrors(common::CheckCreditCode(r.credit_code, "credit_code"), &errors);
  common::MergeFieldErrors(CheckRegionCode(r.region_code, "region_code"), &errors);
  common::MergeFieldErrors(CheckContact(r.contact, "contact."), &errors);
  if (!r.login.empty() || !r.password.empty()) {
    if (r.login.empty()) errors.push_back({"login", "required", "a password needs a login"});
    if (r.password.empty()) errors.push_back({"password", "required", "a login needs a password"});
    if (!r.login.empty()) common::MergeFieldErrors(CheckLogin(r.login, "login"), &errors);
    if (!r.password.empty()) common::MergeFieldErrors(CheckNewPassword(r.password, r.login, r.name, "password"), &errors);
  }
  return common::ValidationOrOk(errors);
}

}  // namespace registry
