#include "api/procurement_json.h"

namespace api {

using nlohmann::json;
using namespace procurement;

Policies ReadPolicies(const json& obj, ObjectReader& parent) {
  ObjectReader in(obj, "policies.");
  Policies p;
  p.domestic_tie_preference = in.Bool("domestic_tie_preference", false).value_or(true);
  p.domestic_price_deduction = in.Hundredths("domestic_price_deduction_pct", false, 0, 10000).value_or(0);
  p.sme_price_deduction = in.Hundredths("sme_price_deduction_pct", false, 0, 10000).value_or(0);
  p.tie_tolerance = in.Hundredths("tie_tolerance", false, 0, 100000000).value_or(0);
  auto agg = in.Enum("expert_aggregation", false, {"mean", "trimmed_mean"});
  p.expert_aggregation = agg && *agg == "trimmed_mean" ? Aggregation::kTrimmedMean : Aggregation::kMean;
  p.abnormally_low_pct = in.Hundredths("abnormally_low_pct", false, 0, 10000).value_or(5000);
  parent.Merge(in.Finish());
  return p;
}

BidInput ReadSimulatedBid(const json& obj, const std::string& prefix, ObjectReader& parent) {
  BidInput b;
  if (!obj.is_object()) {
    parent.AddError({prefix.substr(0, prefix.size() - 1), "type", "must be an object"});
    return b;
  }
  ObjectReader in(obj, prefix);
  b.id = in.String("id", true, 64).value_or("");
  auto price = in.Money("price", true);
  if (price) b.price = *price;
  b.domestic = in.Bool("domestic", false).value_or(false);
  b.sme = in.Bool("sme", false).value_or(false);
  b.eligible = in.Bool("eligible", false).value_or(true);
  b.technical_score = in.Hundredths("technical_score", false, 0, 10000);
  if (const json* scores = in.Array("expert_scores", false, 100)) {
    for (size_t k = 0; k < scores->size(); ++k) {
      // Read each element through the same Hundredths() check as a named field.
      const json holder = {{"s", (*scores)[k]}};
      ObjectReader one(holder);
      auto v = one.Hundredths("s", true, 0, 10000);
      common::Status st = one.Finish();
      for (auto e : st.errors()) {
        e.field = prefix + "expert_scores[" + std::to_string(k) + "]";
        parent.AddError(e);
      }
      if (v) b.expert_scores.push_back(*v);
    }
    if (scores->empty()) in.AddError({prefix + "expert_scores", "empty", "give at least one expert score"});
  }
  parent.Merge(in.Finish());
  return b;
}

}  // namespace api
