// POST /v1/evaluations/simulate.
#include "api/handler_util.h"
#include "api/procurement_json.h"

namespace api {

using nlohmann::json;
using namespace procurement;

void AddEvaluationRoutes(RouteTable& routes, const ApiDeps& deps) {
  const EvaluationService* evaluation = deps.evaluation;
  routes.Add("POST", "/v1/evaluations/simulate", Access::kAccount, [evaluation](Context& ctx) {
    Terms terms;
    std::vector<BidInput> bids;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) { ReadSimulation(in, &terms, &bids); });
    if (bad) return *bad;
    return Answer(evaluation->Simulate(*ctx.actor, terms, bids), codec::ReportJson);
  });
}

}  // namespace api
