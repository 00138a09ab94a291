// Reconciling business rows with the audit chain, and sealing an old chain under the key.
//
// Each reconciled record (registry::IsReconciledType) is digested from a fixed list of columns
// of its table and of its child tables (below, in audit_rows.cpp): HMAC-SHA-256 under the chain
// key of the canonical JSON of those values. The lists are a contract with every stored
// entry: a migration that adds a column to one of these tables must not add it to the list
// (the stored digests would no longer match) unless it also re-seals, or adds it as a late
// column (digested only when it differs from the default the migration gave every existing
// row: bids.status and bids.withdrawn_at, schema 012; sanctions.version, 014). Columns that change
// without an audit entry of their own (practitioners.holding_hash) are left out on purpose.
#pragma once

#include <functional>
#include <string>

#include "common/date.h"
#include "common/status.h"
#include "storage/database.h"

namespace storage {

// The digest of one record as `tx` sees it; "" for a type that is not reconciled or a record
// that does not exist.
common::Result<std::string> RowDigest(Tx& tx, const std::string& key, const std::string& entity_type,
                                      const std::string& entity_id);

// Every reconciled record's digest, table by table.
common::Status ScanRowDigests(
    Tx& tx, const std::string& key,
    const std::function<void(const std::string& type, const std::string& id, const std::string& digest)>& fn);

struct SealReport {
  bool sealed = false;      // false: the chain was keyed already
  int64_t entries = 0;      // entries re-hashed
  int64_t baselines = 0;    // audit.baseline entries added for records that had none
};

// Once per database: a chain still hashed with plain SHA-256 (audit_head.scheme 'sha256',
// every database before schema 010, and a new one) is checked under the old rule, then every
// entry is re-hashed under `key` (the last entry about each reconciled record gets the record's
// row digest), an audit.baseline entry is added for each reconciled record without any entry,
// an audit.seal entry records the old head, and the scheme becomes 'hmac-sha256'. All in one
// transaction. A chain that fails the old check is not sealed (kInvalidState, naming the
// first bad seq): sealing would bless the tampering.
common::Result<SealReport> SealAuditChain(Database& db, const std::string& key, common::Timestamp now);

}  // namespace storage
