#include "app/batched_channel.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <string_view>

#include "common/date.h"
#include "common/text.h"

namespace app {

namespace {
constexpr size_t kFlushBytes = 64 * 1024;
constexpr auto kFlushEvery = std::chrono::milliseconds(20);
}  // namespace

namespace {
int OpenLogFile(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}
}  // namespace

BatchedChannel::BatchedChannel(int fd) : fd_(fd), writer_([this] { Run(); }) {}

BatchedChannel::BatchedChannel(const std::string& path)
    : path_(path), fd_(OpenLogFile(path)), writer_([this] { Run(); }) {}

BatchedChannel::~BatchedChannel() {
  close();
  common::MutexLock lock(write_mu_);
  if (!path_.empty() && fd_ >= 0) ::close(fd_);
}

bool BatchedChannel::Reopen() {
  if (path_.empty()) return true;
  // Lines gathered so far belong to the old file: flush them there first.
  std::string batch;
  {
    common::MutexLock lock(mu_);
    batch.swap(pending_);
  }
  if (!batch.empty()) WriteAll(batch);
  int fresh = OpenLogFile(path_);
  if (fresh < 0) return false;
  common::MutexLock lock(write_mu_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = fresh;
  return true;
}

void BatchedChannel::log(const Poco::Message& msg) {
  common::MutexLock lock(mu_);
  if (closed_) {
    lock.Unlock();
    WriteAll(msg.getText() + "\n");
    return;
  }
  pending_ += msg.getText();
  pending_ += '\n';
  if (pending_.size() >= kFlushBytes) cv_.notify_one();
}

void BatchedChannel::close() {
  {
    common::MutexLock lock(mu_);
    if (closed_) return;
    closed_ = true;
  }
  cv_.notify_one();
  if (writer_.joinable()) writer_.join();
}

void BatchedChannel::Run() {
  std::string batch;
  common::MutexLock lock(mu_);
  for (;;) {
    cv_.wait_for(lock.native(), kFlushEvery,
                 [this]() REQUIRES(mu_) { return closed_ || pending_.size() >= kFlushBytes; });
    batch.swap(pending_);
    const bool last = closed_;
    lock.Unlock();
    if (!batch.empty()) WriteAll(batch);
    batch.clear();
    if (last) return;
    lock.Lock();
  }
}

void BatchedChannel::WriteAll(const std::string& data) {
  common::MutexLock lock(write_mu_);
  if (fd_ < 0) return;
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to log to: drop, never block the service
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void LineFormatter::format(const Poco::Message& msg, std::string& text) {
  static constexpr char kPriority[] = "?FCEWNIDT";  // Poco::Message::Priority 1..8, as %q
  const int prio = static_cast<int>(msg.getPriority());
  text.reserve(text.size() + 32 + msg.getSource().size() + msg.getText().size());
  common::AppendTimestampMillis(&text, common::Timestamp{msg.getTime().epochMicroseconds()});
  text += ' ';
  text += prio >= 1 && prio <= 8 ? kPriority[prio] : '?';
  text += ' ';
  text += msg.getSource();
  text += ": ";
  text += msg.getText();
}

namespace {

// A bare token of an event line: up to the next space.
bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

bool IsNumber(std::string_view s) {
  size_t i = 0, digits = 0;
  if (i < s.size() && s[i] == '-') ++i;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  if (digits == 0 || (s[0] == '0' && digits > 1) || (s[0] == '-' && digits > 1 && s[1] == '0')) return false;
  if (i < s.size() && s[i] == '.') {
    size_t frac = 0;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++frac;
    if (frac == 0) return false;
  }
  return i == s.size();
}

// The end of the JSON string starting at s[0] == '"' (one past its closing quote), or npos.
size_t JsonStringEnd(std::string_view s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// "event k=v k=\"v\" ..." as JSON members appended to *out (",\"event\":...,\"k\":v"); false,
// and *out untouched, when the text is not of that shape.
bool AppendEventFields(std::string_view text, std::string* out) {
  size_t sp = text.find(' ');
  std::string_view event = text.substr(0, sp);
  if (!IsIdentifier(event) || sp == std::string_view::npos) return false;
  std::string fields = ",\"event\":\"" + std::string(event) + "\"";
  std::string_view rest = text.substr(sp + 1);
  while (!rest.empty()) {
    size_t eq = rest.find('=');
    if (eq == std::string_view::npos || !IsIdentifier(rest.substr(0, eq))) return false;
    std::string_view key = rest.substr(0, eq);
    rest = rest.substr(eq + 1);
    size_t end;
    std::string value;
    if (!rest.empty() && rest[0] == '"') {
      end = JsonStringEnd(rest);
      if (end == std::string_view::npos) return false;
      value = std::string(rest.substr(0, end));
    } else {
      end = std::min(rest.find(' '), rest.size());
      std::string_view bare = rest.substr(0, end);
      if (IsNumber(bare)) {
        value = std::string(bare);
      } else {
        common::AppendJsonQuote(&value, bare);
      }
    }
    if (end < rest.size() && rest[end] != ' ') return false;
    fields += ",\"";
    fields += key;
    fields += "\":";
    fields += value;
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
  }
  *out += fields;
  return true;
}

const char* LevelName(int prio) {
  static const char* const kNames[] = {"?", "fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};
  return prio >= 1 && prio <= 8 ? kNames[prio] : "?";
}

}  // namespace

void JsonLineFormatter::format(const Poco::Message& msg, std::string& text) {
  text += "{\"time\":\"";
  common::AppendTimestampMillis(&text, common::Timestamp{msg.getTime().epochMicroseconds()});
  text += "\",\"level\":\"";
  text += LevelName(static_cast<int>(msg.getPriority()));
  text += "\",\"logger\":";
  common::AppendJsonQuote(&text, msg.getSource());
  if (!AppendEventFields(msg.getText(), &text)) {
    text += ",\"message\":";
    common::AppendJsonQuote(&text, msg.getText());
  }
  text += '}';
}

}  // namespace app
