#include "procurement/evaluation_service.h"

namespace procurement {

common::Result<Report> EvaluationService::Simulate(const registry::Actor& actor, const Terms& terms,
                                                   const std::vector<BidInput>& bids) const {
  if (actor.Is(registry::Role::kVendor)) return common::Status::Forbidden("vendors do not run evaluations");
  return Evaluate(terms, bids);
}

}  // namespace procurement
