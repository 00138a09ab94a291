// The approved list's field checks: pure (no store, no clock), shared by the registry's use
// cases, the fixtures and the fuzz targets. Each returns OK or a kValidation Status whose
// FieldErrors are named like the JSON, under `prefix`/`field`.
#pragma once

#include <string>

#include "common/status.h"
#include "registry/model.h"

namespace registry {

struct Registration;

// Empty text is OK unless `required`; otherwise common::CheckName (printable, at most max_chars).
common::Status CheckText(const std::string& s, const std::string& field, size_t max_chars, bool required);
common::Status CheckQualificationClaim(const Qualification& q, const QualificationType* type,
                                       const std::string& prefix);
// The part of CheckQualificationClaim that needs no type: certificate number, issuer, dates.
common::Status CheckQualificationText(const Qualification& q, const std::string& prefix);
// A practitioner's credential against its type (`type` null: no such type): a type held by
// practitioners, and one of its levels. Errors on `type_field` and `level_field`; when the type
// is unknown the level is left unjudged.
common::Status CheckCredentialType(const Credential& c, const QualificationType* type, const std::string& type_field,
                                   const std::string& level_field);
// A credential given without an end, of a type that expires, runs its type's full term.
Credential WithFullTerm(Credential c, const QualificationType& type);
common::Status CheckContact(const Contact& c, const std::string& prefix);
common::Status CheckRegionCode(const std::string& code, const std::string& field);
// Everything RegisterVendor checks before it writes: one Validation Status listing every
// problem (name, credit_code, region_code, contact.*, login, password), or OK.
common::Status ValidateRegistration(const Registration& r);

}  // namespace registry
