#include "api/registry_json.h"

#include "common/text.h"

namespace api {

using nlohmann::json;
using namespace registry;

namespace {
json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

json VendorJson(const Vendor& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"credit_code", v.credit_code},
          {"enterprise_size", EnterpriseSizeName(v.enterprise_size)},
          {"region_code", NullIfEmpty(v.region_code)},
          {"contact", {{"name", v.contact.name}, {"phone", v.contact.phone}, {"email", v.contact.email},
                       {"address", v.contact.address}}},
          {"status", VendorStatusName(v.status)},
          {"created_at", common::FormatTimestamp(v.created_at)},
          {"updated_at", common::FormatTimestamp(v.updated_at)},
          {"version", v.version}};
}

json QualificationJson(const Qualification& q, common::Date today) {
  json out = {{"id", q.id},
              {"vendor_id", q.vendor_id},
              {"type", q.type},
              {"level", q.level},
              {"certificate_no", q.certificate_no},
              {"issuer", q.issuer},
              {"issued_on", common::FormatDate(q.issued_on)},
              {"expires_on", common::FormatDate(q.expires_on)},
              {"status", QualificationState(q, today)},
              {"version", q.version}};
  if (!q.status_reason.empty()) out["status_reason"] = q.status_reason;
  if (!q.vendor_name.empty()) out["vendor_name"] = q.vendor_name;
  return out;
}

json PractitionerJson(const Practitioner& p) {
  json creds = json::array();
  for (const auto& c : p.credentials) {
    creds.push_back({{"type", c.type},
                     {"level", NullIfEmpty(c.level)},
                     {"certificate_no", c.certificate_no},
                     {"issued_on", common::FormatDate(c.issued_on)},
                     {"expires_on", c.expires_on ? json(common::FormatDate(*c.expires_on)) : json(nullptr)}});
  }
  return {{"id", p.id},
          {"vendor_id", p.vendor_id},
          {"vendor_name", p.vendor_name},
          {"name", p.name},
          {"id_number", p.id_number_masked},
          {"credentials", creds},
          {"status", p.Status()},
          {"departed_on", p.departed_on ? json(common::FormatDate(*p.departed_on)) : json(nullptr)},
          {"depart_reason", NullIfEmpty(p.depart_reason)},
          {"decided_by", NullIfEmpty(p.decided_by)},
          {"decided_at", p.decided_at ? json(common::FormatTimestamp(*p.decided_at)) : json(nullptr)},
          {"decision_comment", NullIfEmpty(p.decision_comment)},
          {"version", p.version},
          {"created_at", common::FormatTimestamp(p.created_at)}};
}

json ApplicationJson(const Application& a) {
  json ev = json::array();
  for (const auto& e : a.evidence) {
    json one = {{"name", e.name}, {"sha256", e.sha256}};
    if (!e.file_id.empty()) one["file_id"] = e.file_id;
    ev.push_back(std::move(one));
  }
  json out = {{"id", a.id},
              {"vendor_id", a.vendor_id},
              {"vendor_name", a.vendor_name},
              {"kind", ApplicationKindName(a.kind)},
              {"status", ApplicationStatusName(a.status)},
              {"evidence", ev},
              {"submitted_at", common::FormatTimestamp(a.submitted_at)},
              {"decided_at", a.decided_at ? json(common::FormatTimestamp(*a.decided_at)) : json(nullptr)},
              {"decided_by", NullIfEmpty(a.decided_by)},
              {"comment", NullIfEmpty(a.comment)},
              {"qualification_id", NullIfEmpty(a.qualification_id)},
              {"version", a.version}};
  if (a.qualification) {
    const Qualification& q = *a.qualification;
    out["qualification"] = {{"type", q.type},
                            {"level", q.level},
                            {"certificate_no", q.certificate_no},
                            {"issuer", q.issuer},
                            {"issued_on", common::FormatDate(q.issued_on)},
                            {"expires_on", common::FormatDate(q.expires_on)}};
  }
  return out;
}

json SanctionJson(const Sanction& s, common::Date today) {
  json out = {{"id", s.id},
          {"vendor_id", s.vendor_id},
          {"kind", SanctionKindName(s.kind)},
          {"reason", s.reason},
          {"starts_on", common::FormatDate(s.starts_on)},
          {"ends_on", common::FormatDate(s.ends_on)},
          {"status", s.lifted ? "lifted" : "imposed"},
          {"in_force", s.InForce(today)},
          {"lift_reason", NullIfEmpty(s.lift_reason)},
          {"created_at", common::FormatTimestamp(s.created_at)}};
  if (!s.vendor_name.empty()) out["vendor_name"] = s.vendor_name;
  return out;
}

json TypeJson(const QualificationType& t) {
  return {{"code", t.code},
          {"name", t.name},
          {"holder", HolderName(t.holder)},
          {"levels", t.levels},
          {"validity_years", t.validity_years},
          {"version", t.version}};
}

json RequirementJson(const Requirement& r) {
  json out = r.kind == Requirement::Kind::kQualification ? json{{"qualification", r.code}}
                                                          : json{{"credential", r.code}, {"min_count", r.min_count}};
  if (!r.min_level.empty()) out["min_level"] = r.min_level;
  return out;
}

json CategoryJson(const Category& c) {
  json reqs = json::array();
  for (const auto& r : c.requirements) reqs.push_back(RequirementJson(r));
  return {{"code", c.code}, {"name", c.name}, {"kind", CategoryKindName(c.kind)}, {"requirements", reqs},
          {"version", c.version}};
}

json ItemJson(const CatalogItem& it) {
  return {{"id", it.id},
          {"vendor_id", it.vendor_id},
          {"category", it.category},
          {"name", it.name},
          {"description", it.description},
          {"domestic", it.domestic},
          {"domestic_verified", it.domestic_verified},
          {"unit_price", common::FormatMoney(it.unit_price)},
          {"unit", it.unit},
          {"status", ItemStatusName(it.status)},
          {"comment", NullIfEmpty(it.comment)},
          {"created_at", common::FormatTimestamp(it.created_at)},
          {"vendor_name", it.vendor_name},
          {"version", it.version}};
}

void AppendItemJson(std::string* out, const CatalogItem& it) {
  // Keys in the order nlohmann::json (a std::map) prints them.
  auto key = [&](const char* k) {
    *out += '"';
    *out += k;
    *out += "\":";
  };
  auto text = [&](const char* k, const std::string& v) {
    key(k);
    common::AppendJsonQuote(out, v);
    *out += ',';
  };
  *out += '{';
  text("category", it.category);
  key("comment");
  if (it.comment.empty()) {
    *out += "null,";
  } else {
    common::AppendJsonQuote(out, it.comment);
    *out += ',';
  }
  text("created_at", common::FormatTimestamp(it.created_at));
  text("description", it.description);
  key("domestic");
  *out += it.domestic ? "true," : "false,";
  key("domestic_verified");
  *out += it.domestic_verified ? "true," : "false,";
  text("id", it.id);
  text("name", it.name);
  text("status", ItemStatusName(it.status));
  text("unit", it.unit);
  text("unit_price", common::FormatMoney(it.unit_price));
  text("vendor_id", it.vendor_id);
  text("vendor_name", it.vendor_name);
  key("version");
  *out += std::to_string(it.version);
  *out += '}';
}

json AccessJson(const AccessDecision& d, const std::string& vendor_id, const std::string& category, common::Date on) {
  json reasons = json::array();
  for (const auto& r : d.reasons) {
    json item = {{"code", r.code}, {"message", r.message}};
    if (r.requirement) item["requirement"] = RequirementJson(*r.requirement);
    reasons.push_back(std::move(item));
  }
  return {{"vendor_id", vendor_id}, {"category", category}, {"on", common::FormatDate(on)},
          {"eligible", d.eligible}, {"reasons", reasons}};
}

Contact ReadContact(const json& obj, const std::string& prefix, ObjectReader& parent) {
  ObjectReader in(obj, prefix);
  Contact c;
  c.name = in.String("name", false, 100).value_or("");
  c.phone = in.String("phone", false, 32).value_or("");
  c.email = in.String("email", false, 254).value_or("");
  c.address = in.String("address", false, 500).value_or("");
  parent.Merge(in.Finish());
  return c;
}

Registration ReadRegistration(ObjectReader& in) {
  Registration r;
  r.name = in.String("name", true).value_or("");
  r.credit_code = in.String("credit_code", true, 18).value_or("");
  auto size = in.Enum("enterprise_size", true, {"micro", "small", "medium", "large"});
  if (size) r.enterprise_size = *ParseEnterpriseSize(*size);
  r.region_code = in.String("region_code", false, 6).value_or("");
  if (const json* c = in.Object("contact", false)) r.contact = ReadContact(*c, "contact.", in);
  r.login = in.String("login", false, 64).value_or("");
  r.password = in.String("password", false, 1024).value_or("");
  return r;
}

Qualification ReadQualification(const json& obj, const std::string& prefix, ObjectReader& parent) {
  ObjectReader in(obj, prefix);
  Qualification q;
  q.type = in.String("type", true, 64).value_or("");
  q.level = in.String("level", false, 64).value_or("");
  q.certificate_no = in.String("certificate_no", true, 64).value_or("");
  q.issuer = in.String("issuer", true).value_or("");
  auto issued = in.Date("issued_on", true);
  auto expires = in.Date("expires_on", true);
  if (issued) q.issued_on = *issued;
  if (expires) q.expires_on = *expires;
  parent.Merge(in.Finish());
  return q;
}

std::vector<Evidence> ReadEvidence(ObjectReader& in) {
  std::vector<Evidence> out;
  const json* arr = in.Array("evidence", false, 20);
  if (!arr) return out;
  for (size_t i = 0; i < arr->size(); ++i) {
    std::string pre = "evidence[" + std::to_string(i) + "].";
    if (!(*arr)[i].is_object()) {
      in.AddError({pre.substr(0, pre.size() - 1), "type", "must be an object"});
      out.emplace_back();  // a placeholder keeps the next elements' indices, which errors name
      continue;
    }
    ObjectReader e((*arr)[i], pre);
    Evidence ev;
    // Either an uploaded file, or a document named with its digest (not both).
    ev.file_id = e.String("file_id", false, 64).value_or("");
    bool by_file = !ev.file_id.empty();
    ev.name = e.String("name", !by_file).value_or("");
    ev.sha256 = e.String("sha256", !by_file, 64).value_or("");
    if (by_file && (!ev.name.empty() || !ev.sha256.empty())) {
      e.AddError({pre + "file_id", "exclusive", "give a file_id, or a name and a sha256, not both"});
    }
    in.Merge(e.Finish());
    out.push_back(ev);
  }
  return out;
}

NewPractitioner ReadPractitioner(ObjectReader& in) {
  NewPractitioner p;
  p.name = in.String("name", true, 100).value_or("");
  p.id_number = in.String("id_number", true, 18).value_or("");
  const json* arr = in.Array("credentials", false, 20);
  if (!arr) return p;
  for (size_t i = 0; i < arr->size(); ++i) {
    std::string pre = "credentials[" + std::to_string(i) + "].";
    if (!(*arr)[i].is_object()) {
      in.AddError({pre.substr(0, pre.size() - 1), "type", "must be an object"});
      p.credentials.emplace_back();  // a placeholder keeps the indices
      continue;
    }
    ObjectReader c((*arr)[i], pre);
    Credential cred;
    cred.type = c.String("type", true, 64).value_or("");
    cred.level = c.String("level", false, 64).value_or("");
    cred.certificate_no = c.String("certificate_no", true, 64).value_or("");
    auto issued = c.Date("issued_on", true);
    if (issued) cred.issued_on = *issued;
    cred.expires_on = c.Date("expires_on", false);
    in.Merge(c.Finish());
    p.credentials.push_back(cred);
  }
  return p;
}

QualificationType ReadType(ObjectReader& in) {
  QualificationType t;
  t.name = in.String("name", true).value_or("");
  t.holder = in.EnumOf("holder", true, kHolderNames).value_or(Holder::kVendor);
  if (const json* levels = in.Array("levels", true, 20)) {
    for (size_t i = 0; i < levels->size(); ++i) {
      if (!(*levels)[i].is_string()) {
        in.AddError({"levels[" + std::to_string(i) + "]", "type", "must be a string"});
        t.levels.emplace_back();  // a placeholder keeps the next levels' indices, which errors name
      } else {
        t.levels.push_back((*levels)[i].get<std::string>());
      }
    }
  }
  t.validity_years = static_cast<int>(in.Int("validity_years", true, 0, 50).value_or(0));
  return t;
}

std::vector<Requirement> ReadRequirements(ObjectReader& in) {
  std::vector<Requirement> out;
  const json* arr = in.Array("requirements", false, 20);
  if (!arr) return out;
  for (size_t i = 0; i < arr->size(); ++i) {
    std::string pre = "requirements[" + std::to_string(i) + "].";
    const json& item = (*arr)[i];
    if (!item.is_object()) {
      in.AddError({pre.substr(0, pre.size() - 1), "type", "must be an object"});
      out.emplace_back();  // a placeholder keeps the next elements' indices, which errors name
      continue;
    }
    ObjectReader r(item, pre);
    Requirement req;
    if (item.contains("credential")) {
      req.kind = Requirement::Kind::kCredential;
      req.code = r.String("credential", true, 64).value_or("");
      req.min_level = r.String("min_level", false, 64).value_or("");
      req.min_count = static_cast<int>(r.Int("min_count", true, 1, 1000).value_or(1));
    } else {
      req.kind = Requirement::Kind::kQualification;
      req.code = r.String("qualification", true, 64).value_or("");
      req.min_level = r.String("min_level", false, 64).value_or("");
    }
    in.Merge(r.Finish());
    out.push_back(req);
  }
  return out;
}

Category ReadCategory(ObjectReader& in) {
  Category c;
  c.name = in.String("name", true).value_or("");
  if (auto kind = in.EnumOf("kind", true, kCategoryKindNames)) c.kind = *kind;
  c.requirements = ReadRequirements(in);
  return c;
}

NewItem ReadItem(ObjectReader& in) {
  NewItem it;
  it.category = in.String("category", true, 64).value_or("");
  it.name = in.String("name", true).value_or("");
  it.description = in.String("description", false, 2000).value_or("");
  it.domestic = in.Bool("domestic", true).value_or(false);
  auto price = in.Money("unit_price", true);
  if (price) it.unit_price = *price;
  it.unit = in.String("unit", true, 32).value_or("");
  return it;
}

Sanction ReadSanction(ObjectReader& in) {
  Sanction s;
  s.kind = in.EnumOf("kind", true, kSanctionKindNames).value_or(SanctionKind::kSuspension);
  s.reason = in.String("reason", true, 1000).value_or("");
  auto starts = in.Date("starts_on", true);
  auto ends = in.Date("ends_on", true);
  if (starts) s.starts_on = *starts;
  if (ends) s.ends_on = *ends;
  return s;
}

}  // namespace api
