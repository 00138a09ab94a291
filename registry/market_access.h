// Market access (市场准入): may a vendor compete for a category or tender on a given date?
// A pure function of data: no storage, clock or I/O. Exhaustively tested in
// tests/registry/market_access_test.cpp.
//
// The rule, in order of the reasons reported (every reason that applies is reported):
//  1. not_listed      — the vendor is not on the approved list (status is not "listed").
//  2. sanctioned      — a sanction is in force on the date (starts_on <= date <= ends_on, not lifted);
//                       one reason per such sanction.
//  3. for each requirement, in the order given:
//     qualification requirement {code, min_level}: met when the vendor holds a qualification of
//     that type at min_level or higher that is active and valid on the date
//     (issued_on <= date <= expires_on: the first and the last day both count). Otherwise:
//       missing_qualification        — no qualification of that type at all;
//       qualification_level_too_low  — none at a sufficient level;
//       else the most recently issued one at a sufficient level decides:
//       qualification_revoked, qualification_suspended, not_yet_valid (issued after the date),
//       qualification_expired (expired before the date).
//     credential requirement {code, min_level?, min_count}: met when at least min_count of the
//     vendor's practitioners that count on the date (approved by the bureau and not departed by
//     then: Practitioner::CountsOn) each hold a credential of that type, at min_level or higher
//     when given, valid on the date; otherwise insufficient_practitioners.
// eligible is true exactly when no reason applies.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "registry/model.h"

namespace registry {

struct VendorSnapshot {
  VendorStatus status = VendorStatus::kRegistered;
  std::vector<Qualification> qualifications;
  std::vector<Practitioner> practitioners;
  std::vector<Sanction> sanctions;
};

struct AccessReason {
  std::string code;
  std::optional<Requirement> requirement;  // for requirement reasons
  std::string message;
};

struct AccessDecision {
  bool eligible = true;
  std::vector<AccessReason> reasons;
};

using TypeTable = std::map<std::string, QualificationType>;

// Checks requirements against the types: each names an existing type held by the right holder
// (vendor types for qualification requirements, practitioner types for credentials) at an
// existing level; a qualification requirement on a type with levels names its lowest accepted
// level; credential counts are 1 to 1000. Appends FieldErrors named "requirements[i].…".
void CheckRequirements(const std::vector<Requirement>& reqs, const TypeTable& types,
                       std::vector<common::FieldError>* errors);

// A tender's requirements may add to its category's and raise a level or a count, never drop or
// lower one: for each category requirement the tender must hold one of the same kind and code
// at that level or higher (and, for credentials, that count or more). Appends a FieldError
// "requirements" / "loosened" naming each requirement dropped or lowered.
void CheckTightens(const std::vector<Requirement>& tender, const std::vector<Requirement>& category,
                   const TypeTable& types, std::vector<common::FieldError>* errors);

AccessDecision DecideMarketAccess(const VendorSnapshot& vendor, const std::vector<Requirement>& requirements,
                                  const TypeTable& types, common::Date on);

}  // namespace registry
