// Tables as files people open in spreadsheet programs (the exchange issue's exports): CSV by
// libcsv and XLSX by libxlsxwriter (Debian libcsv-dev, libxlsxwriter-dev; docs/architecture.md).
// Cells are text; what a column means is the caller's (docs/exchange.md lists every file).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

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

// An XLSX workbook with one sheet per table: a bold, frozen header row, every cell a string
// (never a formula, whatever it begins with). kInternal when the library fails.
common::Result<std::string> WriteXlsx(const std::vector<Table>& sheets);

}  // namespace codec
