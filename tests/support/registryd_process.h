// The real registryd binary, started as a child process for end-to-end tests, and a minimal
// HTTP/1.1 client over loopback sockets (so tests can also send malformed requests).
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_support {

// The path of the registryd binary under test (set by CMake).
std::string RegistrydPath();
std::string RegistryctlPath();

class RegistrydProcess {
 public:
  struct Options {
    std::string storage;   // --storage
    std::string workdir;   // the child's working directory
    std::vector<std::string> args;                // extra flags
    std::map<std::string, std::string> env;       // extra environment
    // When registryd logs to a file (--log-file), the file to find "listening on" in.
    std::string log_file = {};
  };
  // Starts registryd with --port=0 and waits (up to 20 s) for "listening on ADDR:PORT".
  // Returns nullptr and sets *error (with the log so far) when it exits or never listens.
  static std::unique_ptr<RegistrydProcess> Start(const Options& options, std::string* error);
  ~RegistrydProcess();  // SIGKILLs a child still running

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `sig` and waits up to `timeout_ms` for the exit; returns the exit code, 128+signal
  // when killed by a signal, or -1 on time-out.
  int Stop(int sig, int timeout_ms = 15000);
  std::string log() const;
  // Waits up to `timeout_ms` until the log contains `needle` (registryd writes its log in
  // batches, up to 20 ms late); true when it does.
  bool WaitForLog(const std::string& needle, int timeout_ms = 2000);

 private:
  RegistrydProcess() = default;
  void ReadLoop(int fd);

  pid_t pid_ = -1;
  int port_ = 0;
  bool exited_ = false;
  int exit_code_ = -1;
  std::thread reader_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string log_;
  bool eof_ = false;
};

// Runs registryctl with `args` in `workdir` (empty: this process's); returns the exit code and
// fills *output with stdout and stderr.
int RunRegistryctl(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                   std::string* output, const std::string& workdir = "");

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercased names
  std::string body;
  std::string error;  // set when no response could be read
  std::string raw;    // every byte received
  // Parses the body. Bind the result before iterating over a part of it:
  // `for (auto& x : r.json()["items"])` iterates over a destroyed temporary.
  nlohmann::json json() const;
  std::string header(const std::string& lower) const {
    auto it = headers.find(lower);
    return it == headers.end() ? "" : it->second;
  }
};

// One request on a new connection ("Connection: close"). A JSON body gets
// "Content-Type: application/json" unless `headers` set another.
HttpResult Http(int port, const std::string& method, const std::string& target,
                const std::string& body = "", const std::vector<std::pair<std::string, std::string>>& headers = {});
// Sends `raw` bytes as they are and reads until the server closes (or `timeout_ms`).
HttpResult RawHttp(int port, const std::string& raw, int timeout_ms = 5000);

}  // namespace testing_support
