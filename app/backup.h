// `registryctl backup DEST` and `registryctl restore SRC`: a registry is its database plus the
// files without which a restored copy cannot work. Layout of a backup directory (mode 0700):
//
//   registry.db            SQLite: an online copy (storage/backup.h), integrity-checked
//   registry.sql           MySQL: mariadb-dump --single-transaction (one consistent snapshot)
//   registry-id-hash.key   the key practitioners' ID numbers are hashed under (mode 0600)
//   registry-audit.key     the audit chain's key (mode 0600), only with --with-audit-key
//   registry-admin.token   the generated administrator token, when there is one (mode 0600)
//   MANIFEST.json          written last: backend, schema version, the audit chain's length and
//                          head, the SHA-256 of the audit key, and of every file above
//
// Backup verifies before it reports success: the SQLite copy's audit chain is recomputed under
// the key and every record reconciled with it; a MySQL dump must end with mariadb-dump's
// completion line. Restore checks every file against the manifest, refuses to overwrite a
// database or a different key (an audit key not in the backup must be given, and is checked
// against the manifest), loads the copy into the configured storage (a SQLite file that
// does not exist yet, or a MySQL database without a registry), puts the keys where the settings
// look for them, applies pending migrations, and verifies the chain again: its head must be the
// manifest's. docs/operations.md has the runbook.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/settings.h"
#include "common/clock.h"
#include "common/status.h"

namespace app {

struct BackupSummary {
  std::string backend;  // "sqlite" or "mysql"
  int64_t schema_version = 0;
  int64_t audit_entries = 0;
  std::string audit_head;
  std::vector<std::string> files;  // names inside the backup directory
};

// `dest` must not exist, or be an empty directory. The audit key goes into it only with
// `with_audit_key`: by default it is kept apart from the backups (docs/operations.md), and the
// manifest names it by its SHA-256 so that restore can check the key it is given.
common::Result<BackupSummary> Backup(const Settings& settings, const common::Clock& clock, const std::string& dest,
                                     bool with_audit_key);

// Restores `src` into settings.storage and the key files of `settings`.
common::Result<BackupSummary> Restore(const Settings& settings, const common::Clock& clock, const std::string& src);

}  // namespace app
