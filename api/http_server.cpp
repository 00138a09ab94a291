// The only translation unit that includes Boost.Beast (slow to compile: keep it that way).
#include "api/http_server.h"

#include "common/thread_annotations.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
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
  // Stop waits on this for in_flight to reach 0 (signalled by the last answer written while
  // draining) instead of polling.
  std::mutex drained_mu;
  std::condition_variable drained_cv;
  void Finished() {
    if (in_flight.fetch_sub(1) == 1 && draining.load()) {
      std::lock_guard<std::mutex> lock(drained_mu);
      drained_cv.notify_all();
    }
  }
  std::atomic<size_t> connections{0};
  common::Mutex per_address_mu;
  std::unordered_map<std::string, size_t> per_address GUARDED_BY(per_address_mu);  // open connections by client address
  bool fd_exhausted = false;  // in an EMFILE/ENFILE back-off episode (accept strand only)
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
  // Counts a connection from `address`; false (and nothing counted) when it has too many.
  bool TakeAddressSlot(const std::string& address) {
    common::MutexLock lock(per_address_mu);
    size_t& n = per_address[address];
    if (n >= options.max_connections_per_address) {
      if (n == 0) per_address.erase(address);
      return false;
    }
    ++n;
    return true;
  }
  void ReleaseAddressSlot(const std::string& address) {
    common::MutexLock lock(per_address_mu);
    auto it = per_address.find(address);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // The server has counted this connection in `connections` and in the slot of `remote`.
  Session(tcp::socket&& socket, HttpServer::Impl* server, std::string remote)
      : stream_(std::move(socket)), server_(server), remote_(std::move(remote)) {}
  ~Session() {
    server_->ReleaseAddressSlot(remote_);
    server_->connections.fetch_sub(1);
  }

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
    ReadHeaderBytes();
  }

  // Reads until the buffer holds the whole header block, so that its raw bytes can be checked
  // for obs-fold (Beast folds such lines into one value, after which they cannot be told apart),
  // then lets Beast parse the request from the buffer.
  void ReadHeaderBytes() {
    std::string_view data(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    size_t end = data.find("\r\n\r\n");
    if (end != std::string_view::npos) {
      std::string_view head = data.substr(0, end + 2);
      if (head.find("\r\n ") != std::string_view::npos || head.find("\r\n\t") != std::string_view::npos) {
        return Fail(400, "bad_request", "folded header lines (obs-fold) are not accepted");
      }
      // An upload may carry a larger body than anything else. Decided from the request line
      // before Beast parses the header, since Beast refuses a Content-Length over the limit then.
      body_limit_ = server_->options.body_limit;
      for (const auto& [prefix, limit] : {std::pair<const std::string&, size_t>{server_->options.upload_prefix, server_->options.upload_limit},
                                          std::pair<const std::string&, size_t>{server_->options.import_prefix, server_->options.import_limit}}) {
        if (prefix.empty() || head.rfind("POST " + prefix, 0) != 0) continue;
        char next = head.size() > 5 + prefix.size() ? head[5 + prefix.size()] : ' ';
        if (next == ' ' || next == '?' || next == '/') {
          body_limit_ = limit;
          parser_->body_limit(body_limit_);
        }
      }
      return http::async_read(stream_, buffer_, *parser_,
                              beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }
    if (buffer_.size() > server_->options.header_limit) {
      return Fail(431, "payload_too_large", "the request headers are too large");
    }
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->OnRead(ec, 0);
      self->buffer_.commit(n);
      self->ReadHeaderBytes();
    });
  }

  // The framing checks Beast leaves to us (http_server.h); empty when the request is acceptable.
  static std::string FramingProblem(const http::request<http::string_body>& msg) {
    int te = 0, auth = 0;
    bool host = false, te_chunked_only = true;
    for (const auto& f : msg) {
      if (f.name() == http::field::transfer_encoding) {
        ++te;
        std::string v(f.value());
        for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
        if (v != "chunked") te_chunked_only = false;
      } else if (f.name() == http::field::authorization) {
        ++auth;
      } else if (f.name() == http::field::host) {
        host = true;
      }
    }
    if (te > 1 || (te == 1 && !te_chunked_only)) return "the only Transfer-Encoding accepted is one \"chunked\"";
    if (auth > 1) return "a request may carry one Authorization header";
    if (msg.version() == 11 && !host) return "an HTTP/1.1 request needs a Host header";
    return "";
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return Fail(413, "payload_too_large", "the body is larger than " + std::to_string(body_limit_) + " bytes");
    }
    if (ec == http::error::header_limit) {
      return Fail(431, "payload_too_large", "the request headers are too large");
    }
    if (ec) {
      // A malformed request: the connection's framing can no longer be trusted.
      return Fail(400, "bad_request", "the request is not valid HTTP/1.1");
    }
    auto msg = parser_->release();
    version_ = msg.version();
    if (std::string why = FramingProblem(msg); !why.empty()) return Fail(400, "bad_request", why);
    keep_alive_ = msg.keep_alive();
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
      self->server_->Finished();
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
  size_t body_limit_ = 0;  // this request's, set once its header is read
  std::string remote_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (ec == net::error::no_descriptors || ec.value() == ENFILE) {
        // The pending connection stays in the backlog, so accepting again at once would fail at
        // once, forever: wait for descriptors to come back instead of spinning.
        if (!fd_exhausted && options.warn) {
          options.warn("out of file descriptors (" + ec.message() + ") with " + std::to_string(connections.load()) +
                       " connections open: accepting again every 100 ms until some close");
        }
        fd_exhausted = true;
        auto timer = std::make_shared<net::steady_timer>(acceptor.get_executor(), std::chrono::milliseconds(100));
        timer->async_wait([this, timer](beast::error_code) {
          if (acceptor.is_open()) Accept();
        });
        return;
      }
      // Anything else (a connection reset before it was accepted): the next try may succeed.
      return Accept();
    }
    fd_exhausted = false;
    beast::error_code peer_ec;
    auto ep = socket.remote_endpoint(peer_ec);
    std::string remote = peer_ec ? std::string() : ep.address().to_string();
    if (connections.load() >= options.max_connections || draining.load() || !TakeAddressSlot(remote)) {
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      connections.fetch_add(1);
      std::make_shared<Session>(std::move(socket), this, std::move(remote))->Run();
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
  {
    std::unique_lock<std::mutex> lock(impl_->drained_mu);
    impl_->drained_cv.wait_for(lock, drain, [this] { return impl_->in_flight.load() == 0; });
  }
  impl_->ioc.stop();
  for (auto& t : impl_->io_threads) {
    if (t.joinable()) t.join();
  }
  impl_->workers.join();
  if (impl_->write_workers) impl_->write_workers->join();
}

}  // namespace api
