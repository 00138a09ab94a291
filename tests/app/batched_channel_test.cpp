// The log line formatter and the batched channel: the format operators parse, byte for byte.
#include "app/batched_channel.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Message.h>
#include <Poco/Timestamp.h>

#include "support/test_db.h"

namespace {

Poco::Message At(int64_t epoch_micros, Poco::Message::Priority prio, const std::string& text) {
  Poco::Message m("http", text, prio);
  m.setTime(Poco::Timestamp(epoch_micros));
  return m;
}

TEST(LineFormatterTest, UtcMillisecondsLevelLetterSourceAndText) {
  app::LineFormatter f;
  std::string out;
  // 2026-11-28T12:34:56.789654Z
  f.format(At(1795869296789654, Poco::Message::PRIO_INFORMATION, "request method=GET"), out);
  EXPECT_EQ(out, "2026-11-28T12:34:56.789Z I http: request method=GET");
  const std::pair<Poco::Message::Priority, char> levels[] = {
      {Poco::Message::PRIO_FATAL, 'F'},   {Poco::Message::PRIO_CRITICAL, 'C'}, {Poco::Message::PRIO_ERROR, 'E'},
      {Poco::Message::PRIO_WARNING, 'W'}, {Poco::Message::PRIO_NOTICE, 'N'},   {Poco::Message::PRIO_DEBUG, 'D'},
      {Poco::Message::PRIO_TRACE, 'T'}};
  for (auto [prio, letter] : levels) {
    out.clear();
    f.format(At(0, prio, "x"), out);
    EXPECT_EQ(out, std::string("1970-01-01T00:00:00.000Z ") + letter + " http: x");
  }
}

TEST(LineFormatterTest, BatchedChannelWritesEveryLineOnClose) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  Poco::AutoPtr<app::BatchedChannel> batched(new app::BatchedChannel(fds[1]));
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(new app::LineFormatter, batched));
  channel->log(At(1795869296000000, Poco::Message::PRIO_WARNING, "first"));
  channel->log(At(1795869296001000, Poco::Message::PRIO_ERROR, "second"));
  batched->close();
  close(fds[1]);
  std::string got;
  char buf[256];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  EXPECT_EQ(got,
            "2026-11-28T12:34:56.000Z W http: first\n"
            "2026-11-28T12:34:56.001Z E http: second\n");
}

TEST(JsonLineFormatterTest, EventLinesBecomeTypedFieldsAndOtherLinesAMessage) {
  app::JsonLineFormatter f;
  std::string out;
  f.format(At(1795869296789654, Poco::Message::PRIO_INFORMATION,
              "request method=GET route=\"/v1/vendors/{id}\" path=\"/v1/a \\\"b\\\"\" status=200 duration_ms=1.250 "
              "remote=127.0.0.1 account=acc_x"),
           out);
  auto doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc, nlohmann::json::parse(R"({"time":"2026-11-28T12:34:56.789Z","level":"information","logger":"http",
      "event":"request","method":"GET","route":"/v1/vendors/{id}","path":"/v1/a \"b\"","status":200,
      "duration_ms":1.25,"remote":"127.0.0.1","account":"acc_x"})"))
      << out;
  EXPECT_TRUE(doc["status"].is_number_integer());
  EXPECT_EQ(out.find('\n'), std::string::npos);
  // Not an event with fields: the text, escaped, as "message".
  for (const std::string& text : {std::string("listening on 127.0.0.1:8080 (at most 10 connections)"),
                                 std::string("bad \"quote\" and \x01 control"), std::string("x k=\"unterminated"),
                                 std::string("word"), std::string("")}) {
    out.clear();
    f.format(At(0, Poco::Message::PRIO_WARNING, text), out);
    auto d = nlohmann::json::parse(out);
    EXPECT_EQ(d["message"], text) << out;
    EXPECT_EQ(d["level"], "warning");
    EXPECT_FALSE(d.contains("event")) << out;
  }
  // A value that merely looks numeric stays a string when it is not a JSON number.
  out.clear();
  f.format(At(0, Poco::Message::PRIO_INFORMATION, "e a=007 b=1e5 c=-3 d=0.5"), out);
  auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["a"], "007");
  EXPECT_EQ(d["b"], "1e5");
  EXPECT_EQ(d["c"], -3);
  EXPECT_EQ(d["d"], 0.5);
}

TEST(LineFormatterTest, AFileChannelReopensAtItsPathAfterARename) {
  std::string dir = testing_support::MakeTempDir();
  std::string path = dir + "/registryd.log";
  Poco::AutoPtr<app::BatchedChannel> batched(new app::BatchedChannel(path));
  ASSERT_TRUE(batched->ok());
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(new app::LineFormatter, batched));
  channel->log(At(0, Poco::Message::PRIO_INFORMATION, "before"));
  ASSERT_EQ(::rename(path.c_str(), (path + ".1").c_str()), 0);  // what logrotate does
  ASSERT_TRUE(batched->Reopen());
  channel->log(At(0, Poco::Message::PRIO_INFORMATION, "after"));
  batched->close();
  auto read = [](const std::string& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  EXPECT_EQ(read(path + ".1"), "1970-01-01T00:00:00.000Z I http: before\n");
  EXPECT_EQ(read(path), "1970-01-01T00:00:00.000Z I http: after\n");
  // A path that cannot be opened is reported, not ignored.
  Poco::AutoPtr<app::BatchedChannel> nowhere(new app::BatchedChannel(dir + "/no/such/dir/x.log"));
  EXPECT_FALSE(nowhere->ok());
  nowhere->close();
  testing_support::RemoveTree(dir);
}

}  // namespace
