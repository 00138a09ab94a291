#include "codec/table_file.h"

#include <cerrno>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include <iconv.h>
#include <unistd.h>

#include <csv.h>
#include <xlsxwriter.h>

#include "common/crypto.h"
#include "common/text.h"

namespace codec {

namespace {

bool LooksLikeFormula(const std::string& cell) {
  if (cell.empty()) return false;
  char c = cell[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void AppendField(std::string* out, const std::string& cell) {
  std::string text = LooksLikeFormula(cell) ? "'" + cell : cell;
  // csv_write quotes the field and doubles its quotes; it returns the size it needs.
  size_t need = csv_write(nullptr, 0, text.data(), text.size());
  size_t at = out->size();
  out->resize(at + need);
  csv_write(out->data() + at, need, text.data(), text.size());
}

void AppendRow(std::string* out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out->push_back(',');
    AppendField(out, cells[i]);
  }
  out->append("\r\n");
}

// A temporary file's name, removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/registry-export-XXXXXX";
    int fd = mkstemp(path_.data());
    if (fd < 0) {
      path_.clear();
    } else {
      close(fd);
    }
  }
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// `bytes` in GB18030 as UTF-8, or nullopt when they are not GB18030.
std::optional<std::string> FromGb18030(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* to = out.data();
  size_t to_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &to, &to_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        size_t used = static_cast<size_t>(to - out.data());
        out.resize(out.size() * 2);
        to = out.data() + used;
        to_left = out.size() - used;
        continue;
      }
      ok = false;  // EILSEQ or EINVAL: not GB18030 (or cut short)
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(static_cast<size_t>(to - out.data()));
  return out;
}

struct ParseState {
  CsvFile* file;
  std::vector<std::string> cells;
  int64_t record = 0;  // records completed
  size_t max_rows;
  bool too_many = false;
};

void OnField(void* data, size_t len, void* p) {
  auto* st = static_cast<ParseState*>(p);
  std::string cell(static_cast<const char*>(data ? data : ""), data ? len : 0);
  if (cell.size() >= 2 && cell[0] == '\'' && LooksLikeFormula(cell.substr(1))) cell.erase(0, 1);
  st->cells.push_back(std::move(cell));
}

void OnRow(int, void* p) {
  auto* st = static_cast<ParseState*>(p);
  ++st->record;
  bool blank = true;
  for (const auto& c : st->cells) blank = blank && c.empty();
  if (st->record == 1) {
    st->file->header = std::move(st->cells);
  } else if (!blank) {
    if (st->file->rows.size() >= st->max_rows) {
      st->too_many = true;
    } else {
      st->file->rows.push_back(CsvFile::Row{st->record, std::move(st->cells)});
    }
  }
  st->cells.clear();
}

}  // namespace

common::Result<CsvFile> ReadCsv(std::string_view bytes, size_t max_rows) {
  CsvFile file;
  std::string decoded;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (!common::IsValidUtf8(bytes)) {
      return common::Status::FieldInvalid("body", "file_encoding", "the file begins as UTF-8 (a byte-order mark) but is not UTF-8");
    }
    file.encoding = "UTF-8 with BOM";
  } else if (common::IsValidUtf8(bytes)) {
    file.encoding = "UTF-8";
  } else if (auto gb = FromGb18030(bytes)) {
    decoded = std::move(*gb);
    bytes = decoded;
    file.encoding = "GB18030";
  } else {
    return common::Status::FieldInvalid("body", "file_encoding", "the file is neither UTF-8 nor GB18030; save it as CSV UTF-8");
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return common::Status::Internal("libcsv could not start");
  }
  ParseState st{&file, {}, 0, max_rows};
  size_t done = csv_parse(&parser, bytes.data(), bytes.size(), OnField, OnRow, &st);
  bool failed = done != bytes.size() || csv_fini(&parser, OnField, OnRow, &st) != 0;
  csv_free(&parser);
  if (failed) {
    return common::Status::FieldInvalid("body", "csv",
                                        "the CSV is malformed after row " + std::to_string(st.record) +
                                            " (a quote that is not closed, or a quote inside an unquoted field)");
  }
  if (st.too_many) {
    return common::Status::FieldInvalid("body", "too_many_rows",
                                        "the file has more than " + std::to_string(max_rows) + " data rows");
  }
  if (file.header.empty()) return common::Status::FieldInvalid("body", "empty", "the file has no header row");
  return file;
}

common::Result<registry::ImportFile> ReadImportFile(std::string_view bytes, size_t max_rows, std::string* encoding) {
  auto csv = ReadCsv(bytes, max_rows);
  if (!csv.ok()) return csv.status();
  registry::ImportFile file;
  file.header = std::move(csv->header);
  file.rows.reserve(csv->rows.size());
  for (auto& r : csv->rows) file.rows.push_back(registry::ImportFile::Row{r.number, std::move(r.cells)});
  file.sha256 = common::Sha256Hex(bytes);
  if (encoding) *encoding = csv->encoding;
  return file;
}

std::string WriteCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  AppendRow(&out, table.header);
  for (const auto& row : table.rows) AppendRow(&out, row);
  return out;
}

common::Result<std::string> WriteXlsx(const std::vector<Table>& sheets) {
  TempFile file;
  if (file.path().empty()) return common::Status::Internal("cannot make a temporary file for the workbook");
  lxw_workbook* book = workbook_new(file.path().c_str());
  if (!book) return common::Status::Internal("libxlsxwriter could not start a workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_error err = LXW_NO_ERROR;
  for (const Table& t : sheets) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, t.name.c_str());
    if (!sheet) {
      err = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
      break;
    }
    for (size_t c = 0; c < t.header.size(); ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(t.header.empty() ? 0 : t.header.size() - 1), 18, nullptr);
    for (size_t r = 0; r < t.rows.size() && err == LXW_NO_ERROR; ++r) {
      for (size_t c = 0; c < t.rows[r].size(); ++c) {
        if (t.rows[r][c].empty()) continue;
        err = worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                     t.rows[r][c].c_str(), nullptr);
        if (err != LXW_NO_ERROR) break;
      }
    }
    if (err != LXW_NO_ERROR) break;
  }
  lxw_error closed = workbook_close(book);  // writes the file and frees the workbook, always
  if (err != LXW_NO_ERROR) return common::Status::Internal(std::string("libxlsxwriter: ") + lxw_strerror(err));
  if (closed != LXW_NO_ERROR) return common::Status::Internal(std::string("libxlsxwriter: ") + lxw_strerror(closed));
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return common::Status::Internal("cannot read the workbook back");
  return bytes;
}

}  // namespace codec
