-- The approved list: vendors, qualification types, categories, qualifications, practitioners,
-- applications, sanctions and the catalog with its search index.
-- MySQL dialect of schema/sqlite/002_registry.sql: same tables, columns and meaning.
-- MySQL commits DDL statement by statement, so every statement here is safe to run again.

CREATE TABLE IF NOT EXISTS vendors (
  id               VARCHAR(64) PRIMARY KEY,
  name             VARCHAR(255) NOT NULL,
  credit_code      CHAR(18) NOT NULL UNIQUE,
  enterprise_size  VARCHAR(16) NOT NULL,
  region_code      VARCHAR(16) NOT NULL DEFAULT '',
  contact_name     VARCHAR(255) NOT NULL DEFAULT '',
  contact_phone    VARCHAR(255) NOT NULL DEFAULT '',
  contact_email    VARCHAR(255) NOT NULL DEFAULT '',
  contact_address  VARCHAR(4000) NOT NULL DEFAULT '',
  status           VARCHAR(16) NOT NULL,
  created_at       VARCHAR(32) NOT NULL,
  updated_at       VARCHAR(32) NOT NULL,
  version          BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS vendors_status ON vendors (status, id);

CREATE TABLE IF NOT EXISTS qualification_types (
  code            VARCHAR(64) PRIMARY KEY,
  name            VARCHAR(255) NOT NULL,
  holder          VARCHAR(16) NOT NULL,
  validity_years  BIGINT NOT NULL,
  version         BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS qualification_type_levels (
  type_code  VARCHAR(64) NOT NULL,
  ord       BIGINT NOT NULL,
  level      VARCHAR(64) NOT NULL,
  PRIMARY KEY (type_code, ord)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS categories (
  code     VARCHAR(64) PRIMARY KEY,
  name     VARCHAR(255) NOT NULL,
  kind     VARCHAR(16) NOT NULL,
  version  BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS category_requirements (
  category_code  VARCHAR(64) NOT NULL,
  pos            BIGINT NOT NULL,
  kind           VARCHAR(16) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  min_level      VARCHAR(64) NOT NULL,
  min_count      BIGINT NOT NULL,
  PRIMARY KEY (category_code, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS qualifications (
  id              VARCHAR(64) PRIMARY KEY,
  vendor_id       VARCHAR(64) NOT NULL,
  type            VARCHAR(64) NOT NULL,
  level           VARCHAR(64) NOT NULL,
  certificate_no  VARCHAR(255) NOT NULL,
  issuer          VARCHAR(255) NOT NULL,
  issued_on       VARCHAR(10) NOT NULL,
  expires_on      VARCHAR(10) NOT NULL,
  status          VARCHAR(16) NOT NULL,
  status_reason   VARCHAR(4000) NOT NULL DEFAULT '',
  version         BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS qualifications_vendor ON qualifications (vendor_id, id);

CREATE TABLE IF NOT EXISTS practitioners (
  id                VARCHAR(64) PRIMARY KEY,
  vendor_id         VARCHAR(64) NOT NULL,
  name              VARCHAR(255) NOT NULL,
  id_number_hash    CHAR(64) NOT NULL,
  id_number_masked  VARCHAR(255) NOT NULL,
  created_at        VARCHAR(32) NOT NULL,
  UNIQUE (vendor_id, id_number_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS practitioner_credentials (
  practitioner_id  VARCHAR(64) NOT NULL,
  pos              BIGINT NOT NULL,
  type             VARCHAR(64) NOT NULL,
  level            VARCHAR(64) NOT NULL,
  certificate_no   VARCHAR(255) NOT NULL,
  issued_on        VARCHAR(10) NOT NULL,
  expires_on       VARCHAR(10),
  PRIMARY KEY (practitioner_id, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS applications (
  id                VARCHAR(64) PRIMARY KEY,
  vendor_id         VARCHAR(64) NOT NULL,
  kind              VARCHAR(16) NOT NULL,
  status            VARCHAR(16) NOT NULL,
  q_type            VARCHAR(64) NOT NULL DEFAULT '',
  q_level           VARCHAR(64) NOT NULL DEFAULT '',
  q_certificate_no  VARCHAR(255) NOT NULL DEFAULT '',
  q_issuer          VARCHAR(255) NOT NULL DEFAULT '',
  q_issued_on       VARCHAR(10) NOT NULL DEFAULT '',
  q_expires_on      VARCHAR(10) NOT NULL DEFAULT '',
  submitted_at      VARCHAR(32) NOT NULL,
  decided_at        VARCHAR(32) NOT NULL DEFAULT '',
  decided_by        VARCHAR(255) NOT NULL DEFAULT '',
  comment           VARCHAR(4000) NOT NULL DEFAULT '',
  qualification_id  VARCHAR(64) NOT NULL DEFAULT '',
  version           BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS applications_vendor ON applications (vendor_id, id);
CREATE INDEX IF NOT EXISTS applications_status ON applications (status, id);
CREATE TABLE IF NOT EXISTS application_evidence (
  application_id  VARCHAR(64) NOT NULL,
  pos             BIGINT NOT NULL,
  name            VARCHAR(255) NOT NULL,
  sha256          CHAR(64) NOT NULL,
  PRIMARY KEY (application_id, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sanctions (
  id           VARCHAR(64) PRIMARY KEY,
  vendor_id    VARCHAR(64) NOT NULL,
  kind         VARCHAR(16) NOT NULL,
  reason       VARCHAR(4000) NOT NULL,
  starts_on    VARCHAR(10) NOT NULL,
  ends_on      VARCHAR(10) NOT NULL,
  lifted       BIGINT NOT NULL DEFAULT 0,
  lift_reason  VARCHAR(4000) NOT NULL DEFAULT '',
  created_at   VARCHAR(32) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS sanctions_vendor ON sanctions (vendor_id, id);

CREATE TABLE IF NOT EXISTS catalog_items (
  id                 VARCHAR(64) PRIMARY KEY,
  vendor_id          VARCHAR(64) NOT NULL,
  category           VARCHAR(64) NOT NULL,
  name               VARCHAR(255) NOT NULL,
  description        VARCHAR(4000) NOT NULL,
  domestic           BIGINT NOT NULL,
  domestic_verified  BIGINT NOT NULL,
  unit_price         BIGINT NOT NULL,
  unit               VARCHAR(255) NOT NULL,
  status             VARCHAR(16) NOT NULL,
  comment            VARCHAR(4000) NOT NULL DEFAULT '',
  created_at         VARCHAR(32) NOT NULL,
  version            BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS catalog_items_status ON catalog_items (status, id);
CREATE INDEX IF NOT EXISTS catalog_items_vendor ON catalog_items (vendor_id, id);

-- Search index: ASCII words, and CJK single characters and overlapping character pairs.
CREATE TABLE IF NOT EXISTS catalog_terms (
  term     VARCHAR(64) NOT NULL,
  item_id  VARCHAR(64) NOT NULL,
  PRIMARY KEY (term, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS catalog_terms_item ON catalog_terms (item_id);
