// JSON <-> the approved list's domain types. Readers validate shape and types into domain
// values (every problem becomes a FieldError through the ObjectReader); the services validate
// the values. Used by the HTTP handlers and by the fixture loader, so fixtures go through the
// same checks as requests.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "api/input.h"
#include "registry/market_access.h"
#include "registry/registry_service.h"
#include "registry/catalog_service.h"

namespace api {

nlohmann::json VendorJson(const registry::Vendor& v);
nlohmann::json QualificationJson(const registry::Qualification& q, common::Date today);
nlohmann::json PractitionerJson(const registry::Practitioner& p);
nlohmann::json ApplicationJson(const registry::Application& a);
nlohmann::json SanctionJson(const registry::Sanction& s, common::Date today);
nlohmann::json TypeJson(const registry::QualificationType& t);
nlohmann::json RequirementJson(const registry::Requirement& r);
nlohmann::json CategoryJson(const registry::Category& c);
nlohmann::json ItemJson(const registry::CatalogItem& it);
// The same object as ItemJson(it).dump(), appended as text without building a json tree: the
// catalog search writes fifty of these per page, and the tree's allocations were most of its
// cost (docs/performance.md). A test keeps the two byte-for-byte equal.
void AppendItemJson(std::string* out, const registry::CatalogItem& it);
nlohmann::json AccessJson(const registry::AccessDecision& d, const std::string& vendor_id,
                          const std::string& category, common::Date on);

// Each reader reads the fields of one object from `in` (which the caller Finish()es).
registry::Registration ReadRegistration(ObjectReader& in);
registry::Contact ReadContact(const nlohmann::json& obj, const std::string& prefix, ObjectReader& parent);
registry::Qualification ReadQualification(const nlohmann::json& obj, const std::string& prefix, ObjectReader& parent);
std::vector<registry::Evidence> ReadEvidence(ObjectReader& in);
registry::NewPractitioner ReadPractitioner(ObjectReader& in);
registry::QualificationType ReadType(ObjectReader& in);
std::vector<registry::Requirement> ReadRequirements(ObjectReader& in);
registry::Category ReadCategory(ObjectReader& in);
registry::NewItem ReadItem(ObjectReader& in);
registry::Sanction ReadSanction(ObjectReader& in);

}  // namespace api
