#include "registry/import_service.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "common/credit_code.h"
#include "common/crypto.h"
#include "common/date.h"
#include "common/id_number.h"
#include "common/money.h"
#include "common/search_terms.h"
#include "common/text.h"
#include "registry/access_cache.h"
#include "registry/use_case_helpers.h"
#include "registry/validation.h"

namespace registry {

using common::Date;
using common::Fields;
using common::Result;
using common::Status;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Columns {
  std::vector<std::string> required, optional;
  // Columns an export writes that the registry derives (a vendor's categories, say): accepted,
  // so an exported file imports as it is, and never read.
  std::vector<std::string> derived;
};

Columns ColumnsOf(ImportKind kind) {
  switch (kind) {
    case ImportKind::kVendors:
      return {{"name", "credit_code", "enterprise_size"}, {"region_code", "status"}, {"categories", "qualifications"}};
    case ImportKind::kQualifications:
      return {{"credit_code", "type", "certificate_no", "issuer", "issued_on", "expires_on"}, {"level"}, {}};
    case ImportKind::kPractitioners:
      return {{"credit_code", "name", "id_number"},
              {"credential_type", "credential_level", "certificate_no", "issued_on", "expires_on"},
              {}};
    case ImportKind::kCatalogItems:
      return {{"credit_code", "category", "name", "unit_price", "unit"}, {"description", "domestic"}, {"vendor_name", "id"}};
  }
  return {};
}

// What the checks found, in row order, at most ImportService::kMaxErrors of them.
class Errors {
 public:
  void Add(int64_t row, std::string field, std::string code, std::string message) {
    ++count_;
    rows_.insert(row);
    if (list_.size() < ImportService::kMaxErrors) list_.push_back({row, std::move(field), std::move(code), std::move(message)});
  }
  // The field errors of a check's Status, for `row`.
  void Add(int64_t row, const Status& st) {
    if (st.ok()) return;
    if (st.errors().empty()) {
      Add(row, "", "invalid", st.message());
      return;
    }
    for (const auto& e : st.errors()) Add(row, e.field, e.code, e.message);
  }
  bool any() const { return count_ > 0; }
  // How many data rows (not the header) have an error.
  int64_t rows_in_error() const { return static_cast<int64_t>(rows_.size()) - (rows_.count(1) ? 1 : 0); }
  std::vector<ImportError> Take() {
    std::stable_sort(list_.begin(), list_.end(), [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
    return std::move(list_);
  }

 private:
  std::vector<ImportError> list_;
  std::set<int64_t> rows_;
  size_t count_ = 0;
};

// The header's columns by name.
class Header {
 public:
  Header(const ImportFile& file, ImportKind kind, Errors* errors) {
    Columns c = ColumnsOf(kind);
    std::set<std::string> known(c.required.begin(), c.required.end());
    known.insert(c.optional.begin(), c.optional.end());
    known.insert(c.derived.begin(), c.derived.end());
    for (size_t i = 0; i < file.header.size(); ++i) {
      std::string name = std::string(Trim(file.header[i]));
      if (name.empty()) {
        errors->Add(1, "", "unnamed_column", "column " + std::to_string(i + 1) + " has no name");
      } else if (!known.count(name)) {
        errors->Add(1, name, "unknown_column", "no such column for this kind of import");
      } else if (!at_.emplace(name, i).second) {
        errors->Add(1, name, "duplicate_column", "the column is named twice");
      }
    }
    for (const std::string& name : c.required) {
      if (!at_.count(name)) errors->Add(1, name, "missing_column", "this kind of import needs this column");
    }
    width_ = file.header.size();
  }
  // The row's cell for `name`, trimmed; "" when the column is absent.
  std::string Get(const ImportFile::Row& row, const std::string& name) const {
    auto it = at_.find(name);
    if (it == at_.end() || it->second >= row.cells.size()) return "";
    return std::string(Trim(row.cells[it->second]));
  }
  bool Has(const std::string& name) const { return at_.count(name) > 0; }
  size_t width() const { return width_; }

 private:
  std::map<std::string, size_t> at_;
  size_t width_ = 0;
};

std::optional<Date> DateCell(const std::string& text, const std::string& field, int64_t row, Errors* errors) {
  if (text.empty()) {
    errors->Add(row, field, "required", "must not be empty");
    return std::nullopt;
  }
  auto d = common::ParseDate(text, field);
  if (!d.ok()) {
    errors->Add(row, d.status());
    return std::nullopt;
  }
  return *d;
}

// true/false, also 是/否 and 1/0 as spreadsheets hold them; empty: false.
std::optional<bool> BoolCell(const std::string& text) {
  if (text.empty() || text == "false" || text == "否" || text == "0" || text == "FALSE") return false;
  if (text == "true" || text == "是" || text == "1" || text == "TRUE") return true;
  return std::nullopt;
}

// The canonical credit codes of the rows (valid ones only), for one lookup.
std::vector<std::string> CodesOf(const std::vector<std::string>& codes) {
  std::set<std::string> unique(codes.begin(), codes.end());
  unique.erase("");
  return {unique.begin(), unique.end()};
}

struct VendorRow {
  int64_t row;
  Vendor v;
  std::optional<VendorStatus> status;  // as given; none: not given
};

struct QualRow {
  int64_t row;
  std::string credit_code;
  Qualification q;
};

// One row of a practitioners file: the person, and one credential (or none).
struct PractitionerRow {
  int64_t row;
  std::string credit_code;
  std::string name;
  std::string id_number;
  bool has_credential = false;
  Credential c;
};

// A person's rows, in file order (the first names the vendor and the name).
struct Person {
  std::vector<const PractitionerRow*> rows;
  std::string id_number_hash;
};

// An ID number as a spreadsheet cell holds it: a lowercase x (as people type it) is the X of
// the standard. Spreadsheet programs show an 18-digit number in scientific notation and keep
// only 15 digits of it: such a cell is refused with a hint, not as a bad checksum.
std::string IdNumberCell(std::string s) {
  if (!s.empty() && s.back() == 'x') s.back() = 'X';
  return s;
}
bool RoundedBySpreadsheet(const std::string& s) {
  size_t e = s.find_first_of("Ee");
  if (e == std::string::npos || e == 0 || e + 1 >= s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == e || (i == e + 1 && c == '+') || (c == '.' && i < e) || (c >= '0' && c <= '9')) continue;
    return false;
  }
  return true;
}

struct ItemRow {
  int64_t row;
  std::string credit_code;
  CatalogItem it;
};

// A row whose cells do not match the header's columns.
bool WrongWidth(const Header& h, const ImportFile::Row& r, Errors* errors) {
  if (r.cells.size() == h.width()) return false;
  errors->Add(r.number, "", "columns",
              "the row has " + std::to_string(r.cells.size()) + " cells; the header names " + std::to_string(h.width()));
  return true;
}

// Marks the second and later rows with the same key as duplicates of the first.
template <typename Row, typename Key>
void MarkDuplicates(const std::vector<Row>& rows, Key key, const std::string& field, const std::string& what, Errors* errors) {
  std::map<std::string, int64_t> first;
  for (const Row& r : rows) {
    std::string k = key(r);
    if (k.empty()) continue;
    auto [it, fresh] = first.emplace(k, r.row);
    if (!fresh) errors->Add(r.row, field, "duplicate", "the same " + what + " as row " + std::to_string(it->second));
  }
}

}  // namespace

Status ImportService::CheckImporter(const Actor& actor) {
  return IsBureau(actor) ? Status::Ok() : Status::Forbidden("only the bureau imports files");
}

Result<ImportReport> ImportService::Import(const Actor& actor, ImportKind kind, const ImportFile& file, bool dry_run,
                                           const ImportProgressFn& progress) {
  auto tell = [&](const char* phase, int64_t done, int64_t total) {
    if (progress && (done % 1000 == 0 || done == total)) progress(ImportProgress{phase, done, total});
  };
  RETURN_IF_ERROR(CheckImporter(actor));
  ImportReport report;
  report.rows = static_cast<int64_t>(file.rows.size());
  Errors errors;
  Header h(file, kind, &errors);
  if (errors.any()) {
    report.errors = errors.Take();
    return report;  // a column missing or unknown: no row is read
  }
  const common::Timestamp now = clock_.Now();
  const std::string import_id = file.id.empty() ? common::NewId("imp") : file.id;
  common::SequentialIds item_ids("itm");  // in file order: docs/performance.md
  std::set<int64_t> bad_rows;  // rows with an error of their own (before the store is read)

  // ---- pure checks of each row
  std::vector<VendorRow> vendors;
  std::vector<QualRow> quals;
  std::vector<PractitionerRow> practitioners;
  std::vector<ItemRow> items;
  int64_t checked = 0;
  for (const ImportFile::Row& r : file.rows) {
    tell("checking", ++checked, report.rows);
    if (WrongWidth(h, r, &errors)) continue;
    const int64_t n = r.number;
    Errors mine;
    std::string code = common::CanonicalCreditCode(h.Get(r, "credit_code"));
    mine.Add(n, common::CheckCreditCode(code, "credit_code"));
    if (kind == ImportKind::kVendors) {
      VendorRow vr{n, {}, std::nullopt};
      vr.v.credit_code = code;
      vr.v.name = common::NormalizeNfc(h.Get(r, "name"));
      mine.Add(n, common::CheckName(vr.v.name, "name", 200));
      std::string size = h.Get(r, "enterprise_size");
      if (auto s = ParseEnterpriseSize(size)) {
        vr.v.enterprise_size = *s;
      } else {
        mine.Add(n, "enterprise_size", "enum", "must be micro, small, medium or large");
      }
      vr.v.region_code = h.Get(r, "region_code");
      mine.Add(n, CheckRegionCode(vr.v.region_code, "region_code"));
      std::string status = h.Get(r, "status");
      if (status == "registered") vr.status = VendorStatus::kRegistered;
      else if (status == "listed") vr.status = VendorStatus::kListed;
      else if (!status.empty()) mine.Add(n, "status", "enum", "must be registered or listed");
      vendors.push_back(std::move(vr));
    } else if (kind == ImportKind::kQualifications) {
      QualRow qr{n, code, {}};
      Qualification& q = qr.q;
      q.type = h.Get(r, "type");
      q.level = h.Get(r, "level");
      q.certificate_no = h.Get(r, "certificate_no");
      q.issuer = h.Get(r, "issuer");
      auto issued = DateCell(h.Get(r, "issued_on"), "issued_on", n, &mine);
      auto expires = DateCell(h.Get(r, "expires_on"), "expires_on", n, &mine);
      if (q.type.empty()) mine.Add(n, "type", "required", "must not be empty");
      if (issued && expires) {
        q.issued_on = *issued;
        q.expires_on = *expires;
        mine.Add(n, CheckQualificationText(q, ""));
      }
      quals.push_back(std::move(qr));
    } else if (kind == ImportKind::kPractitioners) {
      PractitionerRow pr;
      pr.row = n;
      pr.credit_code = code;
      pr.name = common::NormalizeNfc(h.Get(r, "name"));
      mine.Add(n, common::CheckName(pr.name, "name", 100));
      pr.id_number = IdNumberCell(h.Get(r, "id_number"));
      if (RoundedBySpreadsheet(pr.id_number)) {
        mine.Add(n, "id_number", "spreadsheet_number",
                 "the spreadsheet turned the number into " + pr.id_number + "; format the column as text and type it again");
      } else {
        mine.Add(n, common::CheckIdNumber(pr.id_number, "id_number"));
      }
      Credential& c = pr.c;
      c.type = h.Get(r, "credential_type");
      c.level = h.Get(r, "credential_level");
      c.certificate_no = h.Get(r, "certificate_no");
      const std::string issued = h.Get(r, "issued_on"), expires = h.Get(r, "expires_on");
      // A row without any credential cell is the person alone.
      pr.has_credential = !c.type.empty() || !c.level.empty() || !c.certificate_no.empty() || !issued.empty() || !expires.empty();
      if (pr.has_credential) {
        if (c.type.empty()) mine.Add(n, "credential_type", "required", "must not be empty in a row that gives a credential");
        mine.Add(n, CheckText(c.certificate_no, "certificate_no", 64, true));
        auto on = DateCell(issued, "issued_on", n, &mine);
        if (on) c.issued_on = *on;
        if (!expires.empty()) {
          auto until = common::ParseDate(expires, "expires_on");
          if (!until.ok()) mine.Add(n, until.status());
          else c.expires_on = *until;
        }
        if (on && c.expires_on && *c.expires_on < *on) mine.Add(n, "expires_on", "before_issue", "expires before it was issued");
      }
      practitioners.push_back(std::move(pr));
    } else {
      ItemRow ir{n, code, {}};
      CatalogItem& it = ir.it;
      it.category = h.Get(r, "category");
      it.name = common::NormalizeNfc(h.Get(r, "name"));
      it.description = h.Get(r, "description");
      it.unit = h.Get(r, "unit");
      mine.Add(n, common::CheckName(it.name, "name", 200));
      mine.Add(n, common::CheckName(it.unit, "unit", 32));
      if (!it.description.empty()) mine.Add(n, common::CheckName(it.description, "description", 2000));
      if (it.category.empty()) mine.Add(n, "category", "required", "must not be empty");
      auto price = common::ParseMoney(h.Get(r, "unit_price"), "unit_price");
      if (!price.ok()) mine.Add(n, price.status());
      else if (price->fen <= 0) mine.Add(n, "unit_price", "range", "must be more than zero");
      else it.unit_price = *price;
      if (auto d = BoolCell(h.Get(r, "domestic"))) {
        it.domestic = it.domestic_verified = *d;  // imported by the bureau: verified as given
      } else {
        mine.Add(n, "domestic", "enum", "must be true or false (是 or 否)");
      }
      items.push_back(std::move(ir));
    }
    if (mine.any()) {
      bad_rows.insert(n);
      for (auto& e : mine.Take()) errors.Add(e.row, std::move(e.field), std::move(e.code), std::move(e.message));
    }
  }
  MarkDuplicates(vendors, [](const VendorRow& r) { return r.v.credit_code; }, "credit_code", "credit code", &errors);
  MarkDuplicates(quals, [](const QualRow& r) { return r.credit_code + "|" + r.q.certificate_no; }, "certificate_no",
                 "vendor and certificate number", &errors);
  MarkDuplicates(items, [](const ItemRow& r) { return r.credit_code + "|" + r.it.name; }, "name", "vendor and item name",
                 &errors);
  MarkDuplicates(practitioners,
                 [](const PractitionerRow& r) { return r.has_credential ? r.id_number + "|" + r.c.certificate_no : ""; },
                 "certificate_no", "ID number and certificate number", &errors);
  // A person's rows (those without an error of their own), in the order the file first names them.
  std::vector<Person> people;
  {
    std::map<std::string, size_t> at;  // ID number → people
    for (const PractitionerRow& r : practitioners) {
      if (bad_rows.count(r.row)) continue;
      auto [it, fresh] = at.emplace(r.id_number, people.size());
      if (fresh) {
        people.push_back({{&r}, common::HmacSha256Hex(id_hash_key_, r.id_number)});
        continue;
      }
      Person& p = people[it->second];
      const PractitionerRow& first = *p.rows.front();
      const std::string earlier = "row " + std::to_string(first.row);
      if (r.credit_code != first.credit_code) {
        errors.Add(r.row, "credit_code", "other_vendor",
                   earlier + " gives this ID number with another credit code: a person practises for one vendor");
      }
      if (r.name != first.name) errors.Add(r.row, "name", "mismatch", earlier + " gives this ID number with another name");
      p.rows.push_back(&r);
      if (std::count_if(p.rows.begin(), p.rows.end(), [](const PractitionerRow* x) { return x->has_credential; }) > 20) {
        errors.Add(r.row, "certificate_no", "too_many", "a practitioner holds at most 20 credentials");
      }
    }
  }

  // ---- against the store; then, with no error and not a dry run, the writes
  auto run = [&](UnitOfWork& uow, bool write) -> Status {
    report.created = report.updated = 0;
    Errors found;  // this run's own: a write may run again
    std::vector<std::string> codes;
    for (const auto& r : vendors) codes.push_back(r.v.credit_code);
    for (const auto& r : quals) codes.push_back(r.credit_code);
    for (const auto& r : items) codes.push_back(r.credit_code);
    for (const auto& p : people) codes.push_back(p.rows.front()->credit_code);
    ASSIGN_OR_RETURN(std::vector<Vendor> held, uow.vendors().FindByCreditCodes(CodesOf(codes)));
    std::map<std::string, Vendor> by_code;
    std::vector<std::string> vendor_ids;
    for (Vendor& v : held) {
      vendor_ids.push_back(v.id);
      by_code.emplace(v.credit_code, std::move(v));
    }
    auto vendor_of = [&](int64_t row, const std::string& code) -> const Vendor* {
      auto it = by_code.find(code);
      if (it != by_code.end()) return &it->second;
      if (!bad_rows.count(row)) found.Add(row, "credit_code", "unknown_vendor", "no vendor holds this credit code; import the vendor first");
      return nullptr;
    };
    std::vector<std::function<Status()>> writes;
    AuditBatch audit(uow);  // every record's entry, then the import's; the head written once

    if (kind == ImportKind::kVendors) {
      for (const VendorRow& r : vendors) {
        if (bad_rows.count(r.row)) continue;
        auto it = by_code.find(r.v.credit_code);
        if (it == by_code.end()) {
          ++report.created;
          writes.push_back([&, r]() -> Status {
            Vendor v = r.v;
            v.id = common::NewId("ven");
            v.status = r.status.value_or(VendorStatus::kRegistered);
            v.created_at = v.updated_at = now;
            v.version = 1;
            RETURN_IF_ERROR(uow.vendors().Insert(v));
            return audit.Add(now, actor.account_id, "vendor.import", "vendor", v.id,
                               Audit(Fields()
                                         .Add("name", v.name)
                                         .Add("credit_code", v.credit_code)
                                         .Add("enterprise_size", EnterpriseSizeName(v.enterprise_size))
                                         .Add("region_code", v.region_code)
                                         .Add("status", VendorStatusName(v.status))
                                         .Add("import_id", import_id)));
          });
          continue;
        }
        const Vendor& old = it->second;
        // An import lists a vendor; it never takes one off the list (that needs a reason, by hand).
        bool list = r.status == VendorStatus::kListed && old.status != VendorStatus::kListed;
        bool fields = old.name != r.v.name || old.enterprise_size != r.v.enterprise_size || old.region_code != r.v.region_code;
        if (!list && !fields) continue;
        ++report.updated;
        writes.push_back([&, r, old, list, fields]() -> Status {
          Vendor v = old;
          v.name = r.v.name;
          v.enterprise_size = r.v.enterprise_size;
          v.region_code = r.v.region_code;
          if (list) v.status = VendorStatus::kListed;
          v.updated_at = now;
          RETURN_IF_ERROR(uow.vendors().Update(v, old.version));
          if (fields) {
            RETURN_IF_ERROR(audit.Add(now, actor.account_id, "vendor.update", "vendor", v.id,
                                        Audit(Fields()
                                                  .Add("name", v.name)
                                                  .Add("enterprise_size", EnterpriseSizeName(v.enterprise_size))
                                                  .Add("region_code", v.region_code)
                                                  .Add("import_id", import_id))));
          }
          if (list) {
            RETURN_IF_ERROR(audit.Add(now, actor.account_id, "vendor.list", "vendor", v.id,
                                        Audit(Fields().Add("reason", "导入 " + import_id).Add("import_id", import_id))));
          }
          return Status::Ok();
        });
      }
    } else if (kind == ImportKind::kQualifications) {
      ASSIGN_OR_RETURN(TypeTable types, LoadTypeTable(uow));
      ASSIGN_OR_RETURN(std::vector<Qualification> existing, uow.qualifications().ListByVendors(vendor_ids));
      std::map<std::string, Qualification> by_cert;  // vendor id|certificate no
      for (Qualification& q : existing) by_cert.emplace(q.vendor_id + "|" + q.certificate_no, std::move(q));
      for (const QualRow& r : quals) {
        if (bad_rows.count(r.row)) continue;
        const Vendor* v = vendor_of(r.row, r.credit_code);
        auto type = types.find(r.q.type);
        Status claim = CheckQualificationClaim(r.q, type == types.end() ? nullptr : &type->second, "");
        if (!claim.ok()) {
          found.Add(r.row, claim);
          continue;
        }
        if (!v) continue;
        auto old = by_cert.find(v->id + "|" + r.q.certificate_no);
        if (old == by_cert.end()) {
          ++report.created;
          writes.push_back([&, r, vendor_id = v->id]() -> Status {
            Qualification q = r.q;
            q.id = common::NewId("qua");
            q.vendor_id = vendor_id;
            q.status = QualificationStatus::kActive;
            q.version = 1;
            RETURN_IF_ERROR(uow.qualifications().Insert(q));
            return audit.Add(now, actor.account_id, "qualification.record", "qualification", q.id,
                               Audit(Fields()
                                         .Add("vendor_id", q.vendor_id)
                                         .Add("type", q.type)
                                         .Add("level", q.level)
                                         .Add("certificate_no", q.certificate_no)
                                         .Add("issued_on", common::FormatDate(q.issued_on))
                                         .Add("expires_on", common::FormatDate(q.expires_on))
                                         .Add("import_id", import_id)));
          });
          continue;
        }
        const Qualification& was = old->second;
        if (was.type != r.q.type) {
          found.Add(r.row, "certificate_no", "conflict", "the vendor holds this certificate number for another type (" + was.type + ")");
          continue;
        }
        if (was.level == r.q.level && was.issuer == r.q.issuer && was.issued_on == r.q.issued_on && was.expires_on == r.q.expires_on) {
          continue;
        }
        ++report.updated;
        writes.push_back([&, r, was]() -> Status {
          Qualification q = was;
          q.level = r.q.level;
          q.issuer = r.q.issuer;
          q.issued_on = r.q.issued_on;
          q.expires_on = r.q.expires_on;
          RETURN_IF_ERROR(uow.qualifications().Amend(q, was.version));
          return audit.Add(now, actor.account_id, "qualification.amend", "qualification", q.id,
                             Audit(Fields()
                                       .Add("level", q.level)
                                       .Add("issuer", q.issuer)
                                       .Add("issued_on", common::FormatDate(q.issued_on))
                                       .Add("expires_on", common::FormatDate(q.expires_on))
                                       .Add("import_id", import_id)));
        });
      }
    } else if (kind == ImportKind::kPractitioners) {
      ASSIGN_OR_RETURN(TypeTable types, LoadTypeTable(uow));
      std::vector<std::string> hashes;
      for (const Person& p : people) hashes.push_back(p.id_number_hash);
      ASSIGN_OR_RETURN(std::vector<Practitioner> holding, uow.practitioners().FindHolding(hashes));
      std::map<std::string, Practitioner> held;  // by ID number hash
      for (Practitioner& p : holding) held.emplace(p.id_number_hash, std::move(p));
      const Date today = common::BeijingDate(now);
      for (const Person& person : people) {
        const PractitionerRow& first = *person.rows.front();
        const Vendor* v = vendor_of(first.row, first.credit_code);
        std::vector<std::pair<const PractitionerRow*, Credential>> given;  // typed, each with its row
        bool typed = true;
        for (const PractitionerRow* r : person.rows) {
          if (!r->has_credential) continue;
          auto t = types.find(r->c.type);
          Status st = CheckCredentialType(r->c, t == types.end() ? nullptr : &t->second, "credential_type", "credential_level");
          if (!st.ok()) {
            found.Add(r->row, st);
            typed = false;
            continue;
          }
          given.emplace_back(r, WithFullTerm(r->c, t->second));
        }
        if (!v || !typed) continue;
        auto h = held.find(person.id_number_hash);
        // A hold whose holder has left by today is free for the taking (as AddPractitioner).
        const bool holds = h != held.end() && (!h->second.departed_on || today < *h->second.departed_on);
        if (holds && h->second.vendor_id != v->id) {
          found.Add(first.row, "id_number", "held_elsewhere",
                    "this person is pending or active as a practitioner of another vendor (" + h->second.vendor_name + ")");
          continue;
        }
        if (!holds) {
          ++report.created;
          // `today` by value: it lives in this branch, and the writes run after it (ASan found it).
          writes.push_back([&, &person = person, today, given, vendor_id = v->id, vendor_name = v->name]() -> Status {
            const PractitionerRow& r = *person.rows.front();
            Practitioner p;
            p.id = common::NewId("prc");
            p.vendor_id = vendor_id;
            p.vendor_name = vendor_name;
            p.name = r.name;
            p.id_number_masked = common::MaskIdNumber(r.id_number);
            p.id_number_hash = person.id_number_hash;
            for (const auto& g : given) p.credentials.push_back(g.second);
            p.created_at = now;
            p.review = PractitionerReview::kActive;  // the bureau's own record
            p.decided_by = actor.account_id;
            p.decided_at = now;
            p.version = 1;
            RETURN_IF_ERROR(uow.practitioners().ReleaseDeparted(p.id_number_hash, today));
            RETURN_IF_ERROR(uow.practitioners().Insert(p));
            return audit.Add(now, actor.account_id, "practitioner.import", "practitioner", p.id,
                             Audit(Fields()
                                       .Add("vendor_id", p.vendor_id)
                                       .Add("name", p.name)
                                       .Add("id_number", p.id_number_masked)
                                       .Add("status", PractitionerReviewName(p.review))
                                       .Add("credentials", std::to_string(p.credentials.size()))
                                       .Add("import_id", import_id)));
          });
          continue;
        }
        // Held by this vendor: the person is matched; credentials are matched by certificate
        // number, added when new and corrected when they differ, never removed.
        const Practitioner& was = h->second;
        if (was.name != first.name) {
          found.Add(first.row, "name", "mismatch", "the registry holds this ID number under another name");
          continue;
        }
        std::vector<Credential> merged = was.credentials;
        bool changed = false, conflict = false;
        for (const auto& g : given) {
          const PractitionerRow* r = g.first;
          const Credential& c = g.second;  // not a structured binding: clang's C++17 cannot capture one
          auto same = std::find_if(merged.begin(), merged.end(),
                                   [&](const Credential& m) { return m.certificate_no == c.certificate_no; });
          if (same == merged.end()) {
            merged.push_back(c);
            changed = true;
          } else if (same->type != c.type) {
            found.Add(r->row, "certificate_no", "conflict", "the practitioner holds this certificate number for another type (" + same->type + ")");
            conflict = true;
          } else if (same->level != c.level || same->issued_on != c.issued_on || same->expires_on != c.expires_on) {
            *same = c;
            changed = true;
          }
        }
        if (merged.size() > 20) {
          found.Add(first.row, "certificate_no", "too_many", "with those the registry holds, more than 20 credentials");
          continue;
        }
        if (conflict || !changed) continue;
        ++report.updated;
        writes.push_back([&, was, merged]() -> Status {
          Practitioner p = was;
          p.credentials = merged;
          RETURN_IF_ERROR(uow.practitioners().SetCredentials(p, was.version));
          return audit.Add(now, actor.account_id, "practitioner.amend", "practitioner", p.id,
                           Audit(Fields()
                                     .Add("credentials", std::to_string(p.credentials.size()))
                                     .Add("import_id", import_id)));
        });
      }
    } else {
      ASSIGN_OR_RETURN(std::vector<Category> categories, uow.reference().ListCategories());
      std::set<std::string> category_codes;
      for (const Category& c : categories) category_codes.insert(c.code);
      ASSIGN_OR_RETURN(std::vector<CatalogItem> existing, uow.catalog().ListByVendors(vendor_ids));
      std::map<std::string, CatalogItem> by_name;  // vendor id|name
      for (CatalogItem& it : existing) by_name.emplace(it.vendor_id + "|" + it.name, std::move(it));
      for (const ItemRow& r : items) {
        if (bad_rows.count(r.row)) continue;
        const Vendor* v = vendor_of(r.row, r.credit_code);
        if (!category_codes.count(r.it.category)) {
          found.Add(r.row, "category", "unknown", "no such category");
          continue;
        }
        if (!v) continue;
        auto old = by_name.find(v->id + "|" + r.it.name);
        if (old == by_name.end()) {
          ++report.created;
          writes.push_back([&, r, vendor_id = v->id]() -> Status {
            CatalogItem it = r.it;
            it.id = item_ids.Next();
            it.vendor_id = vendor_id;
            it.status = ItemStatus::kListed;
            it.comment = "导入 " + import_id;
            it.created_at = now;
            it.version = 1;
            RETURN_IF_ERROR(uow.catalog().Insert(it, common::IndexTerms(it.name + "\n" + it.description)));
            return audit.Add(now, actor.account_id, "catalog_item.import", "catalog_item", it.id,
                               Audit(Fields()
                                         .Add("vendor_id", it.vendor_id)
                                         .Add("category", it.category)
                                         .Add("name", it.name)
                                         .Add("domestic", it.domestic ? "true" : "false")
                                         .Add("unit_price", common::FormatMoney(it.unit_price))
                                         .Add("unit", it.unit)
                                         .Add("import_id", import_id)));
          });
          continue;
        }
        const CatalogItem& was = old->second;
        if (was.category == r.it.category && was.description == r.it.description && was.domestic == r.it.domestic &&
            was.domestic_verified == r.it.domestic_verified && was.unit_price.fen == r.it.unit_price.fen &&
            was.unit == r.it.unit && was.status == ItemStatus::kListed) {
          continue;
        }
        ++report.updated;
        writes.push_back([&, r, was]() -> Status {
          CatalogItem it = was;
          it.category = r.it.category;
          it.description = r.it.description;
          it.domestic = r.it.domestic;
          it.domestic_verified = r.it.domestic_verified;
          it.unit_price = r.it.unit_price;
          it.unit = r.it.unit;
          it.status = ItemStatus::kListed;
          RETURN_IF_ERROR(uow.catalog().Amend(it, common::IndexTerms(was.name + "\n" + was.description),
                                              common::IndexTerms(it.name + "\n" + it.description), was.version));
          return audit.Add(now, actor.account_id, "catalog_item.amend", "catalog_item", it.id,
                             Audit(Fields()
                                       .Add("category", it.category)
                                       .Add("domestic", it.domestic ? "true" : "false")
                                       .Add("unit_price", common::FormatMoney(it.unit_price))
                                       .Add("unit", it.unit)
                                       .Add("import_id", import_id)));
        });
      }
    }
    std::vector<ImportError> store_errors = found.Take();
    if (!store_errors.empty() || errors.any() || !write) {
      for (auto& e : store_errors) errors.Add(e.row, std::move(e.field), std::move(e.code), std::move(e.message));
      return Status::Ok();
    }
    int64_t written = 0;
    for (auto& w : writes) {
      RETURN_IF_ERROR(w());
      tell("writing", ++written, static_cast<int64_t>(writes.size()));
    }
    RETURN_IF_ERROR(audit.Add(now, actor.account_id, "import.run", "import", import_id,
                              Audit(Fields()
                                 .Add("kind", ImportKindName(kind))
                                 .Add("sha256", file.sha256)
                                 .Add("rows", std::to_string(report.rows))
                                 .Add("created", std::to_string(report.created))
                                 .Add("updated", std::to_string(report.updated)))));
    return audit.Finish();
  };
  if (errors.any() || dry_run) {
    RETURN_IF_ERROR(store_.Read([&](UnitOfWork& uow) { return run(uow, false); }));
  } else {
    // Errors found against the store make `run` write nothing and return OK: the transaction
    // commits empty.
    RETURN_IF_ERROR(store_.Write([&](UnitOfWork& uow) { return run(uow, true); }));
    if (!errors.any()) report.id = import_id;
  }
  report.valid = report.rows - errors.rows_in_error();
  report.errors = errors.Take();
  return report;
}

ImportJobs::~ImportJobs() {
  if (worker_.joinable()) worker_.join();
}

Result<ImportJob> ImportJobs::Start(const Actor& actor, ImportKind kind, ImportFile file) {
  RETURN_IF_ERROR(ImportService::CheckImporter(actor));
  std::lock_guard<std::mutex> lock(mu_);
  if (running_) return Status::Conflict("another import is running; wait for it (GET /v1/imports/{id})");
  if (worker_.joinable()) worker_.join();  // the last job's thread, finished
  ImportJob job;
  job.id = file.id.empty() ? common::NewId("imp") : file.id;
  file.id = job.id;
  job.kind = kind;
  job.status = "running";
  job.phase = "checking";
  job.rows_total = static_cast<int64_t>(file.rows.size());
  jobs_[job.id] = job;
  order_.push_back(job.id);
  while (order_.size() > 100) {
    jobs_.erase(order_.front());
    order_.erase(order_.begin());
  }
  running_ = true;
  worker_ = std::thread([this, actor, kind, file = std::move(file), id = job.id]() {
    auto r = service_.Import(actor, kind, file, /*dry_run=*/false, [&](const ImportProgress& p) {
      std::lock_guard<std::mutex> l(mu_);
      auto it = jobs_.find(id);
      if (it == jobs_.end()) return;
      it->second.phase = p.phase;
      // Rows checked while checking; while writing, the records written scaled to the rows.
      it->second.rows_done = std::string(p.phase) == "writing" && p.total > 0 ? p.done * it->second.rows_total / p.total : p.done;
    });
    std::lock_guard<std::mutex> l(mu_);
    running_ = false;
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return;
    ImportJob& j = it->second;
    if (!r.ok()) {
      j.status = "failed";
      j.error = r.status().message();
    } else {
      j.report = *r;
      j.status = r->errors.empty() ? "done" : "failed";
      if (r->errors.empty()) j.rows_done = j.rows_total;
    }
  });
  return job;
}

Result<ImportJob> ImportJobs::Get(const Actor& actor, const std::string& id) const {
  RETURN_IF_ERROR(ImportService::CheckImporter(actor));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return Status::NotFound("no such import in this process (a finished one is in the audit log)");
  return it->second;
}

}  // namespace registry
