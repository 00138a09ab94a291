// The reference data every rule reads: qualification types (with their levels and validity) and
// procurement categories (with their market-access requirements). One transaction per use case,
// with its audit entry; permissions decided here. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "registry/actor.h"
#include "registry/store.h"

namespace registry {

class ReferenceService {
 public:
  ReferenceService(Store& store, const common::Clock& clock) : store_(store), clock_(clock) {}

  // Any account.
  common::Result<std::vector<QualificationType>> ListTypes(const Actor& actor);
  common::Result<std::vector<Category>> ListCategories(const Actor& actor);
  common::Result<Category> GetCategory(const Actor& actor, const std::string& code);
  // Bureau: create or replace. A level still used by a qualification, credential or
  // requirement cannot be removed (kConflict). Returns the stored value with its new version.
  common::Result<QualificationType> PutType(const Actor& actor, QualificationType t,
                                            std::optional<int64_t> expected_version = std::nullopt);
  // PutType's and PutCategory's field checks alone, on input some of whose fields could not be
  // read (api ReadBody); `code` must be set (it comes from the path).
  common::Status CheckType(const Actor& actor, const QualificationType& t, const common::Unread& unread);
  common::Status CheckCategory(const Actor& actor, const Category& c, const common::Unread& unread);
  // Bureau: requirements must name existing types, held by the right holder, at existing levels.
  common::Result<Category> PutCategory(const Actor& actor, Category c,
                                       std::optional<int64_t> expected_version = std::nullopt);

 private:
  Store& store_;
  const common::Clock& clock_;
};

}  // namespace registry
