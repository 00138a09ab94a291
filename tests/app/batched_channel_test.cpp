// The log line formatter and the batched channel: the format operators parse, byte for byte.
#include "app/batched_channel.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include <Poco/AutoPtr.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Message.h>
#include <Poco/Timestamp.h>

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

}  // namespace
