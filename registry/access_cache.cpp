#include "registry/access_cache.h"

#include <mutex>

namespace registry {

using common::Result;

Result<VendorSnapshot> LoadSnapshot(UnitOfWork& uow, const Vendor& vendor) {
  VendorSnapshot s;
  s.status = vendor.status;
  ASSIGN_OR_RETURN(s.qualifications, uow.qualifications().ListByVendor(vendor.id));
  ASSIGN_OR_RETURN(s.practitioners, uow.practitioners().ListByVendor(vendor.id));
  ASSIGN_OR_RETURN(s.sanctions, uow.sanctions().ListByVendor(vendor.id));
  return s;
}

Result<TypeTable> LoadTypeTable(UnitOfWork& uow) {
  ASSIGN_OR_RETURN(auto types, uow.reference().ListTypes());
  TypeTable table;
  for (auto& t : types) table.emplace(t.code, std::move(t));
  return table;
}

MemoKey& MemoKey::Add(std::string_view part) {
  key_ += std::to_string(part.size());
  key_ += ':';
  key_.append(part);
  return *this;
}

Result<AccessCache::View> AccessCache::Open(UnitOfWork& uow) {
  ASSIGN_OR_RETURN(int64_t generation, uow.AccessGeneration());
  return View(*this, uow, generation);
}

AccessCache::Stats AccessCache::stats() const {
  return Stats{hits_.load(), misses_.load(), resets_.load()};
}

void AccessCache::AdoptLocked(int64_t generation) {
  if (generation_ == generation) return;
  types_.clear();
  categories_.clear();
  vendors_.clear();
  memo_.clear();
  memo_bytes_ = 0;
  generation_ = generation;
  resets_.fetch_add(1, std::memory_order_relaxed);
}

template <typename V>
std::shared_ptr<const V> AccessCache::Find(int64_t generation, Map<V> AccessCache::*map, const std::string& key) {
  common::ReaderLock lock(mu_);
  if (generation_ == generation) {
    auto it = (this->*map).find(key);
    if (it != (this->*map).end()) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return it->second;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

template <typename V>
void AccessCache::Keep(int64_t generation, Map<V> AccessCache::*map, const std::string& key,
                       std::shared_ptr<const V> value, size_t cap) {
  common::WriterLock lock(mu_);
  // A reader that saw another generation than the one held moves the cache to it: either the
  // data changed (the usual case) or this reader's transaction began before the change, and
  // then the next reader moves it back. Either way an entry is only found by a reader of the
  // generation it was loaded at.
  AdoptLocked(generation);
  if ((this->*map).size() < cap) (this->*map).emplace(key, std::move(value));
}

Result<std::shared_ptr<const TypeTable>> AccessCache::View::Types() {
  if (auto hit = cache_.Find(generation_, &AccessCache::types_, std::string())) return hit;
  ASSIGN_OR_RETURN(TypeTable loaded, LoadTypeTable(uow_));
  auto value = std::make_shared<const TypeTable>(std::move(loaded));
  cache_.Keep(generation_, &AccessCache::types_, std::string(), value, 1);
  return value;
}

Result<std::optional<Category>> AccessCache::View::GetCategory(const std::string& code) {
  if (auto hit = cache_.Find(generation_, &AccessCache::categories_, code)) return *hit;
  ASSIGN_OR_RETURN(std::optional<Category> loaded, uow_.reference().GetCategory(code));
  auto value = std::make_shared<const std::optional<Category>>(std::move(loaded));
  // Categories are few and named by the bureau; a cap only guards against a flood of unknown codes.
  cache_.Keep(generation_, &AccessCache::categories_, code, value, 4096);
  return *value;
}

Result<std::shared_ptr<const VendorRecord>> AccessCache::View::Vendor(const std::string& id) {
  {
    common::ReaderLock lock(cache_.mu_);
    if (cache_.generation_ == generation_) {
      auto it = cache_.vendors_.find(id);
      if (it != cache_.vendors_.end()) {
        cache_.hits_.fetch_add(1, std::memory_order_relaxed);
        return it->second;
      }
    }
  }
  cache_.misses_.fetch_add(1, std::memory_order_relaxed);
  ASSIGN_OR_RETURN(auto vendor, uow_.vendors().Get(id));
  std::shared_ptr<const VendorRecord> value;
  if (vendor) {
    ASSIGN_OR_RETURN(VendorSnapshot snap, LoadSnapshot(uow_, *vendor));
    value = std::make_shared<const VendorRecord>(VendorRecord{std::move(*vendor), std::move(snap)});
  }
  common::WriterLock lock(cache_.mu_);
  cache_.AdoptLocked(generation_);
  if (cache_.vendors_.size() < cache_.max_vendors_) cache_.vendors_.emplace(id, value);
  return value;
}

Result<std::shared_ptr<const std::string>> AccessCache::View::Memo(
    const MemoKey& memo_key, const std::function<Result<std::string>()>& load) {
  const std::string& key = memo_key.str();
  if (auto hit = cache_.Find(generation_, &AccessCache::memo_, key)) return hit;
  ASSIGN_OR_RETURN(std::string loaded, load());
  auto value = std::make_shared<const std::string>(std::move(loaded));
  common::WriterLock lock(cache_.mu_);
  cache_.AdoptLocked(generation_);
  size_t bytes = value->size() + key.size();
  if (cache_.memo_bytes_ + bytes <= kMaxMemoBytes && cache_.memo_.emplace(key, value).second) {
    cache_.memo_bytes_ += bytes;
  }
  return value;
}

}  // namespace registry
