#include "app/batched_channel.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "common/date.h"

namespace app {

namespace {
constexpr size_t kFlushBytes = 64 * 1024;
constexpr auto kFlushEvery = std::chrono::milliseconds(20);
}  // namespace

BatchedChannel::BatchedChannel(int fd) : fd_(fd), writer_([this] { Run(); }) {}

BatchedChannel::~BatchedChannel() { close(); }

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

}  // namespace app
