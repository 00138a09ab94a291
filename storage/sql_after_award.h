// The SQL of the tender store's after-the-award records (issue 20): calendars, challenges,
// complaints, earlier evaluations and deadlines, for both dialects. Internal to storage/: the
// tender store (sql_tender_store.cpp) forwards to these inside its Tx.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "procurement/tender.h"
#include "storage/database.h"

namespace storage::after_award {

common::Status LockTender(Tx& tx, const std::string& id);
common::Result<std::vector<procurement::CalendarRecord>> GetCalendars(Tx& tx, int from_year, int to_year);
common::Status PutCalendar(Tx& tx, const procurement::CalendarRecord& c, int64_t expected_version);
common::Status InsertChallenge(Tx& tx, const procurement::Challenge& c);
common::Result<std::optional<procurement::Challenge>> GetChallenge(Tx& tx, const std::string& id);
common::Result<std::vector<procurement::Challenge>> ListChallenges(Tx& tx, const std::string& tender_id,
                                                                   const std::string& vendor_id);
common::Status AnswerChallenge(Tx& tx, const procurement::Challenge& c, int64_t expected_version);
common::Status InsertComplaint(Tx& tx, const procurement::Complaint& c);
common::Result<std::optional<procurement::Complaint>> GetComplaint(Tx& tx, const std::string& id);
common::Result<registry::Page<procurement::Complaint>> ListComplaints(Tx& tx, std::optional<procurement::Ruling> status,
                                                                      const std::string& vendor_id,
                                                                      const registry::PageRequest& page);
common::Status DecideComplaint(Tx& tx, const procurement::Complaint& c, int64_t expected_version);
common::Result<std::pair<int, int>> CountOpen(Tx& tx, const std::string& tender_id);
common::Status SetAsideEvaluation(Tx& tx, const std::string& tender_id, common::Timestamp at, const std::string& by);
common::Result<std::vector<procurement::EvaluationRound>> ListEvaluations(Tx& tx, const std::string& tender_id);
common::Result<std::vector<procurement::Deadline>> ListDeadlines(Tx& tx, const procurement::DeadlineScope& scope,
                                                                 std::optional<common::Date> before);

}  // namespace storage::after_award
