// The ceiling of the HTTP stack: the same api::HttpServer (Boost.Beast, I/O thread, worker pool)
// answering a fixed JSON body the size of a market-access response, with no routing, no
// authentication, no storage. bench/run reports every registryd path as a ratio to this.
//   baseline_server [--port=N] [--workers=N] [--io-threads=N]
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "api/http_server.h"
#include "api/response.h"

int main(int argc, char** argv) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  api::HttpServer::Options opts;
  opts.port = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--port=", 0) == 0) opts.port = static_cast<uint16_t>(std::atoi(a.c_str() + 7));
    if (a.rfind("--workers=", 0) == 0) opts.workers = std::atoi(a.c_str() + 10);
    if (a.rfind("--io-threads=", 0) == 0) opts.io_threads = std::atoi(a.c_str() + 13);
  }
  // A market-access answer with two reasons: ~420 bytes.
  const std::string body =
      R"({"category":"SYSTEM_INTEGRATION","eligible":false,"on":"2026-12-01","reasons":[{"code":"qualification_level_too_low","message":"holds CS2, needs CS3 or higher","requirement":{"min_level":"CS3","qualification":"CS"}},{"code":"insufficient_practitioners","message":"1 practitioner(s) hold a valid RK_SI_PM, needs 2","requirement":{"credential":"RK_SI_PM","min_count":2}}],"vendor_id":"ven_2kuel2uuutf7qlimwiqi"})";
  api::HttpServer server(
      opts,
      [&body](api::HttpRequest&) {
        api::HttpResponse r;
        r.content_type = "application/json; charset=utf-8";
        r.body = body;
        return r;
      },
      [](int status, const std::string& type, const std::string& detail) { return api::Problem(status, type, detail); });
  auto st = server.Start();
  if (!st.ok()) {
    std::cerr << st.message() << "\n";
    return 1;
  }
  std::cerr << "listening on 127.0.0.1:" << server.port() << std::endl;
  int sig = 0;
  sigwait(&set, &sig);
  server.Stop(std::chrono::seconds(2));
  return 0;
}
