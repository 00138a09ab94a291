// GET /v1/audit, GET /v1/audit/verify, GET /v1/audit/checkpoint.
#include <charconv>

#include "api/api.h"
#include "api/audit_summary.h"
#include "registry/registry_service.h"
#include "api/input.h"
#include "api/response.h"

namespace api {
namespace {

// ?since= / ?until=: an RFC 3339 time, or a day (YYYY-MM-DD) meaning its start in Beijing.
std::optional<common::Timestamp> AuditInstant(const std::optional<std::string>& text, const char* field,
                                              std::vector<common::FieldError>* errors) {
  if (!text) return std::nullopt;
  if (text->size() == 10) {
    auto day = common::ParseDate(*text);
    if (day.ok()) {
      return common::BeijingDayStart(*day);
    }
  } else if (auto t = common::ParseTimestamp(*text, field); t.ok()) {
    return *t;
  }
  errors->push_back({field, "invalid", "a day (YYYY-MM-DD, Beijing) or an RFC 3339 time"});
  return std::nullopt;
}

}  // namespace

void AddAuditRoutes(RouteTable& routes, const ApiDeps& deps) {
  registry::AuditService* audit = deps.audit;

  routes.Add("GET", "/v1/audit?entity_type,entity_id,actor,since,until,tender_id,limit,cursor", Access::kAccount,
             [audit](Context& ctx) {
    QueryReader q(ctx.req);
    registry::AuditFilter filter;
    filter.entity_type = q.String("entity_type", 64).value_or("");
    filter.entity_id = q.String("entity_id", 64).value_or("");
    filter.actor = q.String("actor", 64).value_or("");
    filter.tender_id = q.String("tender_id", 64).value_or("");
    auto since = q.String("since", 40);
    auto until = q.String("until", 40);
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    std::vector<common::FieldError> errors;
    filter.since = AuditInstant(since, "since", &errors);
    filter.until = AuditInstant(until, "until", &errors);
    if (!errors.empty()) return ProblemFor(common::Status::Validation("the query is not valid", errors));
    auto result = audit->List(*ctx.actor, filter, page);
    if (!result.ok()) return ProblemFor(result.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : result->items) {
      // details are stored as canonical JSON; shown as an object when they still parse.
      if (e.redacted) {
        items.push_back({{"seq", e.seq},
                         {"at", common::FormatTimestamp(e.at)},
                         {"action", e.action},
                         {"entity_type", e.entity_type},
                         {"redacted", true},
                         {"summary", AuditSummary(e)},
                         {"prev_hash", e.prev_hash},
                         {"hash", e.hash}});
        continue;
      }
      nlohmann::json details = nlohmann::json::parse(e.details, nullptr, false);
      if (details.is_discarded()) details = e.details;
      items.push_back({{"seq", e.seq},
                       {"at", common::FormatTimestamp(e.at)},
                       {"actor", e.actor},
                       {"actor_name", e.actor_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.actor_name)},
                       {"summary", AuditSummary(e)},
                       {"action", e.action},
                       {"entity_type", e.entity_type},
                       {"entity_id", e.entity_id},
                       {"details", details},
                       {"digest", e.digest},
                       {"row_digest", e.row_digest},
                       {"prev_hash", e.prev_hash},
                       {"hash", e.hash}});
    }
    nlohmann::json next = result->next ? nlohmann::json(EncodeCursor(*result->next)) : nlohmann::json(nullptr);
    return Json(200, {{"items", items}, {"next_cursor", next}});
  });

  routes.Add("GET", "/v1/audit/verify?checkpoint_seq,checkpoint_hash", Access::kAccount, [audit](Context& ctx) {
    QueryReader q(ctx.req);
    auto seq_text = q.String("checkpoint_seq", 20);
    auto hash = q.String("checkpoint_hash", 64);
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    std::optional<std::pair<int64_t, std::string>> checkpoint;
    if (seq_text || hash) {
      std::vector<common::FieldError> errors;
      int64_t seq = 0;
      if (!seq_text) {
        errors.push_back({"checkpoint_seq", "required", "give checkpoint_seq with checkpoint_hash"});
      } else {
        auto [p, ec] = std::from_chars(seq_text->data(), seq_text->data() + seq_text->size(), seq);
        if (ec != std::errc() || p != seq_text->data() + seq_text->size() || seq < 1) {
          errors.push_back({"checkpoint_seq", "invalid", "a positive entry number"});
        }
      }
      if (!hash) {
        errors.push_back({"checkpoint_hash", "required", "give checkpoint_hash with checkpoint_seq"});
      } else if (hash->size() != 64 || hash->find_first_not_of("0123456789abcdef") != std::string::npos) {
        errors.push_back({"checkpoint_hash", "invalid", "64 lowercase hex characters"});
      }
      if (!errors.empty()) return ProblemFor(common::Status::Validation("the checkpoint is not valid", errors));
      checkpoint.emplace(seq, *hash);
    }
    auto report = audit->Verify(*ctx.actor, checkpoint);
    if (!report.ok()) return ProblemFor(report.status());
    nlohmann::json mismatched = nlohmann::json::array();
    for (const auto& m : report->mismatched) {
      mismatched.push_back({{"entity_type", m.entity_type}, {"entity_id", m.entity_id}});
    }
    nlohmann::json out = {{"ok", report->ok},
                          {"entries", report->entries},
                          {"head_hash", report->head_hash},
                          {"first_bad_seq", report->first_bad_seq ? nlohmann::json(report->first_bad_seq) : nlohmann::json(nullptr)},
                          {"mismatched", mismatched},
                          {"mismatched_total", report->mismatched_total}};
    if (checkpoint) {
      // A chain broken at or before the checkpoint's entry cannot vouch for it either way.
      std::string verdict = !report->checkpoint.empty() ? report->checkpoint
                            : report->first_bad_seq != 0 && report->first_bad_seq <= checkpoint->first ? "unverified"
                                                                                                      : "ok";
      out["checkpoint"] = verdict;
    }
    return Json(200, out);
  });

  routes.Add("GET", "/v1/audit/checkpoint", Access::kAccount, [audit](Context& ctx) {
    auto cp = audit->CurrentCheckpoint(*ctx.actor);
    if (!cp.ok()) return ProblemFor(cp.status());
    return Json(200, {{"seq", cp->seq},
                      {"hash", cp->hash},
                      {"at", cp->at ? nlohmann::json(common::FormatTimestamp(*cp->at)) : nlohmann::json(nullptr)}});
  });
}

}  // namespace api
