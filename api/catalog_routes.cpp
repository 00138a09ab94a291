// Qualification types, categories and the catalog.
#include <cstdint>
#include <optional>

#include "api/handler_util.h"
#include "api/input.h"
#include "api/registry_json.h"
#include "common/text.h"

namespace api {

using nlohmann::json;
using namespace registry;

namespace {

// A PUT of reference data accepts the representation GET served (the console issue's round
// trip): "code", when present, must be the path's; "version" is the version the editor read,
// like If-Match (both given → they must agree). Returns the expected version, if any.
std::optional<int64_t> ReadRoundTrip(Context& ctx, ObjectReader& in) {
  if (auto code = in.String("code", false, 64); code && *code != ctx.Param("code")) {
    in.AddError({"code", "mismatch", "the body's code is not the one in the path"});
  }
  std::optional<int64_t> body_version = in.Int("version", false, 1, INT64_MAX);
  auto header = IfMatchVersion(ctx.req);
  if (!header.ok()) {
    in.AddError({"If-Match", "invalid", "If-Match must be a version this service gave, like \"3\""});
    return std::nullopt;
  }
  if (body_version && *header && **header != *body_version) {
    in.AddError({"version", "mismatch", "the body's version differs from If-Match"});
  }
  return body_version ? body_version : *header;
}

}  // namespace

void AddCatalogRoutes(RouteTable& routes, const ApiDeps& deps) {
  CatalogService* cat = deps.catalog;
  ReferenceService* ref = deps.reference;

  routes.Add("GET", "/v1/qualification-types", Access::kAccount, [ref](Context& ctx) {
    return Answer(ref->ListTypes(*ctx.actor), [](const std::vector<QualificationType>& v) {
      json items = json::array();
      for (const auto& t : v) items.push_back(TypeJson(t));
      return json{{"items", items}};
    });
  });

  routes.Add("PUT", "/v1/qualification-types/{code}", Access::kAccount, [ref](Context& ctx) {
    QualificationType t;
    std::optional<int64_t> expected;
    if (auto bad = ReadBody(
            ctx,
            [&](ObjectReader& in) {
              t = ReadType(in);
              t.code = ctx.Param("code");
              expected = ReadRoundTrip(ctx, in);
            },
            [&](const common::Unread& unread) { return ref->CheckType(*ctx.actor, t, unread); })) {
      return *bad;
    }
    auto r = ref->PutType(*ctx.actor, t, expected);
    return AnswerVersioned(r, TypeJson, r.ok() && r->version == 1 ? 201 : 200);
  });

  routes.Add("GET", "/v1/categories", Access::kAccount, [ref](Context& ctx) {
    return Answer(ref->ListCategories(*ctx.actor), [](const std::vector<Category>& v) {
      json items = json::array();
      for (const auto& c : v) items.push_back(CategoryJson(c));
      return json{{"items", items}};
    });
  });

  routes.Add("GET", "/v1/categories/{code}", Access::kAccount, [ref](Context& ctx) {
    return AnswerVersioned(ref->GetCategory(*ctx.actor, ctx.Param("code")), CategoryJson);
  });

  routes.Add("PUT", "/v1/categories/{code}", Access::kAccount, [ref](Context& ctx) {
    Category c;
    std::optional<int64_t> expected;
    if (auto bad = ReadBody(
            ctx,
            [&](ObjectReader& in) {
              c = ReadCategory(in);
              c.code = ctx.Param("code");
              expected = ReadRoundTrip(ctx, in);
            },
            [&](const common::Unread& unread) { return ref->CheckCategory(*ctx.actor, c, unread); })) {
      return *bad;
    }
    auto r = ref->PutCategory(*ctx.actor, c, expected);
    return AnswerVersioned(r, CategoryJson, r.ok() && r->version == 1 ? 201 : 200);
  });

  routes.Add("POST", "/v1/catalog/items", Access::kAccount, [cat](Context& ctx) {
    NewItem it;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& in) { it = ReadItem(in); },
                            [&](const common::Unread& unread) { return cat->CheckItem(*ctx.actor, it, unread); })) {
      return *bad;
    }
    auto r = cat->ProposeItem(*ctx.actor, it);
    if (!r.ok()) return ProblemFor(r.status());
    HttpResponse resp = Json(201, ItemJson(*r));
    resp.headers.emplace_back("Location", "/v1/catalog/items/" + r->id);
    return resp;
  });

  // The work queue: items of any status (bureau, auditors; a vendor its own).
  routes.Add("GET", "/v1/catalog/items?status,vendor_id,category,limit,cursor", Access::kAccount, [cat](Context& ctx) {
    QueryReader q(ctx.req);
    registry::ItemFilter f{q.EnumOf("status", registry::kItemStatusNames), q.String("vendor_id", 64).value_or(""),
                           q.String("category", 64).value_or("")};
    registry::PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = cat->ListItems(*ctx.actor, f, page);
    return AnswerPage(r, [](const auto& it) { return ItemJson(it); });
  });

  routes.Add("GET", "/v1/catalog/items/{id}", Access::kAccount, [cat](Context& ctx) {
    return AnswerVersioned(cat->GetItem(*ctx.actor, ctx.Param("id")), ItemJson);
  });

  routes.Add("POST", "/v1/catalog/items/{id}/decision", Access::kAccount, [cat](Context& ctx) {
    std::string decision, comment;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      decision = in.Enum("decision", true, {"approve", "reject"}).value_or("");
      comment = in.String("comment", false, 1000).value_or("");
    });
    if (bad) return *bad;
    return AnswerVersioned(cat->DecideItem(*ctx.actor, ctx.Param("id"), decision == "approve", comment), ItemJson);
  });

  routes.Add("GET", "/v1/catalog?q,category,vendor_id,domestic,max_price,limit,cursor", Access::kAccount, [cat](Context& ctx) {
    QueryReader q(ctx.req);
    CatalogSearch s;
    s.q = q.String("q", 100).value_or("");
    s.category = q.String("category", 64).value_or("");
    s.vendor_id = q.String("vendor_id", 64).value_or("");
    auto domestic = q.String("domestic", 5);
    auto max_price = q.String("max_price", 20);
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    std::vector<common::FieldError> errors;
    s.domestic_only = DomesticOnly(domestic, &errors);
    if (max_price) {
      auto m = common::ParseMoney(*max_price, "max_price");
      if (m.ok()) s.max_price = *m;
      else common::MergeFieldErrors(m.status(), &errors);
    }
    common::MergeFieldErrors(st, &errors);
    if (!errors.empty()) return ProblemFor(common::Status::Validation("the query has invalid parameters", errors));
    // The page is written as text (AppendItemJson: the same bytes as the json tree would give)
    // and kept by the service until the catalog, market access or the day changes.
    auto r = cat->SearchRendered(*ctx.actor, s, page, [](const registry::Page<registry::CatalogItem>& found) {
      std::string body = "{\"items\":[";
      body.reserve(400 * found.items.size() + 64);
      for (size_t i = 0; i < found.items.size(); ++i) {
        if (i) body += ',';
        AppendItemJson(&body, found.items[i]);
      }
      body += "],\"next_cursor\":";
      body += found.next ? common::JsonQuote(EncodeCursor(*found.next)) : std::string("null");
      body += '}';
      return body;
    });
    if (!r.ok()) return ProblemFor(r.status());
    return JsonText(200, **r);
  });
}

}  // namespace api
