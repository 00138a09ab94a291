// Tables as CSV and XLSX files (codec/table_file.h). The XLSX is opened again with Poco's zip
// reader, another implementation than the one that wrote it.
#include "codec/table_file.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <Poco/StreamCopier.h>

namespace codec {
namespace {

TEST(CsvTest, QuotesEveryFieldWithABomAndCrlf) {
  Table t{"x", {"name", "note"}, {{"甲公司", "说 \"好\""}, {"line\nbreak", ""}}};
  EXPECT_EQ(WriteCsv(t), "\xEF\xBB\xBF\"name\",\"note\"\r\n\"甲公司\",\"说 \"\"好\"\"\"\r\n\"line\nbreak\",\"\"\r\n");
}

TEST(CsvTest, AFormulaIsWrittenAsText) {
  Table t{"x", {"a", "b", "c", "d", "e", "f"}, {{"=1+1", "+86", "-2", "@SUM(A1)", "\tx", "a=b"}}};
  std::string csv = WriteCsv(t);
  EXPECT_NE(csv.find("\"'=1+1\",\"'+86\",\"'-2\",\"'@SUM(A1)\",\"'\tx\",\"a=b\"\r\n"), std::string::npos) << csv;
}

std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::istringstream in(bytes);
  Poco::Zip::ZipArchive archive(in);
  std::map<std::string, std::string> files;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    std::istringstream again(bytes);
    Poco::Zip::ZipInputStream zin(again, it->second);
    std::string content;
    Poco::StreamCopier::copyToString(zin, content);
    files[it->first] = content;
  }
  return files;
}

TEST(XlsxTest, OneSheetPerTableEveryCellAString) {
  auto book = WriteXlsx({Table{"供应商名录", {"name", "credit_code"}, {{"汕头市甲公司", "91440500MA00000010"}, {"=cmd", ""}}},
                         Table{"资质证书", {"type"}, {{"CS"}}}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  auto files = Unzip(*book);
  ASSERT_TRUE(files.count("xl/workbook.xml"));
  EXPECT_NE(files["xl/workbook.xml"].find("name=\"供应商名录\""), std::string::npos) << files["xl/workbook.xml"];
  EXPECT_NE(files["xl/workbook.xml"].find("name=\"资质证书\""), std::string::npos);
  ASSERT_TRUE(files.count("xl/worksheets/sheet1.xml"));
  EXPECT_EQ(files["xl/worksheets/sheet1.xml"].find("<f>"), std::string::npos) << "no formula, whatever a cell begins with";
  const std::string& strings = files["xl/sharedStrings.xml"];
  for (const char* s : {"汕头市甲公司", "91440500MA00000010", "=cmd", "credit_code", "CS"}) {
    EXPECT_NE(strings.find(s), std::string::npos) << s << " in " << strings;
  }
}

TEST(XlsxTest, ABadSheetNameIsAnError) {
  auto book = WriteXlsx({Table{"a/b", {"x"}, {}}});
  EXPECT_FALSE(book.ok());
}

}  // namespace
}  // namespace codec
