// Operational state kept in the database beside the domain's tables: keys every instance shares
// (schema/*/005_sign_in.sql) and the business gauges /metrics reports. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/date.h"
#include "common/status.h"
#include "storage/database.h"

namespace storage {

// The key named `name` (64 hex characters), made with the CSPRNG the first time any instance
// asks for it; every instance over the database then reads the same one.
common::Result<std::string> ServerKey(Database& db, const std::string& name);

struct BusinessGauges {
  int64_t pending_applications = 0;   // submitted, not decided
  int64_t pending_catalog_items = 0;  // waiting for the bureau's decision
  int64_t open_tenders = 0;           // published, bids being taken (counts only: nothing per tender)
  int64_t qualifications_expiring = 0;  // active, expiring on `today` .. today + 29 days
};
common::Result<BusinessGauges> ReadBusinessGauges(Database& db, common::Date today);

}  // namespace storage
