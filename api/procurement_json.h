// JSON <-> the procurement domain: evaluation terms, bids and reports.
#pragma once

#include <nlohmann/json.hpp>

#include "api/input.h"
#include "procurement/evaluation.h"

namespace api {

// Scores and weights are JSON numbers: hundredths -> 26.67.
nlohmann::json HundredthsJson(int64_t h);
nlohmann::json ReportJson(const procurement::Report& r);
procurement::Policies ReadPolicies(const nlohmann::json& obj, ObjectReader& parent);
// One bid of /simulate at bids[i].
procurement::BidInput ReadSimulatedBid(const nlohmann::json& obj, const std::string& prefix, ObjectReader& parent);

}  // namespace api
