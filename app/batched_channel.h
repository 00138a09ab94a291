// A Poco log channel that collects formatted lines in memory and writes them to a file
// descriptor (stderr) in batches: one write(2) per 20 ms at most, or at once when 64 KiB have
// gathered, and on close(). Replaces AsyncChannel + StreamChannel(std::cerr), which cost two
// write(2) calls, a heap notification and a condition-variable wake-up per line — about a tenth
// of registryd's CPU at 20,000 logged requests a second (docs/performance.md).
//
// The price: a line may reach the descriptor up to 20 ms late, and the last 20 ms of lines are
// lost if the process is killed with SIGKILL (a clean exit, SIGTERM included, flushes).
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <Poco/Channel.h>
#include <Poco/Formatter.h>
#include <Poco/Message.h>

#include "common/thread_annotations.h"

namespace app {

class BatchedChannel final : public Poco::Channel {
 public:
  // Writes to `fd` (stderr), which it does not own.
  explicit BatchedChannel(int fd);
  // Appends to the file at `path` (created mode 0640 when missing); Reopen() opens the path
  // again. Check ok() after constructing.
  explicit BatchedChannel(const std::string& path);
  bool ok() const {
    common::MutexLock lock(write_mu_);
    return fd_ >= 0;
  }
  void open() override {}
  void close() override;  // flushes and stops the writer; further lines are written directly
  void log(const Poco::Message& msg) override;
  // For SIGHUP after logrotate moved the file: lines pending go to the old file, later ones to a
  // new file at the same path. False (and the old file kept) when the path cannot be opened.
  bool Reopen();

 protected:
  ~BatchedChannel() override;

 private:
  void Run();
  void WriteAll(const std::string& data);

  const std::string path_;  // empty: fd_ is not ours
  // Held while writing and while the descriptor is swapped, so no write lands on a closed one.
  mutable common::Mutex write_mu_;
  int fd_ GUARDED_BY(write_mu_);
  common::Mutex mu_;
  std::condition_variable cv_;
  std::string pending_ GUARDED_BY(mu_);
  bool closed_ GUARDED_BY(mu_) = false;
  std::thread writer_;
};

// "2026-11-28T12:00:00.123Z I http: text": what Poco's PatternFormatter made of
// "%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t" with times=UTC, written with appends. The pattern
// formatter (a DateTime per line and a stream per field) cost about as much as the vendor read
// it was logging (callgrind; docs/performance.md).
class LineFormatter final : public Poco::Formatter {
 public:
  void format(const Poco::Message& msg, std::string& text) override;
};

// One JSON object per line, for log collectors:
//   {"time":"2026-11-28T12:00:00.123Z","level":"information","logger":"http","message":"..."}
// A message written as an event with fields, "request method=GET status=200 account=acc_x",
// becomes {"time",...,"event":"request","method":"GET","status":200,"account":"acc_x"}:
// a value that is a JSON string stays one, a number becomes a number, anything else a string.
class JsonLineFormatter final : public Poco::Formatter {
 public:
  void format(const Poco::Message& msg, std::string& text) override;
};

}  // namespace app
