#include "storage/idempotency_store.h"

namespace storage {

using common::Code;
using common::Result;
using common::Status;

Result<IdempotencyStore::Outcome> IdempotencyStore::Reserve(const std::string& scope_key,
                                                            const std::string& request_hash,
                                                            int64_t now_seconds, Response* replay) {
  Outcome outcome = Outcome::kReserved;
  auto attempt = [&](Tx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT request_hash, state, status, headers, body, created_at "
                                         "FROM idempotency_keys WHERE scope_key = ?",
                                         {scope_key}));
    if (rows.empty()) {
      outcome = Outcome::kReserved;
      return tx.Exec("INSERT INTO idempotency_keys (scope_key, request_hash, state, status, headers, "
                     "body, created_at) VALUES (?, ?, 0, 0, '', '', ?)",
                     {scope_key, request_hash, now_seconds})
          .status();
    }
    const Row& r = rows[0];
    if (r.Text(0) != request_hash) {
      outcome = Outcome::kMismatch;
    } else if (r.Int(1) == 1) {
      outcome = Outcome::kReplay;
      replay->status = static_cast<int>(r.Int(2));
      replay->headers = r.Text(3);
      replay->body = r.Text(4);
    } else if (now_seconds - r.Int(5) > kStaleReservationSeconds) {
      outcome = Outcome::kReserved;
      return tx.Exec("UPDATE idempotency_keys SET created_at = ? WHERE scope_key = ? AND state = 0",
                     {now_seconds, scope_key})
          .status();
    } else {
      outcome = Outcome::kInProgress;
    }
    return Status::Ok();
  };
  Status st = db_.Transact(Database::Mode::kWrite, attempt);
  if (st.code() == Code::kConflict) {
    // Two first requests raced to insert; the loser now sees the winner's row.
    st = db_.Transact(Database::Mode::kWrite, attempt);
  }
  if (!st.ok()) return st;
  return outcome;
}

Status IdempotencyStore::Complete(const std::string& scope_key, const Response& response) {
  return db_.Transact(Database::Mode::kWrite, [&](Tx& tx) {
    return tx.Exec("UPDATE idempotency_keys SET state = 1, status = ?, headers = ?, body = ? "
                   "WHERE scope_key = ?",
                   {static_cast<int64_t>(response.status), response.headers, response.body, scope_key})
        .status();
  });
}

Status IdempotencyStore::Release(const std::string& scope_key) {
  return db_.Transact(Database::Mode::kWrite, [&](Tx& tx) {
    return tx.Exec("DELETE FROM idempotency_keys WHERE scope_key = ? AND state = 0", {scope_key}).status();
  });
}

Result<int64_t> IdempotencyStore::Expire(int64_t before_seconds) {
  int64_t n = 0;
  RETURN_IF_ERROR(db_.Transact(Database::Mode::kWrite, [&](Tx& tx) -> Status {
    ASSIGN_OR_RETURN(n, tx.Exec("DELETE FROM idempotency_keys WHERE state = 1 AND created_at < ?",
                                {before_seconds}));
    return Status::Ok();
  }));
  return n;
}

}  // namespace storage
