#include "codec/ocds.h"

#include <algorithm>

namespace codec {

using nlohmann::json;
using procurement::Bid;
using procurement::PublishedTender;
using procurement::TenderEvent;
using procurement::TenderStatus;

namespace {

const char* kBidExtension =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

// Yuan as a JSON number: amounts are whole fen, so fen / 100 prints exactly with at most two
// decimals (every fen amount the registry holds is far below 2^53).
json Amount(common::Money m) {
  return {{"amount", static_cast<double>(m.fen) / 100.0}, {"currency", "CNY"}};
}

std::string Time(common::Timestamp t) { return common::FormatTimestamp(t); }

// A date as the start of that day in Beijing (OCDS dates are date-times).
std::string DayStart(common::Date d) { return common::FormatDate(d) + "T00:00:00+08:00"; }

std::string PartyId(const registry::Vendor& v) { return "CN-USCI-" + v.credit_code; }

json OrganizationReference(const registry::Vendor& v) { return {{"id", PartyId(v)}, {"name", v.name}}; }

double Percent(int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

}  // namespace

std::string Ocid(const OcdsPublisher& pub, const std::string& tender_id) { return pub.ocid_prefix + "-" + tender_id; }

std::vector<std::string> OcdsExtensions(const OcdsPublisher& pub) {
  return {kBidExtension, pub.base_url + "/ocds/extensions/domestic_preference/extension.json"};
}

json OcdsRelease(const OcdsPublisher& pub, const PublishedTender& p, const TenderEvent& step) {
  const procurement::Tender& t = p.tender;
  const bool award_step = step.action == "tender.award";
  const bool contract_step = step.action == "tender.contract";
  const bool cancel_step = step.action == "tender.cancel";
  // The award this release speaks of is the current one when the step is the tender's last award
  // and the tender still stands awarded or contracted; an earlier award was set aside.
  int64_t last_award = 0;
  for (const TenderEvent& e : p.events) {
    if (e.action == "tender.award") last_award = e.seq;
  }
  const bool award_stands = (t.status == TenderStatus::kAwarded || t.status == TenderStatus::kContracted) && !t.awarded_bid_id.empty();
  const bool bids_shown = !p.bids.empty() && (award_step || contract_step || cancel_step);

  json release = {{"ocid", Ocid(pub, t.id)},
                  {"id", t.id + "-" + std::to_string(step.seq)},
                  {"date", Time(step.at)},
                  {"language", "zh"},
                  {"initiationType", "tender"}};
  release["tag"] = json::array({award_step ? "award" : contract_step ? "contract" : cancel_step ? "tenderCancellation" : "tender"});

  json parties = json::array();
  parties.push_back({{"id", "buyer"}, {"name", pub.name}, {"roles", {"buyer", "procuringEntity"}}});
  const Bid* winner = nullptr;
  for (const Bid& b : p.bids) {
    if (b.id == t.awarded_bid_id) winner = &b;
  }
  if (bids_shown) {
    for (const Bid& b : p.bids) {
      auto v = p.bidders.find(b.vendor_id);
      if (v == p.bidders.end()) continue;
      json roles = {"tenderer"};
      if (winner == &b && award_stands) roles.push_back("supplier");
      parties.push_back({{"id", PartyId(v->second)},
                         {"name", v->second.name},
                         {"identifier", {{"scheme", "CN-USCI"}, {"id", v->second.credit_code}, {"legalName", v->second.name}}},
                         {"roles", roles}});
    }
  }
  release["parties"] = parties;
  release["buyer"] = {{"id", "buyer"}, {"name", pub.name}};

  std::string status = "active";
  if (cancel_step) status = "cancelled";
  else if (award_step || contract_step) status = "complete";
  json tender = {{"id", t.id},
                 {"title", t.title},
                 {"status", status},
                 {"value", Amount(t.budget)},
                 {"procurementMethod", "open"},
                 {"procurementMethodDetails", "公开招标"},
                 {"awardCriteria", t.method == procurement::Method::kLowestPrice ? "priceOnly" : "ratedCriteria"},
                 {"awardCriteriaDetails", procurement::MethodName(t.method)},
                 {"tenderPeriod", {{"endDate", Time(t.bid_deadline)}}},
                 {"domesticPreference",
                  {{"tiePreference", t.policies.domestic_tie_preference},
                   {"priceDeductionPercent", Percent(t.policies.domestic_price_deduction)},
                   {"smePriceDeductionPercent", Percent(t.policies.sme_price_deduction)}}}};
  if (cancel_step && !t.status_reason.empty()) tender["statusDetails"] = t.status_reason;
  if (bids_shown) tender["numberOfTenderers"] = static_cast<int64_t>(p.bids.size());
  release["tender"] = tender;

  if (bids_shown) {
    json details = json::array();
    for (const Bid& b : p.bids) {
      auto v = p.bidders.find(b.vendor_id);
      json d = {{"id", b.id}, {"date", Time(b.submitted_at)}, {"domestic", b.domestic}};
      if (b.reviewed) d["status"] = b.eligible ? "valid" : "disqualified";
      if (v != p.bidders.end()) d["tenderers"] = json::array({OrganizationReference(v->second)});
      if (b.PriceKnown()) d["value"] = Amount(b.price);
      details.push_back(std::move(d));
    }
    release["bids"] = {{"statistics", json::array({{{"id", "1"}, {"measure", "bids"}, {"value", static_cast<int64_t>(p.bids.size())}}})},
                       {"details", details}};
  }

  if ((award_step || contract_step) && winner) {
    auto v = p.bidders.find(winner->vendor_id);
    const bool current = award_stands && (contract_step || step.seq == last_award);
    json award = {{"id", t.id + "-award-" + std::to_string(award_step ? step.seq : last_award)},
                  {"status", current ? "active" : "cancelled"},
                  {"date", Time(award_step ? step.at : t.award_published_at.value_or(step.at))},
                  {"value", Amount(winner->price)},
                  {"relatedBid", winner->id}};
    if (v != p.bidders.end()) award["suppliers"] = json::array({OrganizationReference(v->second)});
    release["awards"] = json::array({award});
    if (contract_step && t.contract) {
      release["contracts"] = json::array({{{"id", t.id + "-contract"},
                                           {"awardID", award["id"]},
                                           {"status", "active"},
                                           {"dateSigned", DayStart(t.contract->signed_on)},
                                           {"value", Amount(t.contract->amount)}}});
    }
  }
  return release;
}

json OcdsPackage(const OcdsPublisher& pub, const std::string& uri, json releases) {
  std::string published = "1970-01-01T00:00:00Z";
  for (const json& r : releases) published = std::max(published, r.value("date", published));
  return {{"uri", uri},
          {"version", "1.1"},
          {"publishedDate", published},
          {"publisher", {{"name", pub.name}}},
          {"extensions", OcdsExtensions(pub)},
          {"releases", std::move(releases)}};
}

}  // namespace codec
