// The MySQL/MariaDB driver: MySQL Connector/C++ 1.1 (the classic sql::Driver API).
//
// Connector/C++ rules (see docs/operations.md): the driver instance is made once, on the thread
// that opens the database; every thread that uses a connection calls threadInit() first and
// threadEnd() when it exits; a connection is used by one thread at a time (the pool ensures it).
#include <mysql_driver.h>
#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <unordered_map>

#include <Poco/Logger.h>

#include "storage/pooled_database.h"

namespace storage {
namespace {

using common::Result;
using common::Status;

Poco::Logger& Log() { return Poco::Logger::get("storage.mysql"); }

// Calls threadInit() once per thread that touches the driver, threadEnd() at thread exit.
void EnsureThreadInit(sql::Driver* driver) {
  struct Guard {
    sql::Driver* d = nullptr;
    ~Guard() {
      if (d) d->threadEnd();
    }
  };
  thread_local Guard guard;
  if (!guard.d) {
    driver->threadInit();
    guard.d = driver;
  }
}

bool IsConnectionError(int code) {
  // CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST,
  // CR_SERVER_LOST_EXTENDED, ER_CONNECTION_KILLED, ER_SERVER_SHUTDOWN, WSREP not ready (1047).
  return code == 2002 || code == 2003 || code == 2006 || code == 2013 || code == 2055 ||
         code == 1927 || code == 1053 || code == 1047 || code == 4031;
}

class MysqlConnection final : public Connection {
 public:
  explicit MysqlConnection(std::unique_ptr<sql::Connection> conn) : conn_(std::move(conn)) {}
  ~MysqlConnection() override {
    cache_.clear();
    try {
      conn_->close();
    } catch (const sql::SQLException&) {
    }
  }

  Dialect dialect() const override { return Dialect::kMysql; }
  bool broken() const override { return broken_; }

  // Reads run in autocommit, one round trip per statement: under READ COMMITTED every
  // statement of a transaction reads its own fresh snapshot anyway, so a START TRANSACTION READ
  // ONLY ... COMMIT around them only added two round trips (docs/performance.md). Reads never
  // lock (no FOR UPDATE in read mode), so there is nothing to hold together. Writes are real
  // transactions: START TRANSACTION ... COMMIT or ROLLBACK.
  Status Begin(Database::Mode mode) override {
    if (mode == Database::Mode::kSnapshot) {
      // SET TRANSACTION (without SESSION) applies to the next transaction only; the session
      // stays READ COMMITTED. Under READ COMMITTED a "consistent snapshot" would last one statement.
      RETURN_IF_ERROR(ExecOnce("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
      in_tx_ = true;
      return ExecOnce("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }
    in_tx_ = mode == Database::Mode::kWrite;
    return in_tx_ ? ExecOnce("START TRANSACTION") : Status::Ok();
  }
  // COMMIT and ROLLBACK go as statements, never through sql::Connection::commit(): with
  // Debian's Connector/C++ 1.1 over libmariadb, commit() reports success when the server
  // answers COMMIT with an error. On Galera a transaction that loses certification fails
  // exactly there (1213), so commit() acknowledged writes the cluster had thrown away
  // (GaleraTest found 2-3 % of registrations lost that way; MysqlCommitTest pins it down).
  Status Commit() override {
    if (!in_tx_) return Status::Ok();
    Status st = ExecOnce("COMMIT");
    if (st.ok()) in_tx_ = false;  // a failed COMMIT stays "in" so that Rollback still sends ROLLBACK
    return st;
  }
  void Rollback() override {
    if (broken_ || !in_tx_) return;
    in_tx_ = false;
    (void)ExecOnce("ROLLBACK");
  }

  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    try {
      ASSIGN_OR_RETURN(sql::PreparedStatement * stmt, Prepare(sql, params));
      std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery());
      sql::ResultSetMetaData* meta = rs->getMetaData();
      const unsigned int ncol = meta->getColumnCount();
      std::vector<bool> is_int(ncol + 1);
      for (unsigned int c = 1; c <= ncol; ++c) {
        int t = meta->getColumnType(c);
        is_int[c] = t == sql::DataType::TINYINT || t == sql::DataType::SMALLINT ||
                    t == sql::DataType::MEDIUMINT || t == sql::DataType::INTEGER ||
                    t == sql::DataType::BIGINT || t == sql::DataType::BIT;
      }
      std::vector<Row> rows;
      while (rs->next()) {
        std::vector<Value> values;
        values.reserve(ncol);
        for (unsigned int c = 1; c <= ncol; ++c) {
          if (rs->isNull(c)) {
            values.emplace_back(std::monostate{});
          } else if (is_int[c]) {
            values.emplace_back(static_cast<int64_t>(rs->getInt64(c)));
          } else {
            sql::SQLString s = rs->getString(c);
            values.emplace_back(std::string(s.c_str(), s.length()));
          }
        }
        rows.emplace_back(std::move(values));
      }
      return rows;
    } catch (const sql::SQLException& e) {
      return Map(e, "query");
    }
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    try {
      ASSIGN_OR_RETURN(sql::PreparedStatement * stmt, Prepare(sql, params));
      return static_cast<int64_t>(stmt->executeUpdate());
    } catch (const sql::SQLException& e) {
      return Map(e, "exec");
    }
  }

  Status ExecOnce(std::string_view sql) override {
    try {
      std::unique_ptr<sql::Statement> stmt(conn_->createStatement());
      stmt->execute(sql::SQLString(std::string(sql)));
      return Status::Ok();
    } catch (const sql::SQLException& e) {
      return Map(e, "exec");
    }
  }

 private:
  Result<sql::PreparedStatement*> Prepare(std::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    auto it = cache_.find(key);
    sql::PreparedStatement* stmt;
    if (it == cache_.end()) {
      std::unique_ptr<sql::PreparedStatement> p(conn_->prepareStatement(key));
      stmt = p.get();
      cache_.emplace(std::move(key), std::move(p));
    } else {
      stmt = it->second.get();
    }
    for (size_t i = 0; i < params.size(); ++i) {
      unsigned int idx = static_cast<unsigned int>(i + 1);
      const Value& v = params[i];
      if (auto p = std::get_if<int64_t>(&v)) {
        stmt->setInt64(idx, *p);
      } else if (auto s = std::get_if<std::string>(&v)) {
        stmt->setString(idx, sql::SQLString(s->data(), s->size()));
      } else {
        stmt->setNull(idx, sql::DataType::VARCHAR);
      }
    }
    return stmt;
  }

  Status Map(const sql::SQLException& e, const char* what) {
    int code = e.getErrorCode();
    if (code == 1062) return Status::Conflict("a record with the same key already exists");
    // Deadlock, lock wait timeout, Galera certification failure (reported as deadlock).
    if (code == 1213 || code == 1205) return Status::Retry("the transaction lost a race");
    if (IsConnectionError(code)) {
      broken_ = true;
      Log().warning("mysql %s: connection lost (%d): %s", std::string(what), code, std::string(e.what()));
      return Status::Unavailable("the database cannot be reached");
    }
    Log().error("mysql %s failed (%d, %s): %s", std::string(what), code, e.getSQLState(),
                std::string(e.what()));
    // An unknown failure may have left the session in an unknown state: do not reuse it.
    broken_ = true;
    return Status::Internal("storage error");
  }

  std::unique_ptr<sql::Connection> conn_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> cache_;
  bool broken_ = false;
  bool in_tx_ = false;  // a write transaction is open (reads autocommit)
};

// On a Galera node (wsrep_on = 1): refuses a node that is not ready for clients (a joiner, a
// donor, or one cut off from the primary component answers every query with error 1047), and
// turns on causal reads (wsrep_sync_wait = 1), so that a read through any node sees every write
// committed before it through any other — what several registryd instances over one cluster
// need for read-your-writes. Plain MySQL/MariaDB: nothing to do (MySQL has no @@wsrep_on).
bool PrepareGaleraSession(sql::Statement* st, std::string* why) {
  bool galera = false;
  try {
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT @@wsrep_on"));
    galera = rs->next() && rs->getInt(1) == 1;
  } catch (const sql::SQLException&) {
    return true;
  }
  if (!galera) return true;
  std::unique_ptr<sql::ResultSet> ready(st->executeQuery("SHOW STATUS LIKE 'wsrep_ready'"));
  if (!ready->next() || ready->getString(2) != "ON") {
    *why = "wsrep_ready is not ON";
    return false;
  }
  st->execute("SET SESSION wsrep_sync_wait = 1");
  return true;
}

class MysqlDatabase final : public PooledDatabase {
 public:
  MysqlDatabase(MysqlConfig config, const Options& options)
      : PooledDatabase(options), config_(std::move(config)) {
    driver_ = sql::mysql::get_mysql_driver_instance();
  }
  ~MysqlDatabase() override { CloseAll(); }
  Dialect dialect() const override { return Dialect::kMysql; }

 protected:
  Result<std::unique_ptr<Connection>> Connect() override {
    EnsureThreadInit(driver_);
    std::string last_error;
    // Failover: try the hosts in order, starting with the one that answered last.
    size_t n = config_.hosts.size();
    size_t first = preferred_.load();
    for (size_t k = 0; k < n; ++k) {
      size_t i = (first + k) % n;
      const MysqlEndpoint& ep = config_.hosts[i];
      try {
        sql::ConnectOptionsMap opts;
        opts["hostName"] = sql::SQLString("tcp://" + ep.host + ":" + std::to_string(ep.port));
        opts["userName"] = sql::SQLString(config_.user);
        opts["password"] = sql::SQLString(config_.password);
        opts["schema"] = sql::SQLString(config_.database);
        opts["OPT_CONNECT_TIMEOUT"] = options().mysql_connect_timeout_s;
        opts["OPT_READ_TIMEOUT"] = options().mysql_read_timeout_s;
        opts["OPT_WRITE_TIMEOUT"] = options().mysql_read_timeout_s;
        opts["OPT_RECONNECT"] = false;  // the pool reconnects; a silent reconnect loses session state
        opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
        std::unique_ptr<sql::Connection> conn(driver_->connect(opts));
        conn->setAutoCommit(true);  // reads autocommit; writes open START TRANSACTION (Begin)
        {
          std::unique_ptr<sql::Statement> st(conn->createStatement());
          st->execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'");
          st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
          if (!PrepareGaleraSession(st.get(), &last_error)) {
            Log().warning("mysql at %s:%d is a Galera node not ready for clients: %s", ep.host, ep.port, last_error);
            continue;
          }
        }
        preferred_.store(i);
        return std::unique_ptr<Connection>(std::make_unique<MysqlConnection>(std::move(conn)));
      } catch (const sql::SQLException& e) {
        last_error = e.what();
        Log().warning("cannot connect to mysql at %s:%d: %s", ep.host, ep.port, last_error);
      }
    }
    return Status::Unavailable("the database cannot be reached");
  }

 private:
  MysqlConfig config_;
  sql::Driver* driver_;
  std::atomic<size_t> preferred_{0};
};

}  // namespace

Result<std::unique_ptr<Database>> OpenMysql(const MysqlConfig& config, const Database::Options& options) {
  auto db = std::make_unique<MysqlDatabase>(config, options);
  RETURN_IF_ERROR(db->Ping());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace storage
