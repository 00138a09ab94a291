#include "registry/market_access.h"

namespace registry {
namespace {

using common::Date;
using common::FormatDate;

bool ValidOn(const Qualification& q, Date on) {
  return q.status == QualificationStatus::kActive && q.issued_on <= on && on <= q.expires_on;
}

bool ValidOn(const Credential& c, Date on) {
  return c.issued_on <= on && (!c.expires_on || on <= *c.expires_on);
}

std::string LevelText(const std::string& code, const std::string& level) {
  return level.empty() ? code : level;
}

std::optional<AccessReason> CheckQualification(const VendorSnapshot& v, const Requirement& req,
                                               const TypeTable& types, Date on) {
  auto t = types.find(req.code);
  std::vector<const Qualification*> held;
  for (const auto& q : v.qualifications) {
    if (q.type == req.code) held.push_back(&q);
  }
  if (held.empty() || t == types.end()) {
    return AccessReason{"missing_qualification", req, "holds no " + req.code + " qualification"};
  }
  const QualificationType& type = t->second;
  int min_rank = req.min_level.empty() ? 0 : type.Rank(req.min_level);
  std::vector<const Qualification*> sufficient;
  for (const Qualification* q : held) {
    int rank = type.Rank(q->level);
    if (rank >= 0 && rank >= min_rank) {
      if (ValidOn(*q, on)) return std::nullopt;
      sufficient.push_back(q);
    }
  }
  std::string needs = "needs " + LevelText(req.code, req.min_level) + " or higher";
  if (sufficient.empty()) {
    // Name the best level held, preferring one that is valid on the date.
    const Qualification* best = nullptr;
    for (bool valid_only : {true, false}) {
      for (const Qualification* q : held) {
        if (valid_only && !ValidOn(*q, on)) continue;
        if (!best || type.Rank(q->level) > type.Rank(best->level)) best = q;
      }
      if (best) break;
    }
    return AccessReason{"qualification_level_too_low", req,
                        "holds " + LevelText(req.code, best->level) + ", " + needs};
  }
  const Qualification* latest = sufficient[0];
  for (const Qualification* q : sufficient) {
    if (q->issued_on > latest->issued_on || (q->issued_on == latest->issued_on && q->id > latest->id)) latest = q;
  }
  std::string what = LevelText(req.code, latest->level) + " (" + latest->certificate_no + ")";
  if (latest->status == QualificationStatus::kRevoked) {
    return AccessReason{"qualification_revoked", req, what + " is revoked"};
  }
  if (latest->status == QualificationStatus::kSuspended) {
    return AccessReason{"qualification_suspended", req, what + " is suspended"};
  }
  if (latest->issued_on > on) {
    return AccessReason{"not_yet_valid", req, what + " is valid from " + FormatDate(latest->issued_on)};
  }
  return AccessReason{"qualification_expired", req, what + " expired on " + FormatDate(latest->expires_on)};
}

std::optional<AccessReason> CheckCredential(const VendorSnapshot& v, const Requirement& req,
                                            const TypeTable& types, Date on) {
  auto t = types.find(req.code);
  int min_rank = 0;
  if (t != types.end() && !req.min_level.empty()) min_rank = t->second.Rank(req.min_level);
  int count = 0;
  for (const Practitioner& p : v.practitioners) {
    if (!p.CountsOn(on)) continue;  // pending, rejected, or gone by that day
    for (const Credential& c : p.credentials) {
      if (c.type != req.code || !ValidOn(c, on)) continue;
      int rank = t == types.end() ? -1 : t->second.Rank(c.level);
      if (rank >= 0 && rank >= min_rank) {
        ++count;
        break;  // a practitioner counts once
      }
    }
  }
  if (count >= req.min_count) return std::nullopt;
  std::string level = req.min_level.empty() ? "" : " at " + req.min_level + " or higher";
  return AccessReason{"insufficient_practitioners", req,
                      std::to_string(count) + " practitioner(s) hold a valid " + req.code + level +
                          ", needs " + std::to_string(req.min_count)};
}

}  // namespace

void CheckRequirements(const std::vector<Requirement>& reqs, const TypeTable& types,
                       std::vector<common::FieldError>* errors) {
  for (size_t i = 0; i < reqs.size(); ++i) {
    const Requirement& r = reqs[i];
    std::string pre = "requirements[" + std::to_string(i) + "].";
    bool credential = r.kind == Requirement::Kind::kCredential;
    std::string field = pre + (credential ? "credential" : "qualification");
    auto t = types.find(r.code);
    if (t == types.end()) {
      errors->push_back({field, "unknown", "no such qualification type"});
      continue;
    }
    if (t->second.holder != (credential ? Holder::kPractitioner : Holder::kVendor)) {
      errors->push_back({field, "holder", credential ? "a credential requirement names a practitioner type"
                                                     : "a qualification requirement names a vendor type"});
    }
    if (!r.min_level.empty() && t->second.Rank(r.min_level) < 0) {
      errors->push_back({pre + "min_level", "unknown", "not a level of " + r.code});
    }
    if (!credential && r.min_level.empty() && !t->second.levels.empty()) {
      errors->push_back({pre + "min_level", "required", r.code + " has levels: name the lowest accepted"});
    }
    if (credential && (r.min_count < 1 || r.min_count > 1000)) {
      errors->push_back({pre + "min_count", "range", "1 to 1000"});
    }
  }
}

AccessDecision DecideMarketAccess(const VendorSnapshot& vendor, const std::vector<Requirement>& requirements,
                                  const TypeTable& types, Date on) {
  AccessDecision d;
  if (vendor.status != VendorStatus::kListed) {
    d.reasons.push_back({"not_listed", std::nullopt,
                         std::string("the vendor is ") + VendorStatusName(vendor.status) +
                             ", not on the approved list"});
  }
  for (const Sanction& s : vendor.sanctions) {
    if (s.InForce(on)) {
      d.reasons.push_back({"sanctioned", std::nullopt,
                           std::string(SanctionKindName(s.kind)) + " from " + FormatDate(s.starts_on) +
                               " to " + FormatDate(s.ends_on) + ": " + s.reason});
    }
  }
  for (const Requirement& r : requirements) {
    auto reason = r.kind == Requirement::Kind::kQualification ? CheckQualification(vendor, r, types, on)
                                                                : CheckCredential(vendor, r, types, on);
    if (reason) d.reasons.push_back(std::move(*reason));
  }
  d.eligible = d.reasons.empty();
  return d;
}

void CheckTightens(const std::vector<Requirement>& tender, const std::vector<Requirement>& category,
                   const TypeTable& types, std::vector<common::FieldError>* errors) {
  auto rank = [&](const std::string& code, const std::string& level) {
    auto it = types.find(code);
    return it == types.end() ? -1 : it->second.Rank(level);
  };
  for (const Requirement& c : category) {
    bool kept = false;
    for (const Requirement& r : tender) {
      if (r.kind != c.kind || r.code != c.code) continue;
      bool level_ok = c.min_level.empty() || rank(r.code, r.min_level) >= rank(c.code, c.min_level);
      bool count_ok = c.kind == Requirement::Kind::kQualification || r.min_count >= c.min_count;
      kept = kept || (level_ok && count_ok);
    }
    if (!kept) {
      std::string what = c.code + (c.min_level.empty() ? "" : " " + c.min_level) +
                         (c.kind == Requirement::Kind::kCredential ? " x" + std::to_string(c.min_count) : "");
      errors->push_back({"requirements", "loosened",
                         "drops or lowers the category's requirement " + what + "; a tender may only add or raise"});
    }
  }
}

}  // namespace registry
