// Imports (the exchange issue; CONTRACT.md "Data exchange", Import): the bureau brings a vendor
// list, qualifications, practitioners or catalog items from a spreadsheet. A file is checked
// whole first, every row and every column, and is written all or nothing in one transaction: any
// row in error and nothing is written. Rows are matched with what the registry holds (vendors by
// credit code, qualifications by vendor and certificate number, practitioners by ID number
// through its keyed hash, catalog items by vendor and name), so the same file imported twice
// creates nothing new; a matched record whose values differ is updated. A practitioner is one
// person over one or more rows (a credential a row), as the API's checks judge them; one held by
// another vendor is an error, as in the API. Every record created or changed gets its own audit
// entry (naming the import), and the import one more (who, what kind, the file's SHA-256, the
// counts).
//
// The file comes here already read (codec::ReadCsv in api/): a header and rows of text.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "registry/actor.h"
#include "registry/store.h"

namespace registry {

enum class ImportKind { kVendors, kQualifications, kPractitioners, kCatalogItems };
inline constexpr common::EnumName<ImportKind> kImportKindNames[] = {
    {ImportKind::kVendors, "vendors"},
    {ImportKind::kQualifications, "qualifications"},
    {ImportKind::kPractitioners, "practitioners"},
    {ImportKind::kCatalogItems, "catalog_items"},
};
static_assert(common::CoversExactly(kImportKindNames, 4));
inline const char* ImportKindName(ImportKind k) { return common::NameIn(kImportKindNames, k); }

struct ImportFile {
  std::vector<std::string> header;
  struct Row {
    int64_t number;  // as a spreadsheet counts rows (the header is row 1)
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  std::string sha256;  // of the bytes received
  std::string id;      // the import's id; empty: a new one (a background job gives its own)
};

struct ImportError {
  int64_t row;        // 1: the header (a column missing or unknown)
  std::string field;  // the column
  std::string code;
  std::string message;
};

// How far an import is: its rows checked, then its records written (`total` each time).
struct ImportProgress {
  const char* phase;  // "checking" or "writing"
  int64_t done = 0;
  int64_t total = 0;
};
using ImportProgressFn = std::function<void(const ImportProgress&)>;

struct ImportReport {
  std::string id;  // empty for a dry run
  int64_t rows = 0, valid = 0, created = 0, updated = 0;
  std::vector<ImportError> errors;  // in row order; at most kMaxErrors
};

class ImportService {
 public:
  static constexpr size_t kMaxErrors = 1000;

  // `id_hash_key`: the key practitioners' ID numbers are hashed with (RegistryService's).
  ImportService(Store& store, const common::Clock& clock, std::string id_hash_key)
      : store_(store), clock_(clock), id_hash_key_(std::move(id_hash_key)) {}

  // The bureau only. `dry_run`: checks and counts what would be created and updated, writes
  // nothing. Otherwise writes when no row is in error (report.id set); with errors, writes
  // nothing and returns the report with them (the caller answers 422). kForbidden for others.
  // kForbidden unless `actor` may import (the bureau): asked before a file is read.
  static common::Status CheckImporter(const Actor& actor);
  // `progress` (may be empty) is called every 1 000 rows and at the end of each phase.
  common::Result<ImportReport> Import(const Actor& actor, ImportKind kind, const ImportFile& file, bool dry_run,
                                      const ImportProgressFn& progress = nullptr);

 private:
  Store& store_;
  const common::Clock& clock_;
  const std::string id_hash_key_;
};

// Imports too large to answer while the client waits (CONTRACT.md: 202, then GET
// /v1/imports/{id}): one at a time in a thread of its own, its progress readable while it runs.
// Jobs are kept in memory (the last 100): after a restart, an import that finished is in the
// audit log (import.run, with its counts), and one that was running wrote nothing (it is one
// transaction). The destructor waits for a running job.
struct ImportJob {
  std::string id;
  ImportKind kind = ImportKind::kVendors;
  std::string status;  // running, done, failed
  std::string phase;   // checking, writing
  int64_t rows_done = 0, rows_total = 0;
  ImportReport report;  // when done, or failed with row errors
  std::string error;    // failed for another reason (the database)
};

class ImportJobs {
 public:
  explicit ImportJobs(ImportService& service) : service_(service) {}
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // The bureau: starts `file`'s import; the job as it starts. kConflict while another runs.
  common::Result<ImportJob> Start(const Actor& actor, ImportKind kind, ImportFile file);
  // The bureau: a job by id; kNotFound for an id this process does not hold.
  common::Result<ImportJob> Get(const Actor& actor, const std::string& id) const;

 private:
  ImportService& service_;
  mutable std::mutex mu_;
  std::map<std::string, ImportJob> jobs_;  // guarded by mu_
  std::vector<std::string> order_;         // ids, oldest first; guarded by mu_
  std::thread worker_;                     // the running (or last) job's thread
  bool running_ = false;                   // guarded by mu_
};

}  // namespace registry
