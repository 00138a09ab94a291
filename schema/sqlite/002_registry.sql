-- The approved list: vendors, qualification types, categories, qualifications, practitioners,
-- applications, sanctions and the catalog with its search index.
-- Dates are TEXT 'YYYY-MM-DD', timestamps TEXT RFC 3339 UTC, money INTEGER fen.

CREATE TABLE vendors (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  credit_code      TEXT NOT NULL UNIQUE,
  enterprise_size  TEXT NOT NULL,
  region_code      TEXT NOT NULL DEFAULT '',
  contact_name     TEXT NOT NULL DEFAULT '',
  contact_phone    TEXT NOT NULL DEFAULT '',
  contact_email    TEXT NOT NULL DEFAULT '',
  contact_address  TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  version          INTEGER NOT NULL
);
CREATE INDEX vendors_status ON vendors (status, id);

CREATE TABLE qualification_types (
  code            TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  holder          TEXT NOT NULL,
  validity_years  INTEGER NOT NULL,
  version         INTEGER NOT NULL
);
CREATE TABLE qualification_type_levels (
  type_code  TEXT NOT NULL,
  ord       INTEGER NOT NULL,
  level      TEXT NOT NULL,
  PRIMARY KEY (type_code, ord)
);

CREATE TABLE categories (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL,
  version  INTEGER NOT NULL
);
CREATE TABLE category_requirements (
  category_code  TEXT NOT NULL,
  pos            INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  code           TEXT NOT NULL,
  min_level      TEXT NOT NULL,
  min_count      INTEGER NOT NULL,
  PRIMARY KEY (category_code, pos)
);

CREATE TABLE qualifications (
  id              TEXT PRIMARY KEY,
  vendor_id       TEXT NOT NULL,
  type            TEXT NOT NULL,
  level           TEXT NOT NULL,
  certificate_no  TEXT NOT NULL,
  issuer          TEXT NOT NULL,
  issued_on       TEXT NOT NULL,
  expires_on      TEXT NOT NULL,
  status          TEXT NOT NULL,
  status_reason   TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL
);
CREATE INDEX qualifications_vendor ON qualifications (vendor_id, id);

CREATE TABLE practitioners (
  id                TEXT PRIMARY KEY,
  vendor_id         TEXT NOT NULL,
  name              TEXT NOT NULL,
  id_number_hash    TEXT NOT NULL,
  id_number_masked  TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (vendor_id, id_number_hash)
);
CREATE TABLE practitioner_credentials (
  practitioner_id  TEXT NOT NULL,
  pos              INTEGER NOT NULL,
  type             TEXT NOT NULL,
  level            TEXT NOT NULL,
  certificate_no   TEXT NOT NULL,
  issued_on        TEXT NOT NULL,
  expires_on       TEXT,
  PRIMARY KEY (practitioner_id, pos)
);

CREATE TABLE applications (
  id                TEXT PRIMARY KEY,
  vendor_id         TEXT NOT NULL,
  kind              TEXT NOT NULL,
  status            TEXT NOT NULL,
  q_type            TEXT NOT NULL DEFAULT '',
  q_level           TEXT NOT NULL DEFAULT '',
  q_certificate_no  TEXT NOT NULL DEFAULT '',
  q_issuer          TEXT NOT NULL DEFAULT '',
  q_issued_on       TEXT NOT NULL DEFAULT '',
  q_expires_on      TEXT NOT NULL DEFAULT '',
  submitted_at      TEXT NOT NULL,
  decided_at        TEXT NOT NULL DEFAULT '',
  decided_by        TEXT NOT NULL DEFAULT '',
  comment           TEXT NOT NULL DEFAULT '',
  qualification_id  TEXT NOT NULL DEFAULT '',
  version           INTEGER NOT NULL
);
CREATE INDEX applications_vendor ON applications (vendor_id, id);
CREATE INDEX applications_status ON applications (status, id);
CREATE TABLE application_evidence (
  application_id  TEXT NOT NULL,
  pos             INTEGER NOT NULL,
  name            TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  PRIMARY KEY (application_id, pos)
);

CREATE TABLE sanctions (
  id           TEXT PRIMARY KEY,
  vendor_id    TEXT NOT NULL,
  kind         TEXT NOT NULL,
  reason       TEXT NOT NULL,
  starts_on    TEXT NOT NULL,
  ends_on      TEXT NOT NULL,
  lifted       INTEGER NOT NULL DEFAULT 0,
  lift_reason  TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
);
CREATE INDEX sanctions_vendor ON sanctions (vendor_id, id);

CREATE TABLE catalog_items (
  id                 TEXT PRIMARY KEY,
  vendor_id          TEXT NOT NULL,
  category           TEXT NOT NULL,
  name               TEXT NOT NULL,
  description        TEXT NOT NULL,
  domestic           INTEGER NOT NULL,
  domestic_verified  INTEGER NOT NULL,
  unit_price         INTEGER NOT NULL,
  unit               TEXT NOT NULL,
  status             TEXT NOT NULL,
  comment            TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  version            INTEGER NOT NULL
);
CREATE INDEX catalog_items_status ON catalog_items (status, id);
CREATE INDEX catalog_items_vendor ON catalog_items (vendor_id, id);

-- Search index: ASCII words, and CJK single characters and overlapping character pairs.
CREATE TABLE catalog_terms (
  term     TEXT NOT NULL,
  item_id  TEXT NOT NULL,
  PRIMARY KEY (term, item_id)
);
CREATE INDEX catalog_terms_item ON catalog_terms (item_id);
