// The only translation unit that includes Boost.Beast (slow to compile: keep it that way).
#include "api/http_server.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace api {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class HttpServer::Impl : public std::enable_shared_from_this<HttpServer::Impl> {
 public:
  Impl(Options o, Handler h, ProblemMaker p)
      : options(std::move(o)), handler(std::move(h)), problem(std::move(p)),
        ioc(options.io_threads), acceptor(net::make_strand(ioc)),
        workers(static_cast<size_t>(options.workers)),
        write_workers(options.write_workers > 0 ? std::make_unique<net::thread_pool>(static_cast<size_t>(options.write_workers))
                                                : nullptr) {}

  // Declared before ioc so they outlive it: destroying ioc destroys pending handlers, which
  // destroy Sessions, which touch `connections`.
  Options options;
  Handler handler;
  ProblemMaker problem;
  std::atomic<int> in_flight{0};
  std::atomic<size_t> connections{0};
  std::atomic<bool> draining{false};
  std::atomic<bool> stopped{false};
  uint16_t bound_port = 0;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::thread_pool workers;
  std::unique_ptr<net::thread_pool> write_workers;  // null: writes share `workers`
  std::vector<std::thread> io_threads;

  // The pool a request runs on: reads on `workers`, the rest on `write_workers` when there is one.
  net::thread_pool& PoolFor(const std::string& method) {
    bool read = method == "GET" || method == "HEAD" || method == "OPTIONS";
    return read || !write_workers ? workers : *write_workers;
  }

  void Accept();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl* server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Session() { server_->connections.fetch_sub(1); }

  void Run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    if (server_->draining.load()) return Close();
    parser_.emplace();
    parser_->body_limit(server_->options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.header_limit));
    stream_.expires_after(server_->options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return Fail(413, "payload_too_large", "the body is larger than " +
                                                std::to_string(server_->options.body_limit) + " bytes");
    }
    if (ec == http::error::header_limit) {
      return Fail(431, "payload_too_large", "the request headers are too large");
    }
    if (ec) {
      // A malformed request: the connection's framing can no longer be trusted.
      return Fail(400, "bad_request", "the request is not valid HTTP/1.1");
    }
    auto msg = parser_->release();
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    auto req = std::make_shared<HttpRequest>();
    req->method = std::string(msg.method_string());
    req->target = std::string(msg.target());
    size_t q = req->target.find('?');
    req->path = req->target.substr(0, q);
    if (q != std::string::npos) req->query = req->target.substr(q + 1);
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers.emplace_back(std::move(name), std::string(f.value()));
    }
    req->body = std::move(msg.body());
    req->remote = remote_;
    stream_.expires_never();  // the handler may take its time; the write sets its own timer
    server_->in_flight.fetch_add(1);
    auto self = shared_from_this();
    net::post(server_->PoolFor(req->method), [self, req]() {
      HttpResponse resp;
      try {
        resp = self->server_->handler(*req);
      } catch (...) {
        resp = self->server_->problem(500, "internal", "the server failed; the error is logged");
      }
      auto shared_resp = std::make_shared<HttpResponse>(std::move(resp));
      net::post(self->stream_.get_executor(), [self, shared_resp]() { self->Write(*shared_resp, false); });
    });
  }

  void Fail(int status, const std::string& type, const std::string& detail) {
    server_->in_flight.fetch_add(1);
    keep_alive_ = false;
    Write(server_->problem(status, type, detail), true);
  }

  void Write(const HttpResponse& r, bool close_after) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(version_ ? version_ : 11);
    res->result(static_cast<unsigned>(r.status));
    if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) res->set(k, v);
    res->body() = r.body;
    bool keep = keep_alive_ && !close_after && !server_->draining.load();
    res->keep_alive(keep);
    res->prepare_payload();
    stream_.expires_after(server_->options.read_timeout);
    auto self = shared_from_this();
    http::async_write(stream_, *res, [self, res, keep](beast::error_code ec, std::size_t) {
      self->server_->in_flight.fetch_sub(1);
      if (ec || !keep) return self->Close();
      self->Read();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl* server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string remote_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      // Out of file descriptors and the like: keep accepting; the next try may succeed.
      return Accept();
    }
    if (connections.load() >= options.max_connections || draining.load()) {
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      connections.fetch_add(1);
      std::make_shared<Session>(std::move(socket), this)->Run();
    }
    Accept();
  });
}

HttpServer::HttpServer(Options options, Handler handler, ProblemMaker problem)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(problem))) {}

HttpServer::~HttpServer() { Stop(std::chrono::milliseconds(0)); }

common::Status HttpServer::Start() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.bind, ec);
  if (ec) return common::Status::FieldInvalid("bind", "format", "not an IP address: " + impl_->options.bind);
  tcp::endpoint endpoint{address, impl_->options.port};
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return common::Status::Unavailable("cannot listen on " + impl_->options.bind + ":" +
                                       std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->bound_port = acc.local_endpoint().port();
  impl_->Accept();
  for (int i = 0; i < impl_->options.io_threads; ++i) {
    impl_->io_threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return common::Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->bound_port; }

int HttpServer::in_flight() const { return impl_->in_flight.load(); }

void HttpServer::Stop(std::chrono::milliseconds drain) {
  if (impl_->stopped.exchange(true)) return;
  impl_->draining.store(true);
  net::post(impl_->acceptor.get_executor(), [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  auto deadline = std::chrono::steady_clock::now() + drain;
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->ioc.stop();
  for (auto& t : impl_->io_threads) {
    if (t.joinable()) t.join();
  }
  impl_->workers.join();
  if (impl_->write_workers) impl_->write_workers->join();
}

}  // namespace api
