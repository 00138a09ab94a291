// Micro-benchmarks of the pure core (Google Benchmark): the evaluation engine at 10, 1,000 and
// 100,000 bids with its fitted growth, the market-access decision, and report JSON encoding.
// Run: build/bin/bench_micro   (or bench/run, which runs it with the load runs)
#include <benchmark/benchmark.h>

#include <random>

#include "procurement/evaluation.h"
#include "registry/market_access.h"
#include "codec/report_json.h"

namespace {

using common::Money;

std::vector<procurement::BidInput> Bids(int64_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<procurement::BidInput> bids;
  bids.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    procurement::BidInput b;
    b.id = "bid" + std::to_string(i);
    b.price = Money{static_cast<int64_t>(50000000 + rng() % 50000000)};
    b.technical_score = static_cast<int64_t>(rng() % 7001);
    b.domestic = rng() % 2;
    b.sme = rng() % 3 == 0;
    b.eligible = rng() % 10 != 0;
    bids.push_back(b);
  }
  return bids;
}

procurement::Terms Terms() {
  procurement::Terms t;
  t.tender_id = "bench";
  t.method = procurement::Method::kComprehensive;
  t.price_weight = 3000;
  t.budget = Money{100000000};
  t.policies.domestic_price_deduction = 1000;
  t.policies.sme_price_deduction = 1000;
  return t;
}

void BM_Evaluate(benchmark::State& state) {
  auto bids = Bids(state.range(0), 42);
  auto terms = Terms();
  for (auto _ : state) {
    auto report = procurement::Evaluate(terms, bids);
    benchmark::DoNotOptimize(report);
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Evaluate)->Arg(10)->Arg(1000)->Arg(100000)->Complexity(benchmark::oNLogN)->Unit(benchmark::kMicrosecond);

registry::TypeTable Types() {
  registry::TypeTable t;
  t["CS"] = {"CS", "CS", registry::Holder::kVendor, {"CS1", "CS2", "CS3", "CS4", "CS5"}, 4};
  t["ITSS"] = {"ITSS", "ITSS", registry::Holder::kVendor, {"四级", "三级", "二级", "一级"}, 3};
  t["RK_SI_PM"] = {"RK_SI_PM", "SI", registry::Holder::kPractitioner, {}, 0};
  return t;
}

void BM_MarketAccess(benchmark::State& state) {
  registry::VendorSnapshot v;
  v.status = registry::VendorStatus::kListed;
  common::Date issued = *common::ParseDate("2025-01-01"), expires = *common::ParseDate("2028-12-31");
  for (int i = 0; i < 6; ++i) {
    registry::Qualification q;
    q.id = "q" + std::to_string(i);
    q.type = i % 2 ? "CS" : "ITSS";
    q.level = i % 2 ? "CS3" : "三级";
    q.issued_on = issued;
    q.expires_on = expires;
    v.qualifications.push_back(q);
  }
  for (int i = 0; i < 20; ++i) {
    registry::Practitioner p;
    p.credentials.push_back({"RK_SI_PM", "", "x", issued, std::nullopt});
    v.practitioners.push_back(p);
  }
  registry::Sanction s;
  s.starts_on = *common::ParseDate("2024-01-01");
  s.ends_on = *common::ParseDate("2024-06-30");
  v.sanctions.push_back(s);
  std::vector<registry::Requirement> reqs = {{registry::Requirement::Kind::kQualification, "CS", "CS3", 1},
                                             {registry::Requirement::Kind::kQualification, "ITSS", "三级", 1},
                                             {registry::Requirement::Kind::kCredential, "RK_SI_PM", "", 2}};
  auto types = Types();
  common::Date on = *common::ParseDate("2026-12-01");
  for (auto _ : state) {
    auto d = registry::DecideMarketAccess(v, reqs, types, on);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_MarketAccess);

void BM_ReportJson(benchmark::State& state) {
  auto report = *procurement::Evaluate(Terms(), Bids(state.range(0), 7));
  for (auto _ : state) {
    std::string text = codec::ReportJson(report).dump();
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReportJson)->Arg(10)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
