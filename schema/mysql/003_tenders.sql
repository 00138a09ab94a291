-- Tenders, sealed bids, expert scores and stored evaluation reports (MySQL dialect of
-- schema/sqlite/003_tenders.sql). Every statement is safe to run again.

CREATE TABLE IF NOT EXISTS tenders (
  id                  VARCHAR(64) PRIMARY KEY,
  title               VARCHAR(4000) NOT NULL,
  category            VARCHAR(64) NOT NULL,
  budget              BIGINT NOT NULL,
  method              VARCHAR(64) NOT NULL,
  price_weight        BIGINT NOT NULL,
  min_valid_bids      BIGINT NOT NULL,
  domestic_tie_preference BIGINT NOT NULL,
  domestic_deduction  BIGINT NOT NULL,
  sme_deduction       BIGINT NOT NULL,
  tie_tolerance       BIGINT NOT NULL,
  expert_aggregation  VARCHAR(64) NOT NULL,
  abnormally_low_pct  BIGINT NOT NULL,
  bid_deadline        VARCHAR(64) NOT NULL,
  opening_at          VARCHAR(64) NOT NULL DEFAULT '',
  status              VARCHAR(64) NOT NULL,
  created_by          VARCHAR(64) NOT NULL,
  created_at          VARCHAR(64) NOT NULL,
  status_reason       VARCHAR(4000) NOT NULL DEFAULT '',
  awarded_bid_id      VARCHAR(64) NOT NULL DEFAULT '',
  version             BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS tenders_status ON tenders (status, id);

CREATE TABLE IF NOT EXISTS tender_requirements (
  tender_id  VARCHAR(64) NOT NULL,
  pos        BIGINT NOT NULL,
  kind       VARCHAR(64) NOT NULL,
  code       VARCHAR(64) NOT NULL,
  min_level  VARCHAR(64) NOT NULL,
  min_count  BIGINT NOT NULL,
  PRIMARY KEY (tender_id, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One live bid per vendor and tender; a new submission before the deadline replaces it.
-- Sealed: no read path shows price, items or note before the tender is opened.
CREATE TABLE IF NOT EXISTS bids (
  id                VARCHAR(64) PRIMARY KEY,
  tender_id         VARCHAR(64) NOT NULL,
  vendor_id         VARCHAR(64) NOT NULL,
  price             BIGINT NOT NULL,
  domestic_claimed  BIGINT NOT NULL,
  domestic          BIGINT NOT NULL,
  items             VARCHAR(4000) NOT NULL,
  note              VARCHAR(4000) NOT NULL,
  salt              VARCHAR(64) NOT NULL,
  digest            VARCHAR(64) NOT NULL,
  submitted_at      VARCHAR(64) NOT NULL,
  reviewed          BIGINT NOT NULL DEFAULT 0,
  eligible          BIGINT NOT NULL DEFAULT 0,
  sme               BIGINT NOT NULL DEFAULT 0,
  review_reasons    VARCHAR(4000) NOT NULL DEFAULT '',
  version           BIGINT NOT NULL,
  UNIQUE (tender_id, vendor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS bid_scores (
  bid_id           VARCHAR(64) NOT NULL,
  expert           VARCHAR(100) NOT NULL,
  tender_id        VARCHAR(64) NOT NULL,
  technical_score  BIGINT NOT NULL,
  scored_by        VARCHAR(64) NOT NULL,
  scored_at        VARCHAR(64) NOT NULL,
  PRIMARY KEY (bid_id, expert)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS bid_scores_tender ON bid_scores (tender_id);

-- The stored report, byte for byte what GET /evaluation serves, and the inputs it used.
CREATE TABLE IF NOT EXISTS evaluations (
  tender_id   VARCHAR(64) PRIMARY KEY,
  report      MEDIUMTEXT NOT NULL,
  inputs      MEDIUMTEXT NOT NULL,
  created_at  VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
