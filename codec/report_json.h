// The canonical JSON form of evaluation reports: what the tenders store and what the API serves,
// byte for byte, so the report an auditor reads is the one that was recorded.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "procurement/evaluation.h"

namespace storage {

// Hundredths as a JSON number: 2667 -> 26.67.
nlohmann::json HundredthsJson(int64_t h);
nlohmann::json ReportJson(const procurement::Report& r);
// The inputs an evaluation used: the terms and every bid as given to the engine.
nlohmann::json InputsJson(const procurement::Terms& terms, const std::vector<procurement::BidInput>& bids);

}  // namespace storage
