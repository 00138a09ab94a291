#include "app/fixtures.h"

#include <algorithm>
#include <map>

#include "api/input.h"
#include "api/registry_json.h"
#include "common/clock.h"
#include "procurement/tender_service.h"
#include "registry/account_service.h"

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

Result<bool> LoadReferenceIfEmpty(ReferenceService& reference, const std::string& json_text) {
  ASSIGN_OR_RETURN(auto existing, reference.ListTypes(kSystem));
  if (!existing.empty()) return false;
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
    RETURN_IF_ERROR(At(where, reference.PutType(kSystem, t).status()));
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
    RETURN_IF_ERROR(At(where, reference.PutCategory(kSystem, c).status()));
  }
  return true;
}

namespace {

// `domestic_items` holds, per credit code, the vendor's catalog items the bureau verified as
// domestic: a demo bid that says "domestic": true names them, since a claim alone counts for
// nothing in the evaluation.
Status LoadDemoTenders(Store& store, procurement::ProcurementStore& pstore, const json& tenders,
                       const std::map<std::string, Actor>& vendors_by_code,
                       const std::map<std::string, std::vector<std::string>>& domestic_items, common::Timestamp now) {
  constexpr int64_t kDay = 86400LL * 1000000;
  common::ManualClock clock(now);
  AccountService accounts(store, clock);
  registry::AccessCache access_cache;  // the demo's own: it runs before the service starts
  procurement::TenderService service(pstore, clock, access_cache);
  std::optional<Actor> officer;
  // The experts who sit on the demo's committees (Order 87 Art. 47: five or more, seven for a
  // budget of ten million or more), each with every demo tender's category as a specialty.
  std::map<std::string, Actor> experts;  // account id -> actor
  std::vector<std::string> categories;
  for (const json& t : tenders) {
    if (t.is_object() && t.contains("category") && t["category"].is_string()) {
      categories.push_back(t["category"].get<std::string>());
    }
  }
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  for (size_t i = 0; i < tenders.size(); ++i) {
    std::string where = "tenders[" + std::to_string(i) + "]";
    const json& t = tenders[i];
    if (!t.is_object()) return Status::Validation("fixture " + where + " is not an object");
    api::ObjectReader in(t);
    procurement::NewTender nt;
    nt.title = in.String("title", true).value_or("");
    nt.category = in.String("category", true, 64).value_or("");
    auto budget = in.Money("budget", true);
    if (budget) nt.budget = *budget;
    auto method = in.Enum("method", true, {"comprehensive", "lowest_price", "price_performance"});
    if (method) nt.method = *procurement::ParseMethod(*method);
    nt.price_weight = in.Hundredths("price_weight", false, 0, 10000).value_or(0);
    int64_t created = 10, deadline = 3, opened = 2;
    std::optional<int64_t> awarded;  // awarded that many days ago (its notice published then)
    if (const json* days = in.Object("days_ago", true)) {
      api::ObjectReader d(*days, "days_ago.");
      created = d.Int("created", true, 1, 3650).value_or(10);
      deadline = d.Int("deadline", true, 1, 3650).value_or(3);
      opened = d.Int("opened", true, 0, 3650).value_or(2);
      awarded = d.Int("awarded", false, 0, 3650);
      in.Merge(d.Finish());
    }
    struct DemoBid {
      std::string code;
      procurement::NewBid bid;
      int64_t score = 0;
    };
    std::vector<DemoBid> bids;
    if (const json* list = in.Array("bids", true, 100)) {
      for (size_t k = 0; k < list->size(); ++k) {
        api::ObjectReader b((*list)[k], "bids[" + std::to_string(k) + "].");
        DemoBid db;
        db.code = b.String("credit_code", true, 18).value_or("");
        auto price = b.Money("price", true);
        if (price) db.bid.price = *price;
        db.bid.domestic = b.Bool("domestic", true).value_or(false);
        if (db.bid.domestic) {
          auto verified = domestic_items.find(db.code);
          if (verified != domestic_items.end()) db.bid.items = verified->second;
        }
        db.score = b.Hundredths("technical_score", true, 0, 10000).value_or(0);
        in.Merge(b.Finish());
        bids.push_back(db);
      }
    }
    // A bidder's challenge of the award notice, made at the award (issue 20): {credit_code, grounds}.
    std::string challenger, grounds;
    if (const json* c = in.Object("challenge", false)) {
      api::ObjectReader r(*c, "challenge.");
      challenger = r.String("credit_code", true, 18).value_or("");
      grounds = r.String("grounds", true, 2000).value_or("");
      in.Merge(r.Finish());
    }
    RETURN_IF_ERROR(At(where, in.Finish()));
    if (!(created > deadline && deadline >= opened) || (awarded && *awarded > opened)) {
      return Status::Validation("fixture " + where + ": days_ago must be created > deadline >= opened >= awarded");
    }
    if (!challenger.empty() && !awarded) return Status::Validation("fixture " + where + ": a challenge needs an award");
    clock.Set(common::Timestamp{now.micros - created * kDay});
    if (!officer) {
      ASSIGN_OR_RETURN(CreatedAccount o, accounts.Create(kSystem, {"演示 采购员", Role::kOfficer, "", ""}));
      officer = Actor{o.account.id, Role::kOfficer, ""};
      static const char* const kNames[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚"};
      for (const char* n : kNames) {
        ASSIGN_OR_RETURN(CreatedAccount e, accounts.Create(kSystem, {std::string("演示 评审专家") + n, Role::kExpert, "", ""}));
        RETURN_IF_ERROR(service.PutExpert(kSystem, e.account.id, categories, {}, std::nullopt).status());
        experts.emplace(e.account.id, Actor{e.account.id, Role::kExpert, ""});
      }
    }
    nt.bid_deadline = common::Timestamp{now.micros - deadline * kDay};
    ASSIGN_OR_RETURN(procurement::Tender tender, service.Create(*officer, nt));
    RETURN_IF_ERROR(At(where, service.Publish(*officer, tender.id).status()));
    for (const DemoBid& b : bids) {
      auto v = vendors_by_code.find(b.code);
      if (v == vendors_by_code.end()) return Status::Validation("fixture " + where + ": no demo vendor " + b.code);
      RETURN_IF_ERROR(At(where, service.SubmitBid(v->second, tender.id, b.bid).status()));
    }
    clock.Set(common::Timestamp{now.micros - opened * kDay});
    RETURN_IF_ERROR(At(where, service.Open(*officer, tender.id).status()));
    ASSIGN_OR_RETURN(auto placed, service.ListBids(*officer, tender.id));
    std::vector<procurement::ScoreInput> scores;
    for (const auto& p : placed) {
      for (const DemoBid& b : bids) {
        if (vendors_by_code.at(b.code).vendor_id == p.vendor_id) scores.push_back({p.id, "", b.score});  // the expert account's own score
      }
    }
    // The committee is drawn, and each member gives the fixture's score (the demo's reports then
    // show the score the fixture names).
    ASSIGN_OR_RETURN(procurement::Committee committee, service.DrawCommittee(*officer, tender.id, 0));
    for (const std::string& member : committee.members) {
      RETURN_IF_ERROR(At(where, service.SubmitScores(experts.at(member), tender.id, scores)));
    }
    RETURN_IF_ERROR(At(where, service.Evaluate(*officer, tender.id).status()));
    if (!awarded) continue;
    clock.Set(common::Timestamp{now.micros - *awarded * kDay});
    RETURN_IF_ERROR(At(where, service.Award(*officer, tender.id, std::nullopt, "").status()));
    if (challenger.empty()) continue;
    auto v = vendors_by_code.find(challenger);
    if (v == vendors_by_code.end()) return Status::Validation("fixture " + where + ": no demo vendor " + challenger);
    RETURN_IF_ERROR(At(where, service.SubmitChallenge(v->second, tender.id, grounds, "").status()));
  }
  return Status::Ok();
}

}  // namespace

namespace {

// The date fields of the demo's records.
bool IsDateField(const std::string& key) {
  return key == "issued_on" || key == "expires_on" || key == "starts_on" || key == "ends_on";
}

// Moves every date field under `node` by `days`. A value that is not a date is left for the
// readers to refuse.
void ShiftDates(json& node, int days) {
  if (node.is_array()) {
    for (auto& x : node) ShiftDates(x, days);
  } else if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (IsDateField(it.key()) && it.value().is_string()) {
        auto d = common::ParseDate(it.value().get<std::string>());
        if (d.ok()) it.value() = common::FormatDate(d->AddDays(days));
      } else {
        ShiftDates(it.value(), days);
      }
    }
  }
}

}  // namespace

Result<int> LoadDemoIfEmpty(storage::SqlStore& store, RegistryService& reg, CatalogService& catalog,
                            const std::string& json_text, common::Timestamp now) {
  procurement::ProcurementStore& pstore = store;
  ASSIGN_OR_RETURN(auto first, store.ReadValue<Page<Vendor>>([](UnitOfWork& uow) { return uow.vendors().List({}, {1, ""}); }));
  const bool empty = first.items.empty();
  if (!empty) return 0;
  ASSIGN_OR_RETURN(json doc, Parse(json_text));
  // The fixture is written as of one day ("dated_as_of"); its dates move by as many days as
  // today (Beijing) is past it, so the demo never ages: a certificate that was valid for another
  // two years still is, one that had expired still has, by as much.
  if (doc.is_object() && doc.contains("dated_as_of")) {
    auto as_of = doc["dated_as_of"].is_string() ? common::ParseDate(doc["dated_as_of"].get<std::string>())
                                                 : Result<common::Date>(Status::Validation("fixture dated_as_of is not a date"));
    if (!as_of.ok()) return Status::Validation("fixture dated_as_of: " + as_of.status().message());
    ShiftDates(doc["vendors"], common::BeijingDate(now).days - as_of->days);
  }
  const json& vendors = ArrayOf(doc, "vendors");
  int loaded = 0;
  std::map<std::string, Actor> vendors_by_code;
  std::map<std::string, std::vector<std::string>> domestic_items;  // credit code -> verified domestic items
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
    vendors_by_code[done.vendor.credit_code] = vendor;
    for (const auto& [item, approve] : items) {
      ASSIGN_OR_RETURN(CatalogItem made, catalog.ProposeItem(vendor, item));
      if (approve) RETURN_IF_ERROR(At(where, catalog.DecideItem(kSystem, made.id, true, "demo data").status()));
      if (approve && item.domestic) domestic_items[done.vendor.credit_code].push_back(made.id);
    }
    ++loaded;
  }
  RETURN_IF_ERROR(LoadDemoTenders(store, pstore, ArrayOf(doc, "tenders"), vendors_by_code, domestic_items, now));
  return loaded;
}

}  // namespace app
