// One cache per process (registryd builds it and hands it to every service that reads market
// access) of what market access is decided from: vendors with their snapshots
// (qualifications, practitioners, sanctions), categories and the qualification-type table; and
// memoised values derived from those and the catalog (rendered catalog search pages).
//
// Contract: a value is served only to a reader whose transaction read the same stored access
// generation (UnitOfWork::AccessGeneration, schema/*/004_access_generation.sql) as the reader
// that loaded it. Every write to those records sets the generation to a fresh random value in
// its own transaction, so a reader never gets data older than what its transaction could see;
// several registryd instances over one database stay exact, each checking the row. The cost of
// a hit is the one-row generation read instead of six queries.
//
// Open() reads the generation once per use case; the View then loads through the transaction
// on a miss. Values are immutable and shared. The cache holds one generation at a time: the
// first reader that sees another generation drops everything. Vendors are capped
// (max_vendors), memoised values to 32 MiB; past a cap, misses are loaded but not kept. Records
// are cached, not decisions: the date is an argument, so expiry needs no invalidation (a
// memoised value that depends on the date names it in its key).
//
// Use it only in transactions that do not themselves write these records (reads, bids,
// openings): a writer reading its own uncommitted generation would cache data no one else
// may see. (It would never be served, the value is random and lost with the rollback, but it
// would evict the real generation until the next miss.)
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"
#include "common/thread_annotations.h"
#include "registry/market_access.h"
#include "registry/store.h"

namespace registry {

// The loaders the cache fills itself with, and what services use when they read or write these
// records themselves: what DecideMarketAccess needs, inside the caller's transaction.
common::Result<VendorSnapshot> LoadSnapshot(UnitOfWork& uow, const Vendor& vendor);
common::Result<TypeTable> LoadTypeTable(UnitOfWork& uow);

// A memo's key built from parts, each written with its length first ("3:abc"), so that no two
// different lists of parts make the same key whatever bytes the parts hold (a separator
// character would not do: a query may contain it).
class MemoKey {
 public:
  MemoKey& Add(std::string_view part);
  MemoKey& Add(int64_t n) { return Add(std::string_view(std::to_string(n))); }
  const std::string& str() const { return key_; }

 private:
  std::string key_;
};

struct VendorRecord {
  Vendor vendor;
  VendorSnapshot snapshot;
};

class AccessCache {
 public:
  explicit AccessCache(size_t max_vendors = 20000) : max_vendors_(max_vendors) {}
  AccessCache(const AccessCache&) = delete;
  AccessCache& operator=(const AccessCache&) = delete;

  class View {
   public:
    // The type table; never null on success.
    common::Result<std::shared_ptr<const TypeTable>> Types();
    // The category, or nullopt when there is no such category.
    common::Result<std::optional<Category>> GetCategory(const std::string& code);
    // The vendor with its snapshot, or null when there is no such vendor.
    common::Result<std::shared_ptr<const VendorRecord>> Vendor(const std::string& id);
    // A value derived only from cached records and the stored catalog (e.g. a rendered search
    // page), under a key that names everything else it depends on; `load` runs on a miss.
    common::Result<std::shared_ptr<const std::string>> Memo(const MemoKey& key,
                                                            const std::function<common::Result<std::string>()>& load);

   private:
    friend class AccessCache;
    View(AccessCache& cache, UnitOfWork& uow, int64_t generation)
        : cache_(cache), uow_(uow), generation_(generation) {}
    AccessCache& cache_;
    UnitOfWork& uow_;
    int64_t generation_;
  };

  common::Result<View> Open(UnitOfWork& uow);

  struct Stats {
    uint64_t hits = 0, misses = 0, resets = 0;
  };
  Stats stats() const;

 private:
  // One of the maps below, named by member pointer so that it is touched only under the lock.
  template <typename V>
  using Map = std::unordered_map<std::string, std::shared_ptr<const V>>;
  template <typename V>
  std::shared_ptr<const V> Find(int64_t generation, Map<V> AccessCache::*map, const std::string& key) EXCLUDES(mu_);
  template <typename V>
  void Keep(int64_t generation, Map<V> AccessCache::*map, const std::string& key, std::shared_ptr<const V> value,
            size_t cap) EXCLUDES(mu_);
  void AdoptLocked(int64_t generation) REQUIRES(mu_);

  const size_t max_vendors_;
  mutable common::SharedMutex mu_;
  std::optional<int64_t> generation_ GUARDED_BY(mu_);  // nullopt: nothing held yet
  Map<TypeTable> types_ GUARDED_BY(mu_);  // one key: ""
  Map<std::optional<Category>> categories_ GUARDED_BY(mu_);
  Map<VendorRecord> vendors_ GUARDED_BY(mu_);  // null: no such vendor
  Map<std::string> memo_ GUARDED_BY(mu_);
  size_t memo_bytes_ GUARDED_BY(mu_) = 0;
  static constexpr size_t kMaxMemoBytes = 32u << 20;
  std::atomic<uint64_t> hits_{0}, misses_{0}, resets_{0};
};

}  // namespace registry
