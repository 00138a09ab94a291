// Vendors, listing, qualifications, practitioners, applications, sanctions, market access.
#include <cctype>
#include <string_view>

#include "api/account_routes.h"
#include "api/handler_util.h"
#include "api/registry_json.h"

namespace api {
namespace {

// What the bytes are, by their first bytes: "application/pdf", "image/jpeg", "image/png" or "".
std::string SniffFileType(const std::string& b) {
  if (b.rfind("%PDF-", 0) == 0) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return "image/png";
  return "";
}

// RFC 5987 value-chars: letters, digits and !#$&+-.^_`|~ as they are, every other byte %XX.
std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

nlohmann::json FileJson(const registry::StoredFile& f) {
  return {{"id", f.id}, {"name", f.name}, {"content_type", f.content_type}, {"size", f.size}, {"sha256", f.sha256},
          {"created_at", common::FormatTimestamp(f.created_at)}};
}

}  // namespace

using nlohmann::json;
using namespace registry;

void AddVendorRoutes(RouteTable& routes, const ApiDeps& deps) {
  RegistryService* reg = deps.registry;
  const common::Clock* clock = deps.clock;

  routes.Add("POST", "/v1/vendors", Access::kAnyone, [reg](Context& ctx) {
    Registration r;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& in) { r = ReadRegistration(in); },
                            [&](const common::Unread& unread) { return reg->CheckRegistration(r, unread); })) {
      return *bad;
    }
    auto done = reg->RegisterVendor(ctx.actor, r);
    if (!done.ok()) return ProblemFor(done.status());
    HttpResponse resp = SecretJson(201, {{"vendor", VendorJson(done->vendor)}, {"account_id", done->account_id},
                                         {"token", done->token}},
                                   {"token"});
    resp.headers.emplace_back("Location", "/v1/vendors/" + done->vendor.id);
    resp.headers.emplace_back("ETag", Etag(done->vendor.version));
    return resp;
  });

  routes.Add("GET", "/v1/vendors?status,q,eligible_for,on,limit,cursor", Access::kAccount, [reg, clock](Context& ctx) {
    QueryReader q(ctx.req);
    VendorFilter f{q.EnumOf("status", kVendorStatusNames), q.String("q", 100).value_or("")};
    auto eligible_for = q.String("eligible_for", 64);
    auto on = q.Date("on");
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    if (on && !eligible_for) {
      return ProblemFor(common::Status::FieldInvalid("on", "needs_eligible_for", "on is the day of eligible_for"));
    }
    auto r = eligible_for ? reg->ListEligibleVendors(*ctx.actor, f, *eligible_for, on.value_or(Today(*clock)), page)
                          : reg->ListVendors(*ctx.actor, f, page);
    return AnswerPage(r, [](const auto& v) { return VendorJson(v); });
  });

  routes.Add("GET", "/v1/vendors/{id}", Access::kAccount, [reg](Context& ctx) {
    auto r = reg->GetVendorRendered(*ctx.actor, ctx.Param("id"), [](const Vendor& v) { return DumpJson(VendorJson(v)); });
    if (!r.ok()) return ProblemFor(r.status());
    HttpResponse resp = JsonText(200, *r->body);
    resp.headers.emplace_back("ETag", Etag(r->version));
    return resp;
  });

  routes.Add("PATCH", "/v1/vendors/{id}", Access::kAccount, [reg](Context& ctx) {
    auto if_match = IfMatchVersion(ctx.req);
    if (!if_match.ok()) return ProblemFor(if_match.status());
    VendorPatch p;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      p.name = in.String("name", false);
      if (auto s = in.Enum("enterprise_size", false, {"micro", "small", "medium", "large"})) {
        p.enterprise_size = ParseEnterpriseSize(*s);
      }
      p.region_code = in.String("region_code", false, 6);
      if (const json* c = in.Object("contact", false)) {
        ObjectReader cr(*c, "contact.");
        p.contact_name = cr.String("name", false, 100);
        p.contact_phone = cr.String("phone", false, 32);
        p.contact_email = cr.String("email", false, 254);
        p.contact_address = cr.String("address", false, 500);
        in.Merge(cr.Finish());
      }
    }, [&](const common::Unread& unread) { return reg->CheckPatch(*ctx.actor, ctx.Param("id"), p, unread); });
    if (bad) return *bad;
    return AnswerVersioned(reg->UpdateVendor(*ctx.actor, ctx.Param("id"), p, *if_match), VendorJson);
  });

  routes.Add("POST", "/v1/vendors/{id}/listing", Access::kAccount, [reg](Context& ctx) {
    std::string decision, reason;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      decision = in.Enum("decision", true, {"list", "delist"}).value_or("");
      reason = in.String("reason", true, 1000).value_or("");
    });
    if (bad) return *bad;
    return AnswerVersioned(reg->DecideListing(*ctx.actor, ctx.Param("id"), decision == "list", reason), VendorJson);
  });

  // The expiry work queue across vendors.
  routes.Add("GET", "/v1/qualifications?status,expiring_before,vendor_id,limit,cursor", Access::kAccount,
             [reg, clock](Context& ctx) {
    QueryReader q(ctx.req);
    RegistryService::QualificationQuery query;
    query.status = q.EnumOf("status", kQualificationStandingNames);
    query.expiring_before = q.Date("expiring_before");
    query.vendor_id = q.String("vendor_id", 64).value_or("");
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = reg->FindQualifications(*ctx.actor, query, page);
    common::Date today = Today(*clock);
    return AnswerPage(r, [&](const auto& x) { return QualificationJson(x, today); });
  });

  routes.Add("POST", "/v1/vendors/{id}/qualifications", Access::kAccount, [reg, clock](Context& ctx) {
    InputError perr;
    auto body = ParseJsonObject(ctx.req, &perr);
    if (!body) return Problem(perr.status, perr.type, perr.detail);
    const json no_fields = json::object();  // ObjectReader holds it by reference
    ObjectReader outer(no_fields);
    Qualification q = ReadQualification(*body, "", outer);
    common::Status st = outer.Finish();
    if (!st.ok()) {
      return WithRuleErrors(st, [&](const common::Unread& unread) {
        return reg->CheckQualification(*ctx.actor, ctx.Param("id"), q, unread);
      });
    }
    common::Date today = Today(*clock);
    return Answer(reg->RecordQualification(*ctx.actor, ctx.Param("id"), q),
                  [today](const Qualification& x) { return QualificationJson(x, today); }, 201);
  });

  routes.Add("GET", "/v1/vendors/{id}/qualifications?on", Access::kAccount, [reg, clock](Context& ctx) {
    QueryReader q(ctx.req);
    auto on = q.Date("on");
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    common::Date day = on ? *on : Today(*clock);
    return Answer(reg->ListQualifications(*ctx.actor, ctx.Param("id")), [day](const std::vector<Qualification>& v) {
      json items = json::array();
      for (const auto& x : v) items.push_back(QualificationJson(x, day));
      return json{{"items", items}, {"on", common::FormatDate(day)}};
    });
  });

  auto change = [reg, clock](QualificationAction a) {
    return [reg, clock, a](Context& ctx) {
      std::string reason;
      if (auto bad = ReadBody(ctx, [&](ObjectReader& in) { reason = in.String("reason", true, 1000).value_or(""); })) {
        return *bad;
      }
      common::Date today = Today(*clock);
      return AnswerVersioned(reg->ChangeQualification(*ctx.actor, ctx.Param("id"), a, reason),
                             [today](const Qualification& x) { return QualificationJson(x, today); });
    };
  };
  routes.Add("POST", "/v1/qualifications/{id}/suspend", Access::kAccount, change(QualificationAction::kSuspend));
  routes.Add("POST", "/v1/qualifications/{id}/reinstate", Access::kAccount, change(QualificationAction::kReinstate));
  routes.Add("POST", "/v1/qualifications/{id}/revoke", Access::kAccount, change(QualificationAction::kRevoke));

  routes.Add("POST", "/v1/vendors/{id}/practitioners", Access::kAccount, [reg](Context& ctx) {
    NewPractitioner p;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& in) { p = ReadPractitioner(in); }, [&](const common::Unread& unread) {
          return reg->CheckPractitioner(*ctx.actor, ctx.Param("id"), p, unread);
        })) {
      return *bad;
    }
    return Answer(reg->AddPractitioner(*ctx.actor, ctx.Param("id"), p), PractitionerJson, 201);
  });

  // The bureau's review of practitioners (the trust issue): the queue, one practitioner, a
  // decision, a departure.
  routes.Add("GET", "/v1/practitioners?status,limit,cursor", Access::kAccount, [reg](Context& ctx) {
    QueryReader q(ctx.req);
    PractitionerFilter f{q.EnumOf("status", kPractitionerListingNames)};
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = reg->ListAllPractitioners(*ctx.actor, f, page);
    return AnswerPage(r, [](const auto& p) { return PractitionerJson(p); });
  });

  routes.Add("GET", "/v1/practitioners/{id}", Access::kAccount, [reg](Context& ctx) {
    return Answer(reg->GetPractitioner(*ctx.actor, ctx.Param("id")), PractitionerJson);
  });

  routes.Add("POST", "/v1/practitioners/{id}/decision", Access::kAccount, [reg](Context& ctx) {
    std::string decision, comment;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      decision = in.Enum("decision", true, {"approve", "reject"}).value_or("");
      comment = in.String("comment", false, 1000).value_or("");
    });
    if (bad) return *bad;
    return Answer(reg->DecidePractitioner(*ctx.actor, ctx.Param("id"), decision == "approve", comment),
                  PractitionerJson);
  });

  routes.Add("POST", "/v1/practitioners/{id}/depart", Access::kAccount, [reg](Context& ctx) {
    common::Date on;
    std::string reason;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      on = in.Date("on", true).value_or(common::Date{});
      reason = in.String("reason", true, 1000).value_or("");
    });
    if (bad) return *bad;
    return Answer(reg->DepartPractitioner(*ctx.actor, ctx.Param("id"), on, reason), PractitionerJson);
  });

  routes.Add("GET", "/v1/vendors/{id}/practitioners", Access::kAccount, [reg](Context& ctx) {
    return Answer(reg->ListPractitioners(*ctx.actor, ctx.Param("id")), [](const std::vector<Practitioner>& v) {
      json items = json::array();
      for (const auto& x : v) items.push_back(PractitionerJson(x));
      return json{{"items", items}};
    });
  });

  routes.Add("POST", "/v1/vendors/{id}/sanctions", Access::kAccount, [reg, clock](Context& ctx) {
    Sanction s;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& in) { s = ReadSanction(in); },
                            [&](const common::Unread& unread) { return reg->CheckSanction(*ctx.actor, s, unread); })) {
      return *bad;
    }
    common::Date today = Today(*clock);
    return Answer(reg->ImposeSanction(*ctx.actor, ctx.Param("id"), s),
                  [today](const Sanction& x) { return SanctionJson(x, today); }, 201);
  });

  routes.Add("GET", "/v1/vendors/{id}/sanctions", Access::kAccount, [reg, clock](Context& ctx) {
    common::Date today = Today(*clock);
    return Answer(reg->ListSanctions(*ctx.actor, ctx.Param("id")), [today](const std::vector<Sanction>& v) {
      json items = json::array();
      for (const auto& x : v) items.push_back(SanctionJson(x, today));
      return json{{"items", items}};
    });
  });

  routes.Add("POST", "/v1/sanctions/{id}/lift", Access::kAccount, [reg, clock](Context& ctx) {
    std::string reason;
    if (auto bad = ReadBody(ctx, [&](ObjectReader& in) { reason = in.String("reason", true, 1000).value_or(""); })) {
      return *bad;
    }
    common::Date today = Today(*clock);
    return Answer(reg->LiftSanction(*ctx.actor, ctx.Param("id"), reason),
                  [today](const Sanction& x) { return SanctionJson(x, today); });
  });

  procurement::TenderService* tenders = deps.tenders;
  routes.Add("GET", "/v1/vendors/{id}/market-access?category,tender,on", Access::kAccount, [reg, tenders, clock](Context& ctx) {
    QueryReader q(ctx.req);
    auto category = q.String("category", 64);
    auto tender = q.String("tender", 64);
    auto on = q.Date("on");
    common::Status st = q.Finish();
    if (st.ok() && !category == !tender) {
      st = common::Status::FieldInvalid("category", "required", "give ?category= or ?tender=, one of them");
    }
    if (!st.ok()) return ProblemFor(st);
    common::Date day = on ? *on : Today(*clock);
    std::string vendor_id = ctx.Param("id");
    if (category) {
      auto body = reg->MarketAccessRendered(*ctx.actor, vendor_id, *category, day, [&](const AccessDecision& d) {
        return DumpJson(AccessJson(d, vendor_id, *category, day));
      });
      if (!body.ok()) return ProblemFor(body.status());
      return JsonText(200, **body);
    }
    auto decision = tenders->TenderAccess(*ctx.actor, vendor_id, *tender, day);
    return Answer(decision, [&](const AccessDecision& d) {
      json out = AccessJson(d, vendor_id, "", day);
      out.erase("category");
      out["tender"] = *tender;
      return out;
    });
  });

  routes.Add("POST", "/v1/applications", Access::kAccount, [reg](Context& ctx) {
    ApplicationKind kind = ApplicationKind::kQualification;
    std::optional<Qualification> claim;
    std::vector<Evidence> evidence;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      kind = in.EnumOf("kind", true, kApplicationKindNames).value_or(ApplicationKind::kQualification);
      if (const json* q = in.Object("qualification", false)) claim = ReadQualification(*q, "qualification.", in);
      evidence = ReadEvidence(in);
    }, [&](const common::Unread& unread) { return reg->CheckApplication(*ctx.actor, kind, claim, evidence, unread); });
    if (bad) return *bad;
    auto r = reg->Apply(*ctx.actor, kind, claim, evidence);
    if (!r.ok()) return ProblemFor(r.status());
    HttpResponse resp = Json(201, ApplicationJson(*r));
    resp.headers.emplace_back("Location", "/v1/applications/" + r->id);
    return resp;
  });

  // Evidence files: raw bytes in, raw bytes out, the type checked against the bytes.
  routes.Add("POST", "/v1/files?name", Access::kAccount, [reg](Context& ctx) {
    QueryReader q(ctx.req);
    auto name = q.String("name", 200);
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    if (!ctx.actor->Is(Role::kVendor) && !ctx.actor->Is(Role::kBureau)) {
      return ProblemFor(common::Status::Forbidden("files are uploaded by vendors and the bureau"));
    }
    if (!name) return ProblemFor(common::Status::FieldInvalid("name", "required", "give the file's name in ?name="));
    const std::string* ct = ctx.req.Header("content-type");
    std::string type = ct ? ct->substr(0, ct->find(';')) : "";
    while (!type.empty() && type.back() == ' ') type.pop_back();
    std::string sniffed = SniffFileType(ctx.req.body);
    if (type != "application/pdf" && type != "image/jpeg" && type != "image/png") {
      return Problem(415, "unsupported_media_type", "a file is application/pdf, image/jpeg or image/png");
    }
    if (sniffed != type) {
      return Problem(415, "unsupported_media_type", "the bytes are not " + type);
    }
    auto r = reg->UploadFile(*ctx.actor, *name, type, ctx.req.body);
    if (!r.ok()) return ProblemFor(r.status());
    HttpResponse resp = Json(201, FileJson(*r));
    resp.headers.emplace_back("Location", "/v1/files/" + r->id);
    return resp;
  });

  routes.Add("GET", "/v1/files/{id}", Access::kAccount, [reg](Context& ctx) {
    auto r = reg->GetFile(*ctx.actor, ctx.Param("id"));
    if (!r.ok()) return ProblemFor(r.status());
    HttpResponse resp;
    resp.status = 200;
    resp.content_type = r->content_type;
    resp.body = std::move(r->content);
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + r->id + "\"; filename*=UTF-8''" +
                                                         PercentEncode(r->name));
    resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
    resp.headers.emplace_back("Cache-Control", "private, no-store");
    resp.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
    return resp;
  });

  routes.Add("GET", "/v1/applications?vendor_id,status,limit,cursor", Access::kAccount, [reg](Context& ctx) {
    QueryReader q(ctx.req);
    ApplicationFilter f{q.String("vendor_id", 64).value_or(""), q.EnumOf("status", kApplicationStatusNames)};
    PageRequest page{q.Limit(), q.Cursor()};
    common::Status st = q.Finish();
    if (!st.ok()) return ProblemFor(st);
    auto r = reg->ListApplications(*ctx.actor, f, page);
    return AnswerPage(r, [](const auto& a) { return ApplicationJson(a); });
  });

  routes.Add("GET", "/v1/applications/{id}", Access::kAccount, [reg](Context& ctx) {
    return AnswerVersioned(reg->GetApplication(*ctx.actor, ctx.Param("id")), ApplicationJson);
  });

  routes.Add("POST", "/v1/applications/{id}/decision", Access::kAccount, [reg](Context& ctx) {
    std::string decision, comment;
    auto bad = ReadBody(ctx, [&](ObjectReader& in) {
      decision = in.Enum("decision", true, {"approve", "reject"}).value_or("");
      comment = in.String("comment", false, 1000).value_or("");
    });
    if (bad) return *bad;
    return AnswerVersioned(reg->DecideApplication(*ctx.actor, ctx.Param("id"), decision == "approve", comment),
                           ApplicationJson);
  });
}

}  // namespace api
