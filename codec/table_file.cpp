#include "codec/table_file.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include <unistd.h>

#include <csv.h>
#include <xlsxwriter.h>

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

}  // namespace

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
