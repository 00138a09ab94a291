#include "storage/sql_rows.h"

#include <algorithm>
#include <random>

namespace storage {

using common::Date;
using common::Result;
using common::Status;

std::string DateText(Date d) { return common::FormatDate(d); }

Result<Date> ParseStoredDate(const std::string& s) {
  auto d = common::ParseDate(s);
  if (!d.ok()) return Status::Internal("a stored date does not parse");
  return *d;
}
Result<common::Timestamp> ParseStoredTime(const std::string& s) {
  auto t = common::ParseTimestamp(s);
  if (!t.ok()) return Status::Internal("a stored timestamp does not parse");
  return *t;
}

Status VersionedUpdate(Tx& tx, const char* sql, const std::vector<Value>& params, const char* table,
                       const std::string& id) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(sql, params));
  if (n == 1) return Status::Ok();
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE id = ?", {id}));
  if (rows.at(0).Int(0) == 0) return Status::NotFound(std::string("no such ") + table + " record");
  return Status::VersionMismatch("the record was changed by someone else; read it again");
}

Status ThenBumpAccess(Tx& tx, Status written) {
  if (!written.ok()) return written;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::vector<Value> params(1, Value(static_cast<int64_t>(rng() >> 2)));  // positive, 62 bits
  return tx.Exec("UPDATE access_generation SET n = ? WHERE id = 1", params).status();
}

Status QueryIn(Tx& tx, const std::string& sql_before_in, const std::string& sql_after,
               const std::vector<std::string>& keys, const std::function<Status(const Row&)>& each) {
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < keys.size(); at += kChunk) {
    size_t n = std::min(kChunk, keys.size() - at);
    std::string sql = sql_before_in + " IN (";
    std::vector<Value> params;
    params.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      sql += i ? ", ?" : "?";
      params.emplace_back(keys[at + i]);
    }
    sql += ")" + sql_after;
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    for (const Row& r : rows) RETURN_IF_ERROR(each(r));
  }
  return Status::Ok();
}

}  // namespace storage
