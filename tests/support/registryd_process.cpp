#include "support/registryd_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <regex>
#include <sstream>
#include <fstream>

namespace testing_support {

std::string RegistrydPath() { return REGISTRYD_PATH; }
std::string RegistryctlPath() { return REGISTRYCTL_PATH; }

namespace {

pid_t Spawn(const std::string& path, const std::vector<std::string>& args, const std::string& workdir,
            const std::map<std::string, std::string>& env, int* out_fd) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    if (!workdir.empty() && chdir(workdir.c_str()) != 0) _exit(127);
    // A clean environment: only what the test gives, plus PATH.
    clearenv();
    setenv("PATH", "/usr/bin:/bin", 1);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // The test runner may have blocked signals; the child starts with none blocked.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

}  // namespace

std::unique_ptr<RegistrydProcess> RegistrydProcess::Start(const Options& options, std::string* error) {
  std::unique_ptr<RegistrydProcess> p(new RegistrydProcess());
  std::vector<std::string> args = {"--port=0", "--storage=" + options.storage};
  for (const auto& a : options.args) args.push_back(a);
  int fd = -1;
  p->pid_ = Spawn(RegistrydPath(), args, options.workdir, options.env, &fd);
  if (p->pid_ < 0) {
    *error = "cannot start registryd";
    return nullptr;
  }
  p->reader_ = std::thread([raw = p.get(), fd] { raw->ReadLoop(fd); });
  std::regex listening("listening on [0-9.]+:([0-9]+)");
  if (!options.log_file.empty()) {
    for (int i = 0; i < 1000 && p->port_ == 0; ++i) {
      std::ifstream in(options.log_file);
      std::stringstream text;
      text << in.rdbuf();
      std::string s = text.str();
      std::smatch m;
      if (std::regex_search(s, m, listening)) {
        p->port_ = std::stoi(m[1]);
      } else {
        std::lock_guard<std::mutex> lock(p->mu_);
        if (p->eof_) break;
      }
      if (p->port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (p->port_ == 0) {
      *error = "registryd did not start listening; its stderr:\n" + p->log();
      return nullptr;
    }
    return p;
  }
  std::unique_lock<std::mutex> lock(p->mu_);
  bool ok = p->cv_.wait_for(lock, std::chrono::seconds(20), [&] {
    std::smatch m;
    if (std::regex_search(p->log_, m, listening)) {
      p->port_ = std::stoi(m[1]);
      return true;
    }
    return p->eof_;
  });
  if (!ok || p->port_ == 0) {
    *error = "registryd did not start listening; its log:\n" + p->log_;
    return nullptr;
  }
  return p;
}

void RegistrydProcess::ReadLoop(int fd) {
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    std::lock_guard<std::mutex> lock(mu_);
    if (n <= 0) {
      eof_ = true;
      cv_.notify_all();
      break;
    }
    log_.append(buf, static_cast<size_t>(n));
    cv_.notify_all();
  }
  close(fd);
}

std::string RegistrydProcess::log() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

bool RegistrydProcess::WaitForLog(const std::string& needle, int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
               [&] { return eof_ || log_.find(needle) != std::string::npos; });
  return log_.find(needle) != std::string::npos;
}

int RegistrydProcess::Stop(int sig, int timeout_ms) {
  if (!exited_) {
    kill(pid_, sig);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  if (reader_.joinable()) reader_.join();
  return exit_code_;
}

RegistrydProcess::~RegistrydProcess() {
  if (!exited_ && pid_ > 0) Stop(SIGKILL, 5000);
  if (reader_.joinable()) reader_.join();
}

int RunRegistryctl(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                   std::string* output, const std::string& workdir) {
  int fd = -1;
  pid_t pid = Spawn(RegistryctlPath(), args, workdir, env, &fd);
  if (pid < 0) return -1;
  char buf[4096];
  output->clear();
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

nlohmann::json HttpResult::json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

HttpResult RawHttp(int port, const std::string& raw, int timeout_ms) {
  HttpResult result;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    result.error = std::string("connect: ") + std::strerror(errno);
    close(fd);
    return result;
  }
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (e.g. 413): read what it said
    sent += static_cast<size_t>(n);
  }
  std::string in;
  char buf[8192];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, left) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  result.raw = in;
  size_t head_end = in.find("\r\n\r\n");
  if (in.compare(0, 5, "HTTP/") != 0 || head_end == std::string::npos) {
    result.error = "no HTTP response (" + std::to_string(in.size()) + " bytes)";
    return result;
  }
  result.status = std::atoi(in.c_str() + 9);
  size_t pos = in.find("\r\n") + 2;
  while (pos < head_end) {
    size_t eol = in.find("\r\n", pos);
    std::string line = in.substr(pos, eol - pos);
    pos = eol + 2;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    result.headers[name] = value;
  }
  result.body = in.substr(head_end + 4);
  auto cl = result.headers.find("content-length");
  if (cl != result.headers.end()) result.body = result.body.substr(0, std::stoul(cl->second));
  return result;
}

HttpResult Http(int port, const std::string& method, const std::string& target, const std::string& body,
                const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_ct = false;
  for (const auto& [k, v] : headers) {
    raw += k + ": " + v + "\r\n";
    std::string lower = k;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    has_ct = has_ct || lower == "content-type";
  }
  if (!body.empty() && !has_ct) raw += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  raw += "\r\n" + body;
  return RawHttp(port, raw);
}

}  // namespace testing_support
