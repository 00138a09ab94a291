#include "app/fixtures.h"

#include "api/input.h"
#include "api/registry_json.h"

namespace app {

// Generated from fixtures/ by cmake/Embed.cmake.
const std::vector<std::pair<std::string, std::string>>& ReferenceFixtureFiles();
const std::vector<std::pair<std::string, std::string>>& DemoFixtureFiles();

using common::Result;
using common::Status;
using nlohmann::json;
using namespace registry;

const std::string& BuiltinReferenceFixture() { return ReferenceFixtureFiles().at(0).second; }
const std::string& BuiltinDemoFixture() { return DemoFixtureFiles().at(0).second; }

namespace {

const Actor kSystem{"system", Role::kBureau, ""};

// Prefixes the error with where in the fixture it happened.
Status At(const std::string& where, const Status& st) {
  if (st.ok()) return st;
  std::string detail = st.message();
  for (const auto& e : st.errors()) detail += "; " + e.field + ": " + e.message;
  return Status::Validation("fixture " + where + ": " + detail, st.errors());
}

Result<json> Parse(const std::string& text) {
  std::string why;
  auto doc = api::ParseStrictJson(text, &why);
  if (!doc || !doc->is_object()) return Status::Validation("fixture is not a JSON object: " + why);
  return *doc;
}

const json& ArrayOf(const json& obj, const char* key) {
  static const json kEmpty = json::array();
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace

Result<bool> LoadReferenceIfEmpty(Store& store, CatalogService& catalog, const std::string& json_text) {
  bool empty = false;
  RETURN_IF_ERROR(store.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto types, uow.reference().ListTypes());
    empty = types.empty();
    return Status::Ok();
  }));
  if (!empty) return false;
  ASSIGN_OR_RETURN(json doc, Parse(json_text));
  const json& types = ArrayOf(doc, "qualification_types");
  for (size_t i = 0; i < types.size(); ++i) {
    std::string where = "qualification_types[" + std::to_string(i) + "]";
    if (!types[i].is_object()) return Status::Validation("fixture " + where + " is not an object");
    api::ObjectReader in(types[i]);
    std::string code = in.String("code", true, 64).value_or("");
    QualificationType t = api::ReadType(in);
    RETURN_IF_ERROR(At(where, in.Finish()));
    t.code = code;
    RETURN_IF_ERROR(At(where, catalog.PutType(kSystem, t).status()));
  }
  const json& cats = ArrayOf(doc, "categories");
  for (size_t i = 0; i < cats.size(); ++i) {
    std::string where = "categories[" + std::to_string(i) + "]";
    if (!cats[i].is_object()) return Status::Validation("fixture " + where + " is not an object");
    api::ObjectReader in(cats[i]);
    std::string code = in.String("code", true, 64).value_or("");
    Category c = api::ReadCategory(in);
    RETURN_IF_ERROR(At(where, in.Finish()));
    c.code = code;
    RETURN_IF_ERROR(At(where, catalog.PutCategory(kSystem, c).status()));
  }
  return true;
}

Result<int> LoadDemoIfEmpty(Store& store, RegistryService& reg, CatalogService& catalog, const std::string& json_text) {
  bool empty = false;
  RETURN_IF_ERROR(store.Read([&](UnitOfWork& uow) -> Status {
    ASSIGN_OR_RETURN(auto page, uow.vendors().List({}, {1, ""}));
    empty = page.items.empty();
    return Status::Ok();
  }));
  if (!empty) return 0;
  ASSIGN_OR_RETURN(json doc, Parse(json_text));
  const json& vendors = ArrayOf(doc, "vendors");
  int loaded = 0;
  for (size_t i = 0; i < vendors.size(); ++i) {
    std::string where = "vendors[" + std::to_string(i) + "]";
    if (!vendors[i].is_object()) return Status::Validation("fixture " + where + " is not an object");
    api::ObjectReader in(vendors[i]);
    Registration r = api::ReadRegistration(in);
    bool listed = in.Bool("listed", false).value_or(false);
    std::vector<Qualification> quals;
    if (const json* a = in.Array("qualifications", false, 100)) {
      for (size_t k = 0; k < a->size(); ++k) {
        quals.push_back(api::ReadQualification((*a)[k], "qualifications[" + std::to_string(k) + "].", in));
      }
    }
    std::vector<NewPractitioner> people;
    if (const json* a = in.Array("practitioners", false, 100)) {
      for (size_t k = 0; k < a->size(); ++k) {
        api::ObjectReader p((*a)[k], "practitioners[" + std::to_string(k) + "].");
        people.push_back(api::ReadPractitioner(p));
        in.Merge(p.Finish());
      }
    }
    std::vector<Sanction> sanctions;
    if (const json* a = in.Array("sanctions", false, 100)) {
      for (size_t k = 0; k < a->size(); ++k) {
        api::ObjectReader s((*a)[k], "sanctions[" + std::to_string(k) + "].");
        sanctions.push_back(api::ReadSanction(s));
        in.Merge(s.Finish());
      }
    }
    std::vector<std::pair<NewItem, bool>> items;
    if (const json* a = in.Array("items", false, 1000)) {
      for (size_t k = 0; k < a->size(); ++k) {
        api::ObjectReader it((*a)[k], "items[" + std::to_string(k) + "].");
        NewItem item = api::ReadItem(it);
        bool approve = it.Enum("decision", false, {"approve", "pending"}).value_or("pending") == "approve";
        in.Merge(it.Finish());
        items.emplace_back(item, approve);
      }
    }
    RETURN_IF_ERROR(At(where, in.Finish()));

    ASSIGN_OR_RETURN(Registered done, reg.RegisterVendor(kSystem, r));
    const std::string& id = done.vendor.id;
    for (const Qualification& q : quals) RETURN_IF_ERROR(At(where, reg.RecordQualification(kSystem, id, q).status()));
    for (const NewPractitioner& p : people) RETURN_IF_ERROR(At(where, reg.AddPractitioner(kSystem, id, p).status()));
    for (const Sanction& s : sanctions) RETURN_IF_ERROR(At(where, reg.ImposeSanction(kSystem, id, s).status()));
    if (listed) RETURN_IF_ERROR(At(where, reg.DecideListing(kSystem, id, true, "demo data").status()));
    Actor vendor{done.account_id, Role::kVendor, id};
    for (const auto& [item, approve] : items) {
      ASSIGN_OR_RETURN(CatalogItem made, catalog.ProposeItem(vendor, item));
      if (approve) RETURN_IF_ERROR(At(where, catalog.DecideItem(kSystem, made.id, true, "demo data").status()));
    }
    ++loaded;
  }
  return loaded;
}

}  // namespace app
