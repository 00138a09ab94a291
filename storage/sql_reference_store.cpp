// The SQL ReferenceStore (qualification types and categories), for both dialects (storage/sql_registry_stores.h).
#include <map>
#include <set>

#include "storage/sql_page.h"
#include "storage/sql_registry_stores.h"
#include "storage/sql_rows.h"
#include "storage/stored.h"

namespace storage {
namespace {

using common::Date;
using common::Result;
using common::Status;
using namespace registry;

class SqlReferenceStore final : public ReferenceStore {
 public:
  explicit SqlReferenceStore(Tx& tx) : tx_(tx) {}

  Result<std::vector<QualificationType>> ListTypes() override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, holder, validity_years, version FROM "
                                          "qualification_types ORDER BY code"));
    ASSIGN_OR_RETURN(auto levels, tx_.Query("SELECT type_code, level FROM qualification_type_levels "
                                            "ORDER BY type_code, ord"));
    std::map<std::string, std::vector<std::string>> by_type;
    for (const Row& l : levels) by_type[l.Text(0)].push_back(l.Text(1));
    std::vector<QualificationType> out;
    for (const Row& r : rows) {
      QualificationType t;
      t.code = r.Text(0);
      t.name = r.Text(1);
      ASSIGN_OR_RETURN(t.holder, StoredEnum(kHolderNames, r.Text(2), "qualification_types.holder"));
      t.validity_years = static_cast<int>(r.Int(3));
      t.version = r.Int(4);
      t.levels = by_type[t.code];
      out.push_back(std::move(t));
    }
    return out;
  }

  Result<std::optional<QualificationType>> GetType(const std::string& code) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, holder, validity_years, version FROM "
                                          "qualification_types WHERE code = ?", {code}));
    if (rows.empty()) return std::optional<QualificationType>();
    QualificationType t;
    t.code = rows[0].Text(0);
    t.name = rows[0].Text(1);
    ASSIGN_OR_RETURN(t.holder, StoredEnum(kHolderNames, rows[0].Text(2), "qualification_types.holder"));
    t.validity_years = static_cast<int>(rows[0].Int(3));
    t.version = rows[0].Int(4);
    ASSIGN_OR_RETURN(auto levels, tx_.Query("SELECT level FROM qualification_type_levels WHERE type_code = ? "
                                            "ORDER BY ord", {code}));
    for (const Row& l : levels) t.levels.push_back(l.Text(0));
    return std::optional<QualificationType>(std::move(t));
  }

  Status PutType(const QualificationType& t) override {
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM qualification_type_levels WHERE type_code = ?", {t.code}).status());
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM qualification_types WHERE code = ?", {t.code}).status());
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO qualification_types (code, name, holder, validity_years, version) "
                             "VALUES (?, ?, ?, ?, ?)",
                             {t.code, t.name, std::string(HolderName(t.holder)),
                              int64_t{t.validity_years}, t.version})
                        .status());
    for (size_t i = 0; i < t.levels.size(); ++i) {
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO qualification_type_levels (type_code, ord, level) VALUES (?, ?, ?)",
                               {t.code, static_cast<int64_t>(i), t.levels[i]})
                          .status());
    }
    return ThenBumpAccess(tx_, Status::Ok());
  }

  Result<int64_t> CountLevelUse(const std::string& type, const std::string& level) override {
    ASSIGN_OR_RETURN(auto q, tx_.Query("SELECT COUNT(*) FROM qualifications WHERE type = ? AND level = ?", {type, level}));
    ASSIGN_OR_RETURN(auto c, tx_.Query("SELECT COUNT(*) FROM practitioner_credentials WHERE type = ? AND level = ?",
                                       {type, level}));
    ASSIGN_OR_RETURN(auto r, tx_.Query("SELECT COUNT(*) FROM category_requirements WHERE code = ? AND min_level = ?",
                                       {type, level}));
    return q.at(0).Int(0) + c.at(0).Int(0) + r.at(0).Int(0);
  }

  Result<std::vector<Category>> ListCategories() override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, kind, version FROM categories ORDER BY code"));
    ASSIGN_OR_RETURN(auto reqs, tx_.Query("SELECT category_code, kind, code, min_level, min_count FROM "
                                          "category_requirements ORDER BY category_code, pos"));
    std::map<std::string, std::vector<Requirement>> by_cat;
    for (const Row& r : reqs) {
      ASSIGN_OR_RETURN(Requirement q, RequirementFromRow(r, 1));
      by_cat[r.Text(0)].push_back(std::move(q));
    }
    std::vector<Category> out;
    for (const Row& r : rows) {
      ASSIGN_OR_RETURN(Category c, CategoryFromRow(r));
      c.requirements = by_cat[c.code];
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::optional<Category>> GetCategory(const std::string& code) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query("SELECT code, name, kind, version FROM categories WHERE code = ?", {code}));
    if (rows.empty()) return std::optional<Category>();
    ASSIGN_OR_RETURN(Category c, CategoryFromRow(rows[0]));
    ASSIGN_OR_RETURN(auto reqs, tx_.Query("SELECT category_code, kind, code, min_level, min_count FROM "
                                          "category_requirements WHERE category_code = ? ORDER BY pos", {code}));
    for (const Row& r : reqs) {
      ASSIGN_OR_RETURN(Requirement q, RequirementFromRow(r, 1));
      c.requirements.push_back(std::move(q));
    }
    return std::optional<Category>(std::move(c));
  }

  Status PutCategory(const Category& c) override {
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM category_requirements WHERE category_code = ?", {c.code}).status());
    RETURN_IF_ERROR(tx_.Exec("DELETE FROM categories WHERE code = ?", {c.code}).status());
    RETURN_IF_ERROR(tx_.Exec("INSERT INTO categories (code, name, kind, version) VALUES (?, ?, ?, ?)",
                             {c.code, c.name, std::string(CategoryKindName(c.kind)), c.version})
                        .status());
    for (size_t i = 0; i < c.requirements.size(); ++i) {
      const Requirement& r = c.requirements[i];
      RETURN_IF_ERROR(tx_.Exec("INSERT INTO category_requirements (category_code, pos, kind, code, min_level, "
                               "min_count) VALUES (?, ?, ?, ?, ?, ?)",
                               {c.code, static_cast<int64_t>(i),
                                std::string(RequirementKindName(r.kind)),
                                r.code, r.min_level, int64_t{r.min_count}})
                          .status());
    }
    return ThenBumpAccess(tx_, Status::Ok());
  }

 private:
  static Result<Category> CategoryFromRow(const Row& r) {
    Category c;
    c.code = r.Text(0);
    c.name = r.Text(1);
    ASSIGN_OR_RETURN(c.kind, StoredEnum(kCategoryKindNames, r.Text(2), "categories.kind"));
    c.version = r.Int(3);
    return c;
  }
  static Result<Requirement> RequirementFromRow(const Row& r, size_t at) {
    Requirement q;
    ASSIGN_OR_RETURN(q.kind, StoredEnum(kRequirementKindNames, r.Text(at), "category_requirements.kind"));
    q.code = r.Text(at + 1);
    q.min_level = r.Text(at + 2);
    q.min_count = static_cast<int>(r.Int(at + 3));
    return q;
  }
  Tx& tx_;
};

}  // namespace

std::unique_ptr<ReferenceStore> MakeReferenceStore(Tx& tx) { return std::make_unique<SqlReferenceStore>(tx); }

}  // namespace storage
