#include "registry/reference_service.h"

#include <set>

#include "common/text.h"
#include "registry/access_cache.h"
#include "registry/market_access.h"

namespace registry {

using common::Fields;
using common::Result;
using common::Status;

namespace {

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<QualificationType>> ReferenceService::ListTypes(const Actor&) {
  return store_.ReadValue<std::vector<QualificationType>>([&](UnitOfWork& uow) { return uow.reference().ListTypes(); });
}

Result<std::vector<Category>> ReferenceService::ListCategories(const Actor&) {
  return store_.ReadValue<std::vector<Category>>([&](UnitOfWork& uow) { return uow.reference().ListCategories(); });
}

Result<Category> ReferenceService::GetCategory(const Actor&, const std::string& code) {
  ASSIGN_OR_RETURN(std::optional<Category> c,
                   store_.ReadValue<std::optional<Category>>([&](UnitOfWork& uow) { return uow.reference().GetCategory(code); }));
  if (!c) return Status::NotFound("no such category");
  return *c;
}

namespace {

std::vector<common::FieldError> TypeChecks(const QualificationType& t) {
  std::vector<common::FieldError> errors;
  if (!ValidCode(t.code)) errors.push_back({"code", "format", "capitals, digits, '_' and '-', at most 64"});
  common::MergeFieldErrors(common::CheckName(t.name, "name", 200), &errors);
  if (t.levels.size() > 20) errors.push_back({"levels", "too_many", "at most 20 levels"});
  std::set<std::string> seen;
  for (size_t i = 0; i < t.levels.size(); ++i) {
    common::MergeFieldErrors(common::CheckName(t.levels[i], "levels[" + std::to_string(i) + "]", 64), &errors);
    if (!seen.insert(t.levels[i]).second) {
      errors.push_back({"levels[" + std::to_string(i) + "]", "duplicate", "each level once"});
    }
  }
  if (t.validity_years < 0 || t.validity_years > 50) errors.push_back({"validity_years", "range", "0 to 50"});
  return errors;
}

std::vector<common::FieldError> PureCategoryChecks(const Category& c) {
  std::vector<common::FieldError> fields;
  if (!ValidCode(c.code)) fields.push_back({"code", "format", "capitals, digits, '_' and '-', at most 64"});
  common::MergeFieldErrors(common::CheckName(c.name, "name", 200), &fields);
  if (c.requirements.size() > 20) fields.push_back({"requirements", "too_many", "at most 20"});
  return fields;
}

// The checks that read stored state: the requirements against the qualification types.
Status StoredCategoryChecks(UnitOfWork& uow, const Category& c, std::vector<common::FieldError>* errors) {
  ASSIGN_OR_RETURN(TypeTable types, LoadTypeTable(uow));
  CheckRequirements(c.requirements, types, errors);
  return Status::Ok();
}

}  // namespace

Status ReferenceService::CheckType(const Actor& actor, const QualificationType& t, const common::Unread& unread) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau maintains qualification types");
  return common::ValidationOrOk(unread.Keep(TypeChecks(t)));
}

Status ReferenceService::CheckCategory(const Actor& actor, const Category& c, const common::Unread& unread) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau maintains categories");
  std::vector<common::FieldError> fields = PureCategoryChecks(c);
  ASSIGN_OR_RETURN(auto stored, store_.ReadErrors([&](UnitOfWork& uow, std::vector<common::FieldError>* found) {
    return StoredCategoryChecks(uow, c, found);
  }));
  fields.insert(fields.end(), stored.begin(), stored.end());
  return common::ValidationOrOk(unread.Keep(fields));
}

Result<QualificationType> ReferenceService::PutType(const Actor& actor, QualificationType t,
                                                  std::optional<int64_t> expected_version) {
  RETURN_IF_ERROR(CheckType(actor, t, common::Unread()));
  std::set<std::string> seen(t.levels.begin(), t.levels.end());
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto old, uow.reference().GetType(t.code));
    // The editor read version N (0: it meant to create): someone else's change since → stale.
    if (expected_version && *expected_version != (old ? old->version : 0)) {
      return Status::VersionMismatch("the qualification type was changed since version " +
                                     std::to_string(*expected_version) + "; read it again");
    }
    t.version = old ? old->version + 1 : 1;
    if (old) {
      if (old->holder != t.holder) {
        return Status::Conflict("the holder of an existing type cannot change");
      }
      for (const std::string& level : old->levels) {
        if (seen.count(level)) continue;
        ASSIGN_OR_RETURN(int64_t used, uow.reference().CountLevelUse(t.code, level));
        if (used > 0) return Status::Conflict("level " + level + " is still in use and cannot be removed");
      }
    }
    RETURN_IF_ERROR(uow.reference().PutType(t));
    Fields f;
    f.Add("name", t.name).Add("holder", HolderName(t.holder));
    for (const auto& l : t.levels) f.Add("level", l);
    f.Add("validity_years", std::to_string(t.validity_years));
    return AppendAudit(uow, clock_.Now(), actor.account_id, "qualification_type.put", "qualification_type", t.code,
                       f.ToJson());
  }));
  return t;
}

Result<Category> ReferenceService::PutCategory(const Actor& actor, Category c,
                                             std::optional<int64_t> expected_version) {
  if (!actor.Is(Role::kBureau)) return Status::Forbidden("only the bureau maintains categories");
  // Answered from a read: a malformed request never queues for the writer.
  if (!PureCategoryChecks(c).empty()) return CheckCategory(actor, c, common::Unread());
  RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) -> Status {
    std::vector<common::FieldError> errors;  // this run's own: the closure may run again
    RETURN_IF_ERROR(StoredCategoryChecks(uow, c, &errors));
    if (!errors.empty()) return Status::Validation("the request has invalid fields", errors);
    ASSIGN_OR_RETURN(auto old, uow.reference().GetCategory(c.code));
    if (expected_version && *expected_version != (old ? old->version : 0)) {
      return Status::VersionMismatch("the category was changed since version " + std::to_string(*expected_version) +
                                     "; read it again");
    }
    c.version = old ? old->version + 1 : 1;
    RETURN_IF_ERROR(uow.reference().PutCategory(c));
    Fields f;
    f.Add("name", c.name).Add("kind", CategoryKindName(c.kind));
    for (const auto& r : c.requirements) {
      f.Add(RequirementKindName(r.kind),
            r.code + ">=" + r.min_level + (r.kind == Requirement::Kind::kCredential ? " x" + std::to_string(r.min_count) : ""));
    }
    return AppendAudit(uow, clock_.Now(), actor.account_id, "category.put", "category", c.code, f.ToJson());
  }));
  return c;
}

}  // namespace registry
