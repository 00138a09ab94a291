// Imports (the exchange issue; CONTRACT.md "Data exchange", Import): the bureau brings a vendor
// list, qualifications or catalog items from a spreadsheet. A file is checked whole first, every
// row and every column, and is written all or nothing in one transaction: any row in error and
// nothing is written. Rows are matched with what the registry holds (vendors by credit code,
// qualifications by vendor and certificate number, catalog items by vendor and name), so the
// same file imported twice creates nothing new; a matched record whose values differ is updated.
// Every record created or changed gets its own audit entry (naming the import), and the import
// one more (who, what kind, the file's SHA-256, the counts).
//
// The file comes here already read (codec::ReadCsv in api/): a header and rows of text.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "registry/actor.h"
#include "registry/store.h"

namespace registry {

enum class ImportKind { kVendors, kQualifications, kCatalogItems };
inline constexpr common::EnumName<ImportKind> kImportKindNames[] = {
    {ImportKind::kVendors, "vendors"},
    {ImportKind::kQualifications, "qualifications"},
    {ImportKind::kCatalogItems, "catalog_items"},
};
static_assert(common::CoversExactly(kImportKindNames, 3));
inline const char* ImportKindName(ImportKind k) { return common::NameIn(kImportKindNames, k); }

struct ImportFile {
  std::vector<std::string> header;
  struct Row {
    int64_t number;  // as a spreadsheet counts rows (the header is row 1)
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  std::string sha256;  // of the bytes received
};

struct ImportError {
  int64_t row;        // 1: the header (a column missing or unknown)
  std::string field;  // the column
  std::string code;
  std::string message;
};

struct ImportReport {
  std::string id;  // empty for a dry run
  int64_t rows = 0, valid = 0, created = 0, updated = 0;
  std::vector<ImportError> errors;  // in row order; at most kMaxErrors
};

class ImportService {
 public:
  static constexpr size_t kMaxErrors = 1000;

  ImportService(Store& store, const common::Clock& clock) : store_(store), clock_(clock) {}

  // The bureau only. `dry_run`: checks and counts what would be created and updated, writes
  // nothing. Otherwise writes when no row is in error (report.id set); with errors, writes
  // nothing and returns the report with them (the caller answers 422). kForbidden for others.
  // kForbidden unless `actor` may import (the bureau): asked before a file is read.
  static common::Status CheckImporter(const Actor& actor);
  common::Result<ImportReport> Import(const Actor& actor, ImportKind kind, const ImportFile& file, bool dry_run);

 private:
  Store& store_;
  const common::Clock& clock_;
};

}  // namespace registry
