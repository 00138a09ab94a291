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
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      terms.tender_id = in.String("id", false, 64).value_or("simulation");
      auto method = in.Enum("method", true, {"lowest_price", "comprehensive", "price_performance"});
      if (method) terms.method = *ParseMethod(*method);
      terms.price_weight = in.Hundredths("price_weight", terms.method == Method::kComprehensive, 0, 10000).value_or(0);
      auto budget = in.Money("budget", true);
      if (budget) terms.budget = *budget;
      terms.min_valid_bids = static_cast<int>(in.Int("min_valid_bids", false, 1, 1000).value_or(3));
      auto kind = in.Enum("category_kind", false, {"goods", "services", "works"});
      if (kind) {
        terms.kind = *kind == "goods" ? CategoryKindHint::kGoods
                     : *kind == "services" ? CategoryKindHint::kServices : CategoryKindHint::kWorks;
      }
      if (const json* p = in.Object("policies", false)) terms.policies = ReadPolicies(*p, in);
      if (const json* list = in.Array("bids", true, 10000)) {
        for (size_t i = 0; i < list->size(); ++i) {
          bids.push_back(ReadSimulatedBid((*list)[i], "bids[" + std::to_string(i) + "].", in));
        }
      }
    });
    if (bad) return *bad;
    return Answer(evaluation->Simulate(*ctx.actor, terms, bids), storage::ReportJson);
  });
}

}  // namespace api
