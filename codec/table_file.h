// Tables as files people open in spreadsheet programs (the exchange issue's exports): CSV by
// libcsv and XLSX by libxlsxwriter (Debian libcsv-dev, libxlsxwriter-dev; docs/architecture.md).
// Cells are text; what a column means is the caller's (docs/exchange.md lists every file).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "registry/import_service.h"

namespace codec {

struct Table {
  std::string name;  // the XLSX sheet's name (at most 31 characters, none of []:*?/\)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
};

// RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheet programs in China read the
// Chinese), CRLF line ends, every field quoted. A cell that a spreadsheet would run as a formula
// (beginning with = + - @, a tab or a carriage return) is written with a ' before it, the OWASP
// defence against CSV injection; the import takes that ' off again (codec::ReadCsv).
std::string WriteCsv(const Table& table);

// A CSV file as read: the first row names the columns; the rest are the data rows.
struct CsvFile {
  std::string encoding;  // "UTF-8", "UTF-8 with BOM" or "GB18030": what the bytes were
  std::vector<std::string> header;
  // The data rows with their row numbers as a spreadsheet counts them (the header is row 1; a
  // quoted field may hold a line break, so a row number is a record's, not a line's). Rows
  // whose every cell is empty are left out (spreadsheets save them at the end).
  struct Row {
    int64_t number;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
};

// Reads CSV (RFC 4180, by libcsv in strict mode) in UTF-8, UTF-8 with a byte-order mark, or
// GB18030 (what spreadsheet programs in China save; GBK and GB2312 are subsets), detected: bytes
// that are valid UTF-8 are UTF-8, others are decoded as GB18030 (glibc iconv). Cells written by
// WriteCsv with a ' before a formula get it taken off. Errors, as a kValidation Status on field
// "body": code "file_encoding" (neither UTF-8 nor GB18030), "csv" (malformed: an unclosed quote),
// "empty" (no header row), "too_many_rows" (more data rows than `max_rows`).
common::Result<CsvFile> ReadCsv(std::string_view bytes, size_t max_rows);

// The body of an import (CONTRACT.md "Data exchange", Import) as the import reads it:
// ReadCsv with at most `max_rows` data rows, and the bytes' SHA-256. Errors as ReadCsv's.
common::Result<registry::ImportFile> ReadImportFile(std::string_view bytes, size_t max_rows, std::string* encoding);

// An XLSX workbook with one sheet per table: a bold, frozen header row, every cell a string
// (never a formula, whatever it begins with). kInternal when the library fails.
common::Result<std::string> WriteXlsx(const std::vector<Table>& sheets);

}  // namespace codec
