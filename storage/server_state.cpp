#include "storage/server_state.h"

#include "common/crypto.h"

namespace storage {

using common::Result;
using common::Status;

namespace {

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

}  // namespace

Result<std::string> ServerKey(Database& db, const std::string& name) {
  std::string key;
  auto attempt = [&](Tx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT k FROM server_keys WHERE name = ?", {name}));
    if (!rows.empty()) {
      key = rows[0].Text(0);
      return Status::Ok();
    }
    key = Hex(common::RandomBytes(32));
    return tx.Exec("INSERT INTO server_keys (name, k) VALUES (?, ?)", {name, key}).status();
  };
  Status st = db.Transact(Database::Mode::kWrite, attempt);
  // Two instances starting at once: the loser of the insert reads the winner's key.
  if (st.code() == common::Code::kConflict) st = db.Transact(Database::Mode::kWrite, attempt);
  RETURN_IF_ERROR(st);
  return key;
}

Result<BusinessGauges> ReadBusinessGauges(Database& db, common::Date today) {
  BusinessGauges g;
  RETURN_IF_ERROR(db.Transact(Database::Mode::kRead, [&](Tx& tx) -> Status {
    auto count = [&](const char* sql, const std::vector<Value>& params, int64_t* out) -> Status {
      ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
      *out = rows.at(0).Int(0);
      return Status::Ok();
    };
    RETURN_IF_ERROR(count("SELECT COUNT(*) FROM applications WHERE status = 'submitted'", {}, &g.pending_applications));
    RETURN_IF_ERROR(count("SELECT COUNT(*) FROM catalog_items WHERE status = 'pending'", {}, &g.pending_catalog_items));
    RETURN_IF_ERROR(count("SELECT COUNT(*) FROM tenders WHERE status = 'open'", {}, &g.open_tenders));
    return count("SELECT COUNT(*) FROM qualifications WHERE status = 'active' AND expires_on >= ? AND expires_on < ?",
                 {common::FormatDate(today), common::FormatDate(today.AddDays(30))}, &g.qualifications_expiring);
  }));
  return g;
}

}  // namespace storage
