#include "procurement/evaluation.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>

#include "common/crypto.h"
#include "procurement/arith.h"

namespace procurement {

using common::FieldError;
using common::Money;
using common::Result;
using common::Status;

int64_t AggregateExpertScores(const std::vector<int64_t>& scores, Aggregation how) {
  if (scores.empty()) return 0;
  std::vector<int64_t> s = scores;
  if (how == Aggregation::kTrimmedMean && s.size() >= 5) {
    std::sort(s.begin(), s.end());
    s = std::vector<int64_t>(s.begin() + 1, s.end() - 1);
  }
  Int128 sum = 0;
  for (int64_t v : s) sum += v;
  return DivRoundHalfUp(sum, static_cast<Int128>(s.size()));
}

namespace {

std::string Pct(int64_t hundredths) {
  return std::to_string(hundredths / 100) + (hundredths % 100 ? "." + std::to_string(100 + hundredths % 100).substr(1) : "");
}

// One bid's working values, without a heap allocation. The valid ones are sorted by value, not
// through pointers: at 100,000 bids the comparisons then read neighbouring memory instead of
// chasing pointers across megabytes. Cache misses and an allocation or two per bid were what kept
// the engine's growth from 1,000 to 100,000 bids above n log n (docs/performance.md).
struct Work {
  const BidInput* in;
  Money price;           // copied from *in with `domestic`: the tie-breaks read them in the sort
  bool domestic = false;
  int64_t technical = 0;
  Money evaluated;
  int64_t total = 0;  // comprehensive only; the price score is total - technical
  // SHA-256 of "<tender id>:<bid id>" as four big-endian words: comparing them in order orders
  // the digests exactly as the lowercase hex that EVALUATION.md names (hex keeps byte order, and
  // a big-endian word keeps the order of its 8 bytes), in four integer compares.
  std::array<uint64_t, 4> draw_key;
};

std::array<uint64_t, 4> DrawKey(const common::Sha256Digest& d) {
  std::array<uint64_t, 4> key{};
  for (size_t i = 0; i < d.size(); ++i) key[i / 8] = key[i / 8] << 8 | d[i];
  return key;
}

// For each bid, whether an earlier bid has the same id. A flat open-addressing table (load at
// most one half) of 8-byte slots: one allocation in all, where std::unordered_set's node per bid
// dominated the profile at 100,000 bids; the table is then 2 MB.
std::vector<char> RepeatedIds(const std::vector<BidInput>& bids) {
  struct Slot {
    uint32_t tag = 0;    // the hash's high 32 bits; the low bits chose the slot
    uint32_t index = 0;  // bid index + 1; 0 = empty (a tender has far fewer than 2^32 bids)
  };
  size_t capacity = 16;
  while (capacity < 2 * bids.size()) capacity *= 2;
  std::vector<Slot> table(capacity);
  std::vector<char> repeated(bids.size(), 0);
  const std::hash<std::string_view> hasher;
  for (size_t i = 0; i < bids.size(); ++i) {
    const size_t h = hasher(bids[i].id);
    for (size_t s = h & (capacity - 1);; s = (s + 1) & (capacity - 1)) {
      if (table[s].index == 0) {
        table[s] = {static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(i + 1)};
        break;
      }
      if (table[s].tag == static_cast<uint32_t>(h >> 32) && bids[table[s].index - 1].id == bids[i].id) {
        repeated[i] = 1;
        break;
      }
    }
  }
  return repeated;
}

// The terms' own checks (EVALUATION.md "Terms"), appended to *errors.
void CheckTerms(const Terms& t, std::vector<FieldError>* errors) {
  const Policies& p = t.policies;
  if (t.budget.fen <= 0) errors->push_back({"budget", "range", "the budget must be more than zero"});
  if (t.min_valid_bids < 1 || t.min_valid_bids > 1000) errors->push_back({"min_valid_bids", "range", "1 to 1000"});
  if (t.method == Method::kComprehensive) {
    int64_t min_weight = t.kind == CategoryKindHint::kGoods ? 3000 : t.kind == CategoryKindHint::kServices ? 1000 : 1;
    if (t.price_weight < min_weight || t.price_weight > 10000) {
      std::string why = t.kind == CategoryKindHint::kGoods      ? "at least 30 for goods (Order 87 Art. 55), at most 100"
                        : t.kind == CategoryKindHint::kServices ? "at least 10 for services (Order 87 Art. 55), at most 100"
                                                                : "more than 0 and at most 100";
      errors->push_back({"price_weight", "range", "the price weight is " + why});
    }
  }
  auto pct_range = [&](int64_t v, const char* field) {
    if (v < 0 || v > 10000) errors->push_back({field, "range", "a percentage from 0 to 100"});
  };
  pct_range(p.domestic_price_deduction, "policies.domestic_price_deduction_pct");
  pct_range(p.sme_price_deduction, "policies.sme_price_deduction_pct");
  pct_range(p.abnormally_low_pct, "policies.abnormally_low_pct");
  if (p.domestic_price_deduction + p.sme_price_deduction >= 10000) {
    errors->push_back({"policies", "deductions", "the price deductions must add up to less than 100 percent"});
  }
  if (p.tie_tolerance < 0 || p.tie_tolerance > 100000000) {
    errors->push_back({"policies.tie_tolerance", "range", "must be zero or more"});
  }
}

// Reads each bid into its Work (the technical score from expert scores when given), appending
// the bids' errors to *errors. The field names and messages are built only for a bid that has an
// error.
std::vector<Work> ReadBids(const Terms& t, const std::vector<BidInput>& bids, std::vector<FieldError>* errors) {
  const bool comprehensive = t.method == Method::kComprehensive;
  const int64_t max_t = comprehensive ? 10000 - std::clamp<int64_t>(t.price_weight, 0, 10000) : 10000;
  const std::vector<char> repeated = RepeatedIds(bids);
  std::vector<Work> all(bids.size());
  auto range = [&] { return "from 0 to " + Pct(max_t) + (comprehensive ? " (100 minus the price weight)" : ""); };
  for (size_t i = 0; i < bids.size(); ++i) {
    const BidInput& b = bids[i];
    auto pre = [i] { return "bids[" + std::to_string(i) + "]."; };
    all[i].in = &b;
    all[i].price = b.price;
    all[i].domestic = b.domestic;
    if (b.id.empty()) errors->push_back({pre() + "id", "required", "every bid has an id"});
    if (repeated[i]) errors->push_back({pre() + "id", "duplicate", "bid ids are unique"});
    if (b.technical_score && !b.expert_scores.empty()) {
      errors->push_back({pre() + "expert_scores", "exclusive", "give technical_score or expert_scores, not both"});
      continue;
    }
    for (size_t k = 0; k < b.expert_scores.size(); ++k) {
      if (b.expert_scores[k] < 0 || b.expert_scores[k] > max_t) {
        errors->push_back({pre() + "expert_scores[" + std::to_string(k) + "]", "range", "a score is " + range()});
      }
    }
    if (b.technical_score) {
      all[i].technical = *b.technical_score;
    } else if (!b.expert_scores.empty()) {
      all[i].technical = AggregateExpertScores(b.expert_scores, t.policies.expert_aggregation);
    } else if (t.method != Method::kLowestPrice) {
      errors->push_back({pre() + "technical_score", "required", "this method needs a technical score or expert scores"});
    }
    if (all[i].technical < 0 || all[i].technical > max_t) {
      errors->push_back({pre() + "technical_score", "range", "the technical score is " + range()});
    }
  }
  return all;
}

// Moves the valid bids to the front of `all` and cuts it to them (their order does not matter:
// they are sorted later into a total order, so no second array of 100,000 is allocated); the
// others go to report->excluded with their reasons, in bid id order. Sets each valid bid's
// evaluated price and draw key.
void KeepValid(const Terms& t, std::vector<Work>* all, Report* report) {
  const Policies& p = t.policies;
  size_t valid_count = 0;
  std::string draw_input = t.tender_id + ":";
  const size_t draw_prefix = draw_input.size();
  for (Work& w : *all) {
    const BidInput& b = *w.in;
    ExcludedBid ex;
    if (!b.eligible) ex.reasons.push_back({"not_eligible", "failed the qualification review (market access) at the bid deadline"});
    if (!b.revealed) {
      // Sealed by its bidder and never revealed: no price exists to judge (CONTRACT.md).
      ex.reasons.push_back({"not_revealed", "its bidder did not reveal the price within the reveal window"});
      ex.bid_id = b.id;
      report->excluded.push_back(std::move(ex));
      continue;
    }
    if (b.price > t.budget) {
      ex.reasons.push_back({"over_budget", "the price " + common::FormatMoney(b.price) + " is over the budget " +
                                               common::FormatMoney(t.budget)});
    }
    if (b.price.fen <= 0) ex.reasons.push_back({"invalid_price", "the price must be more than zero"});
    int64_t deduction = (b.domestic ? p.domestic_price_deduction : 0) + (b.sme ? p.sme_price_deduction : 0);
    w.evaluated = Money{DivRoundHalfUp(static_cast<Int128>(b.price.fen) * (10000 - deduction), 10000)};
    if (ex.reasons.empty() && w.evaluated.fen <= 0) {
      ex.reasons.push_back({"invalid_price", "the evaluated price rounds to zero"});
    }
    if (ex.reasons.empty()) {
      draw_input.resize(draw_prefix);
      draw_input += b.id;
      w.draw_key = DrawKey(common::Sha256(draw_input));
      (*all)[valid_count++] = w;
    } else {
      ex.bid_id = b.id;
      report->excluded.push_back(std::move(ex));
    }
  }
  all->resize(valid_count);
  std::sort(report->excluded.begin(), report->excluded.end(),
            [](const ExcludedBid& a, const ExcludedBid& b) { return a.bid_id < b.bid_id; });
}

// How two valid bids compare under the terms (EVALUATION.md "Ranking" and "Ties").
class Ordering {
 public:
  explicit Ordering(const Terms& t) : method_(t.method), p_(t.policies) {}

  // The primary measure: negative when a is better than b.
  int Primary(const Work* a, const Work* b) const {
    switch (method_) {
      case Method::kLowestPrice:
        return a->evaluated < b->evaluated ? -1 : (b->evaluated < a->evaluated ? 1 : 0);
      case Method::kComprehensive:
        return a->total > b->total ? -1 : (a->total < b->total ? 1 : 0);
      case Method::kPricePerformance:
        // a better when Ta/Ea > Tb/Eb, compared exactly by cross-multiplying.
        return -CompareFractions(a->technical, a->evaluated.fen, b->technical, b->evaluated.fen);
    }
    return 0;
  }
  // Whether a and b are tied: equal, or within the tie tolerance (inclusive).
  bool Within(const Work* a, const Work* b) const {
    if (p_.tie_tolerance == 0) return Primary(a, b) == 0;
    switch (method_) {
      case Method::kLowestPrice: {
        int64_t d = a->evaluated.fen - b->evaluated.fen;
        return (d < 0 ? -d : d) <= p_.tie_tolerance;  // hundredths of a yuan = fen
      }
      case Method::kComprehensive: {
        int64_t d = a->total - b->total;
        return (d < 0 ? -d : d) <= p_.tie_tolerance;
      }
      case Method::kPricePerformance: {
        Int128 c1 = static_cast<Int128>(a->technical) * b->evaluated.fen;
        Int128 c2 = static_cast<Int128>(b->technical) * a->evaluated.fen;
        Int128 d = c1 > c2 ? c1 - c2 : c2 - c1;
        return d * 10000 <= static_cast<Int128>(p_.tie_tolerance) * std::max(c1, c2);
      }
    }
    return false;
  }
  // The first tie-break rule that orders a before b, or "" when a does not come first.
  const char* RuleAhead(const Work* a, const Work* b) const {
    if (p_.domestic_tie_preference && a->domestic != b->domestic) {
      return a->domestic ? "domestic_preference" : "";
    }
    if (method_ != Method::kLowestPrice && a->price != b->price) {
      return a->price < b->price ? "lower_price" : "";
    }
    if (method_ == Method::kPricePerformance && a->technical != b->technical) {
      return a->technical > b->technical ? "higher_technical_score" : "";
    }
    return a->draw_key < b->draw_key ? "draw" : "";
  }

 private:
  Method method_;
  const Policies& p_;
};

// Ranks the valid bids into report->ranking: sorted by the primary measure (the draw key makes
// the order total, so the input order never matters), cut into tie groups, each group ordered by
// the tie-breaks; the abnormally low flag against the mean price of the other valid bids.
void Rank(const Terms& t, std::vector<Work>& valid, Report* report) {
  const Ordering order(t);
  std::sort(valid.begin(), valid.end(), [&](const Work& a, const Work& b) {
    int c = order.Primary(&a, &b);
    return c != 0 ? c < 0 : a.draw_key < b.draw_key;
  });
  Int128 price_sum = 0;
  for (const Work& w : valid) price_sum += w.price.fen;
  const Int128 n = static_cast<Int128>(valid.size());
  report->ranking.reserve(valid.size());
  for (size_t begin = 0, end; begin < valid.size(); begin = end) {  // one tie group: [begin, end)
    end = begin + 1;
    while (end < valid.size() && order.Within(&valid[begin], &valid[end])) ++end;
    std::sort(valid.begin() + begin, valid.begin() + end,
              [&](const Work& a, const Work& b) { return *order.RuleAhead(&a, &b) != '\0'; });
    for (size_t k = begin; k < end; ++k) {
      const Work* w = &valid[k];
      // The bids are read in ranking order, at random in memory: ask for one a few ahead so that
      // copying its id does not wait on a cache miss (a tenth of the time at 100,000 bids).
      if (k + 8 < valid.size()) __builtin_prefetch(valid[k + 8].in);
      RankedBid r;
      r.bid_id = w->in->id;
      r.rank = static_cast<int>(k + 1);
      r.price = w->price;
      r.evaluated_price = w->evaluated;
      if (t.method == Method::kComprehensive) {
        r.price_score = w->total - w->technical;
        r.total = w->total;
      }
      r.technical_score = w->technical;
      r.domestic = w->domestic;
      r.sme = w->in->sme;
      if (t.method == Method::kPricePerformance) {
        r.ratio = DivRoundHalfUp(static_cast<Int128>(w->technical) * 100000000, w->evaluated.fen);
      }
      if (k + 1 < end) r.tie_break = order.RuleAhead(w, &valid[k + 1]);
      // Abnormally low: below abnormally_low_pct percent of the mean price of the other valid bids.
      if (n >= 2) {
        Int128 others = price_sum - w->price.fen;
        r.abnormally_low = static_cast<Int128>(w->price.fen) * (n - 1) * 10000 < others * t.policies.abnormally_low_pct;
      }
      report->ranking.push_back(std::move(r));
    }
  }
}

}  // namespace

Result<Report> Evaluate(const Terms& t, const std::vector<BidInput>& bids) {
  std::vector<FieldError> errors;
  CheckTerms(t, &errors);
  std::vector<Work> work = ReadBids(t, bids, &errors);
  if (!errors.empty()) return Status::Validation("the evaluation terms or bids are not valid", errors);

  Report report;
  report.method = t.method;
  KeepValid(t, &work, &report);
  if (static_cast<int>(work.size()) < t.min_valid_bids) {
    report.recommended = false;
    report.failure_reason = "too_few_valid_bids";
    return report;
  }
  report.recommended = true;
  if (t.method == Method::kComprehensive) {  // the base price: the lowest evaluated price
    Money base = work[0].evaluated;
    for (const Work& w : work) base = std::min(base, w.evaluated);
    report.base_price = base;
    for (Work& w : work) {
      w.total = DivRoundHalfUp(static_cast<Int128>(base.fen) * t.price_weight, w.evaluated.fen) + w.technical;
    }
  }
  Rank(t, work, &report);
  report.winner = report.ranking.front().bid_id;
  return report;
}

}  // namespace procurement
