// Request-body parsing and validation: the strict JSON parser (api/input.h), every body reader
// the routes use (api/registry_json.h, api/procurement_json.h) and the pure validation behind
// them (registry::ValidateRegistration, procurement::Evaluate for a simulation).
//
// The whole input is a request body sent as application/json. Invariants:
// - the parser either refuses with 400/415 and a problem type, or yields an object that
//   re-serialises and re-parses to the same value (nothing it accepts is lossy or ambiguous);
// - every reader's Finish() is OK or a Validation status whose FieldErrors all name a field and
//   a code — the 422 the client gets lists real fields, never an empty one;
// - a registration that passes validation has a credit code that passes the GB 32100 check;
// - a simulation the reader accepts is evaluated, and the engine's answer is a report or a
//   Validation status naming fields (never another kind of error, which would be a 500).
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/input.h"
#include "api/procurement_json.h"
#include "api/registry_json.h"
#include "api/response.h"
#include "common/credit_code.h"
#include "fuzz/fuzz_check.h"
#include "procurement/evaluation.h"
#include "registry/registry_service.h"

namespace {

using nlohmann::json;

void CheckFinish(const common::Status& st) {
  if (st.ok()) return;
  FUZZ_CHECK(st.code() == common::Code::kValidation);
  FUZZ_CHECK(!st.errors().empty());
  for (const auto& e : st.errors()) {
    // A key the client sent may itself be "" ({"": 1}); it is still named as sent.
    FUZZ_CHECK(!e.field.empty() || e.code == "unknown_field");
    FUZZ_CHECK(!e.code.empty());
  }
  // The 422 the client would get renders (field names cut to 64 bytes must stay valid UTF-8)
  // and parses back with every error in it.
  api::HttpResponse resp = api::ProblemFor(st);
  FUZZ_CHECK(resp.status == 422);
  std::string why;
  auto doc = api::ParseStrictJson(resp.body, &why);
  FUZZ_CHECK(doc.has_value());
  FUZZ_CHECK((*doc)["errors"].size() == st.errors().size());
}

// Runs one body reader the way ReadBody does; true when the body was accepted.
template <typename Read>
bool RunReader(const json& body, Read&& read) {
  api::ObjectReader in(body);
  read(in);
  common::Status st = in.Finish();
  CheckFinish(st);
  return st.ok();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  api::HttpRequest req;
  req.method = "POST";
  req.path = req.target = "/v1/vendors";
  req.headers.emplace_back("content-type", "application/json");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  api::InputError err;
  auto body = api::ParseJsonObject(req, &err);
  if (!body) {
    FUZZ_CHECK(err.status == 400 || err.status == 415);
    FUZZ_CHECK(!err.type.empty());
    return 0;
  }
  FUZZ_CHECK(body->is_object());
  std::string why;
  auto again = api::ParseStrictJson(body->dump(), &why);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(*again == *body);

  registry::Registration reg;
  if (RunReader(*body, [&](api::ObjectReader& in) { reg = api::ReadRegistration(in); })) {
    common::Status v = registry::ValidateRegistration(reg);
    CheckFinish(v);
    if (v.ok()) FUZZ_CHECK(common::CheckCreditCode(reg.credit_code).ok() && !reg.name.empty());
  }
  RunReader(*body, [](api::ObjectReader& in) { api::ReadPractitioner(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadType(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadCategory(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadItem(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadSanction(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadEvidence(in); });
  {
    // As POST /v1/vendors/{id}/qualifications does: the body read under an empty outer reader.
    const json empty = json::object();
    api::ObjectReader outer(empty);
    api::ReadQualification(*body, "", outer);
    CheckFinish(outer.Finish());
  }
  RunReader(*body, [](api::ObjectReader& in) { api::ReadNewTender(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadNewBid(in); });
  RunReader(*body, [](api::ObjectReader& in) { api::ReadNewClarification(in); });

  procurement::Terms terms;
  std::vector<procurement::BidInput> bids;
  if (RunReader(*body, [&](api::ObjectReader& in) { api::ReadSimulation(in, &terms, &bids); })) {
    auto report = procurement::Evaluate(terms, bids);
    if (report.ok()) {
      FUZZ_CHECK(report->ranking.size() + report->excluded.size() <= bids.size());
      FUZZ_CHECK(report->recommended == !report->ranking.empty());
    } else {
      CheckFinish(report.status());
    }
  }
  return 0;
}
