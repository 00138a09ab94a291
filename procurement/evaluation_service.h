// Evaluation use cases that need no storage. Thread-safe.
#pragma once

#include "procurement/evaluation.h"
#include "registry/actor.h"

namespace procurement {

class EvaluationService {
 public:
  // POST /v1/evaluations/simulate: officers, experts, auditors and the bureau run the engine on
  // posted terms and bids; nothing is stored. Vendors may not (kForbidden).
  common::Result<Report> Simulate(const registry::Actor& actor, const Terms& terms,
                                  const std::vector<BidInput>& bids) const;
};

}  // namespace procurement
