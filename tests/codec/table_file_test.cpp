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

TEST(ReadCsvTest, ReadsWhatWriteCsvWrites) {
  Table t{"x", {"name", "note"}, {{"甲公司", "说 \"好\", 对"}, {"=1+1", "line\nbreak"}}};
  auto read = ReadCsv(WriteCsv(t), 10);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->encoding, "UTF-8 with BOM");
  EXPECT_EQ(read->header, t.header);
  ASSERT_EQ(read->rows.size(), 2u);
  EXPECT_EQ(read->rows[0].number, 2);
  EXPECT_EQ(read->rows[0].cells, t.rows[0]);
  EXPECT_EQ(read->rows[1].cells, t.rows[1]) << "the ' before a formula comes off again";
}

TEST(ReadCsvTest, DetectsUtf8AndGb18030) {
  auto utf8 = ReadCsv("name\n甲公司\n", 10);
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(utf8->encoding, "UTF-8");
  // 甲公司 in GB18030 (as GBK): BC D7 B9 AB CB BE.
  auto gb = ReadCsv("name\r\n\xBC\xD7\xB9\xAB\xCB\xBE\r\n,\r\n", 10);
  ASSERT_TRUE(gb.ok()) << gb.status().message();
  EXPECT_EQ(gb->encoding, "GB18030");
  ASSERT_EQ(gb->rows.size(), 1u) << "the blank row at the end is left out";
  EXPECT_EQ(gb->rows[0].cells[0], "甲公司");
}

TEST(ReadCsvTest, RefusesWhatItCannotRead) {
  auto code = [](const common::Result<CsvFile>& r) { return r.ok() ? "" : r.status().errors().at(0).code; };
  EXPECT_EQ(code(ReadCsv("\xEF\xBB\xBFname\n\xFF\xFE\n", 10)), "file_encoding");
  EXPECT_EQ(code(ReadCsv("name\n\x81\x20\n", 10)), "file_encoding") << "0x81 0x20 is no GB18030 character";
  EXPECT_EQ(code(ReadCsv("name\n\"open\n", 10)), "csv");
  EXPECT_EQ(code(ReadCsv("", 10)), "empty");
  EXPECT_EQ(code(ReadCsv("name\na\nb\nc\n", 2)), "too_many_rows");
  // A quote in a field counts records, not lines: the second record is row 3.
  auto quoted = ReadCsv("a,b\n\"x\ny\",1\nz,2\n", 10);
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->rows[1].number, 3);
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
