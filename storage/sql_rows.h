// What the SQL repositories of the approved list share (storage/sql_*_store.cpp): stored dates
// and times read back fail closed, optimistic updates that tell a stale version from a missing
// record, and the access-generation bump every market-access write ends with. Internal to storage/.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "storage/database.h"

namespace storage {

// A date as stored (YYYY-MM-DD).
std::string DateText(common::Date d);
common::Result<common::Date> ParseStoredDate(const std::string& s);
common::Result<common::Timestamp> ParseStoredTime(const std::string& s);
// Runs an optimistic UPDATE (whose last parameter is the expected version) and tells a stale
// version from a missing record.
common::Status VersionedUpdate(Tx& tx, const char* sql, const std::vector<Value>& params, const char* table,
                               const std::string& id);
// Every write to a table that market access is decided from (vendors, qualifications,
// practitioners and credentials, sanctions, qualification types, categories), and to the
// catalog whose search pages are cached with them, ends here: it
// sets access_generation to a fresh random value in the same transaction, which is what lets
// registry::AccessCache keep what it read until the stored generation changes
// (schema/*/004_access_generation.sql). Random rather than n + 1 so that a value written by a
// transaction that then rolled back never comes back for different data. A write that forgets
// this would let a cache serve a stale decision; the storage conformance test checks each one.
common::Status ThenBumpAccess(Tx& tx, common::Status written);

// Runs `sql_before_in` + " IN (?, ...)" + `sql_after` once for each 500 of `keys` (a bound
// parameter each) and hands every row to `each`: lookups of many records by key in a few
// statements, whatever their number.
common::Status QueryIn(Tx& tx, const std::string& sql_before_in, const std::string& sql_after,
                       const std::vector<std::string>& keys, const std::function<common::Status(const Row&)>& each);

}  // namespace storage
