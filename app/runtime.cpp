#include "app/runtime.h"

#include <Poco/AsyncChannel.h>
#include <Poco/AutoPtr.h>
#include <Poco/StreamChannel.h>
#include <iostream>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>

#include "storage/migrations.h"

namespace app {

namespace {
Poco::AutoPtr<Poco::AsyncChannel> g_async;
}

void ConfigureLogging(const std::string& level) {
  Poco::AutoPtr<Poco::PatternFormatter> fmt(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t"));
  fmt->setProperty("times", "UTC");
  Poco::AutoPtr<Poco::StreamChannel> console(new Poco::StreamChannel(std::cerr));
  Poco::AutoPtr<Poco::FormattingChannel> formatting(new Poco::FormattingChannel(fmt, console));
  g_async = new Poco::AsyncChannel(formatting);
  Poco::Logger::root().setChannel(g_async);
  Poco::Logger::root().setLevel(level);
  // Loggers made before this call (static ones) keep their old channel: set every one.
  std::vector<std::string> names;
  Poco::Logger::names(names);
  for (const auto& n : names) {
    Poco::Logger::get(n).setChannel(g_async);
    Poco::Logger::get(n).setLevel(level);
  }
}

void ShutdownLogging() {
  if (g_async) g_async->close();  // drains the queue
}

common::Result<std::unique_ptr<storage::Database>> OpenAndMigrate(const Settings& settings,
                                                                  const common::Clock& clock) {
  storage::Database::Options opts;
  opts.pool_size = settings.workers;
  opts.sqlite_synchronous = settings.sqlite_synchronous;
  auto db = storage::OpenDatabase(settings.storage, opts);
  if (!db.ok()) {
    return common::Status::Unavailable("cannot open storage " + storage::RedactUrl(settings.storage) +
                                       ": " + db.status().message());
  }
  auto applied = storage::Migrate(**db, clock.Now());
  if (!applied.ok()) {
    return common::Status::Unavailable("cannot migrate storage " + storage::RedactUrl(settings.storage) +
                                       ": " + applied.status().message());
  }
  if (*applied > 0) {
    Poco::Logger::get("storage").information("applied %d migration(s)", *applied);
  }
  return db;
}

std::string AdminTokenPath(const std::string& storage_url) {
  if (storage_url.rfind("sqlite:", 0) == 0) {
    Poco::Path p(storage_url.substr(7));
    return p.parent().append("registry-admin.token").toString();
  }
  return "registry-admin.token";
}

}  // namespace app
