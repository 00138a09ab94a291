// HttpServer: HTTP/1.1 over Boost.Beast, kept behind this Beast-free header.
//
// I/O threads run the sockets; each request, once fully read, is handed to a worker pool, and
// the handler's response is posted back to the connection's strand, so an I/O thread never
// waits on the database. With `write_workers` > 0, requests that may change state (every method
// but GET, HEAD and OPTIONS) go to a pool of their own: a writer that waits for its turn at the
// database (SQLite's one writer; docs/architecture.md) then never holds a thread a read needs,
// and more writers can wait at once, so more of them share one commit. Per connection: one request at a time (pipelined requests wait in the
// buffer), keep-alive, a read timeout for headers and body, and an idle timeout between
// requests. Limits: body (413), header block (431), connections in all and per client address
// (excess are closed at once). Requests whose framing a proxy could read differently are 400
// and the connection is closed: a Transfer-Encoding other than one "chunked", an obs-folded
// header line, HTTP/1.1 without Host, two Authorization headers. Out of file descriptors
// (EMFILE, ENFILE), the accept loop backs off for 100 ms and warns once per episode.
//
// Thread-safety: Start and Stop are called from one controlling thread; the handler is called
// concurrently from the worker threads and must be thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http.h"
#include "common/status.h"

namespace api {

class HttpServer {
 public:
  struct Options {
    std::string bind = "127.0.0.1";
    uint16_t port = 8080;  // 0 picks a free port; see port()
    int io_threads = 1;
    int workers = 4;        // GET, HEAD, OPTIONS; every request when write_workers is 0
    int write_workers = 0;  // the other methods, on their own pool when > 0
    size_t body_limit = 1 << 20;
    // A POST whose target starts with upload_prefix (evidence files) may carry upload_limit.
    std::string upload_prefix = "/v1/files";
    size_t upload_limit = 10u << 20;
    // A POST whose target starts with import_prefix (CSV imports) may carry import_limit: a
    // million catalog rows are about 150 MB.
    std::string import_prefix = "/v1/imports";
    size_t import_limit = 160u << 20;
    size_t header_limit = 16 * 1024;
    std::chrono::seconds read_timeout{30};  // to receive one whole request, and idle keep-alive
    size_t max_connections = 10000;
    size_t max_connections_per_address = 10000;  // from one client address; more are closed at once
    // Called (from an I/O thread) when accepting fails for want of file descriptors; the server
    // then waits before it accepts again instead of spinning. May be empty.
    std::function<void(const std::string&)> warn;
  };
  using Handler = std::function<HttpResponse(HttpRequest&)>;
  // Responses the server makes itself (413, 431, 400, 503 while draining): status, type, detail.
  using ProblemMaker = std::function<HttpResponse(int, const std::string&, const std::string&)>;

  HttpServer(Options options, Handler handler, ProblemMaker problem);
  ~HttpServer();

  // Binds, listens and starts the I/O threads and the workers. kUnavailable when the address
  // cannot be bound (in use, not local).
  common::Status Start();
  // The port actually bound (useful with port 0).
  uint16_t port() const;

  // Graceful stop: closes the listening socket, lets requests already read finish (up to
  // `drain`), then closes every connection and joins all threads. Idempotent.
  void Stop(std::chrono::milliseconds drain);

  // Requests read and not yet answered.
  int in_flight() const;

  class Impl;  // public only so that the connection sessions in the .cpp can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace api
