#include "codec/report_json.h"

namespace codec {

using nlohmann::json;
using namespace procurement;

json HundredthsJson(int64_t h) {
  // The contract wants JSON numbers. h / 100.0 is an IEEE division of two exactly representable
  // integers (|h| < 2^53), so it is the double nearest to the decimal h/100, and the shortest
  // round-trip printing that nlohmann uses writes exactly that decimal (2667 -> 26.67). No
  // computation happens on the double; it only carries the digits to the output.
  return static_cast<double>(h) / 100.0;
}

namespace {
json RatioJson(int64_t ten_thousandths) { return static_cast<double>(ten_thousandths) / 10000.0; }
}  // namespace

json PoliciesJson(const Policies& p) {
  return {{"domestic_tie_preference", p.domestic_tie_preference},
          {"domestic_price_deduction_pct", HundredthsJson(p.domestic_price_deduction)},
          {"sme_price_deduction_pct", HundredthsJson(p.sme_price_deduction)},
          {"tie_tolerance", HundredthsJson(p.tie_tolerance)},
          {"expert_aggregation", AggregationName(p.expert_aggregation)},
          {"abnormally_low_pct", HundredthsJson(p.abnormally_low_pct)}};
}

json ReportJson(const Report& r) {
  json ranking = json::array();
  for (const auto& b : r.ranking) {
    json item = {{"bid_id", b.bid_id},
                 {"rank", b.rank},
                 {"price", common::FormatMoney(b.price)},
                 {"evaluated_price", common::FormatMoney(b.evaluated_price)},
                 {"price_score", b.price_score ? HundredthsJson(*b.price_score) : json(nullptr)},
                 {"technical_score", HundredthsJson(b.technical_score)},
                 {"total", b.total ? HundredthsJson(*b.total) : json(nullptr)},
                 {"tie_break", b.tie_break.empty() ? json(nullptr) : json(b.tie_break)},
                 {"abnormally_low", b.abnormally_low},
                 {"domestic", b.domestic},
                 {"sme", b.sme}};
    if (b.ratio) item["ratio"] = RatioJson(*b.ratio);
    if (b.domestic_claimed) item["domestic_claimed"] = *b.domestic_claimed;
    if (!b.expert_scores.empty()) {
      json experts = json::array();
      for (const auto& e : b.expert_scores) {
        experts.push_back({{"expert_id", e.expert_id.empty() ? json(nullptr) : json(e.expert_id)},
                           {"expert_name", e.expert_name},
                           {"technical_score", HundredthsJson(e.technical_score)}});
      }
      item["expert_scores"] = std::move(experts);
    }
    ranking.push_back(std::move(item));
  }
  json excluded = json::array();
  for (const auto& e : r.excluded) {
    json reasons = json::array();
    for (const auto& why : e.reasons) reasons.push_back({{"code", why.code}, {"message", why.message}});
    excluded.push_back({{"bid_id", e.bid_id}, {"reasons", reasons}});
  }
  return {{"status", r.recommended ? "recommended" : "failed"},
          {"method", MethodName(r.method)},
          {"base_price", r.base_price ? json(common::FormatMoney(*r.base_price)) : json(nullptr)},
          {"winner", r.winner ? json(*r.winner) : json(nullptr)},
          {"ranking", ranking},
          {"excluded", excluded},
          {"failure_reason", r.failure_reason.empty() ? json(nullptr) : json(r.failure_reason)}};
}

json InputsJson(const Terms& t, const std::vector<BidInput>& bids) {
  json list = json::array();
  for (const auto& b : bids) {
    json scores = json::array();
    for (int64_t s : b.expert_scores) scores.push_back(HundredthsJson(s));
    json bid = {{"id", b.id}, {"price", common::FormatMoney(b.price)}, {"domestic", b.domestic}, {"sme", b.sme},
                {"eligible", b.eligible}, {"expert_scores", scores}};
    if (!b.revealed) bid["revealed"] = false;  // only then, so inputs stored before keep their form
    list.push_back(std::move(bid));
  }
  return {{"id", t.tender_id},
          {"method", MethodName(t.method)},
          {"price_weight", HundredthsJson(t.price_weight)},
          {"budget", common::FormatMoney(t.budget)},
          {"min_valid_bids", t.min_valid_bids},
          {"policies", PoliciesJson(t.policies)},
          {"bids", list}};
}

}  // namespace codec
