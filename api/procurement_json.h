// JSON <-> the procurement domain: evaluation terms, bids and reports.
#pragma once

#include <nlohmann/json.hpp>

#include "api/input.h"
#include "procurement/evaluation.h"
#include "procurement/tender_service.h"
#include "codec/report_json.h"

namespace api {

procurement::Policies ReadPolicies(const nlohmann::json& obj, ObjectReader& parent);
// One bid of /simulate at bids[i].
procurement::BidInput ReadSimulatedBid(const nlohmann::json& obj, const std::string& prefix, ObjectReader& parent);
// The body of POST /v1/evaluations/simulate: terms and bids, problems recorded in `in`.
// An RFC 3339 string field; a malformed one is recorded in `in` under `key`.
std::optional<common::Timestamp> ReadTimestamp(ObjectReader& in, const std::string& key, bool required);
// The bodies of POST /v1/tenders and POST /v1/tenders/{id}/bids.
procurement::NewTender ReadNewTender(ObjectReader& r);
procurement::NewBid ReadNewBid(ObjectReader& r);
// The body of POST /v1/tenders/{id}/clarifications.
procurement::NewClarification ReadNewClarification(ObjectReader& r);
// A tender as served: its terms, policies, state, award notice and contract.
nlohmann::json TenderJson(const procurement::Tender& t);
void ReadSimulation(ObjectReader& in, procurement::Terms* terms, std::vector<procurement::BidInput>* bids);

}  // namespace api
