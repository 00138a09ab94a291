// The canonical JSON form of evaluation reports: what the tenders store and what the API serves,
// byte for byte, so the report an auditor reads is the one that was recorded. Its own module
// (codec/), below storage and api, so that both link one writer and neither owns the other's
// shapes; it knows the domain types and nlohmann/json, nothing else (scripts/check-layers).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "procurement/evaluation.h"

namespace codec {

// Hundredths as a JSON number: 2667 -> 26.67.
nlohmann::json HundredthsJson(int64_t h);
// A tender's policies, as the tender, the report's inputs and the API write them.
nlohmann::json PoliciesJson(const procurement::Policies& p);
nlohmann::json ReportJson(const procurement::Report& r);
// The inputs an evaluation used: the terms and every bid as given to the engine.
nlohmann::json InputsJson(const procurement::Terms& terms, const std::vector<procurement::BidInput>& bids);

}  // namespace codec
