// JSON <-> the procurement domain: evaluation terms, bids and reports.
#pragma once

#include <nlohmann/json.hpp>

#include "api/input.h"
#include "procurement/evaluation.h"
#include "storage/report_codec.h"

namespace api {

procurement::Policies ReadPolicies(const nlohmann::json& obj, ObjectReader& parent);
// One bid of /simulate at bids[i].
procurement::BidInput ReadSimulatedBid(const nlohmann::json& obj, const std::string& prefix, ObjectReader& parent);

}  // namespace api
