-- Tenders, sealed bids, expert scores and stored evaluation reports.

CREATE TABLE tenders (
  id                  TEXT PRIMARY KEY,
  title               TEXT NOT NULL,
  category            TEXT NOT NULL,
  budget              INTEGER NOT NULL,
  method              TEXT NOT NULL,
  price_weight        INTEGER NOT NULL,
  min_valid_bids      INTEGER NOT NULL,
  domestic_tie_preference INTEGER NOT NULL,
  domestic_deduction  INTEGER NOT NULL,
  sme_deduction       INTEGER NOT NULL,
  tie_tolerance       INTEGER NOT NULL,
  expert_aggregation  TEXT NOT NULL,
  abnormally_low_pct  INTEGER NOT NULL,
  bid_deadline        TEXT NOT NULL,
  opening_at          TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  status_reason       TEXT NOT NULL DEFAULT '',
  awarded_bid_id      TEXT NOT NULL DEFAULT '',
  version             INTEGER NOT NULL
);
CREATE INDEX tenders_status ON tenders (status, id);

CREATE TABLE tender_requirements (
  tender_id  TEXT NOT NULL,
  pos        INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  code       TEXT NOT NULL,
  min_level  TEXT NOT NULL,
  min_count  INTEGER NOT NULL,
  PRIMARY KEY (tender_id, pos)
);

-- One live bid per vendor and tender; a new submission before the deadline replaces it.
-- Sealed: no read path shows price, items or note before the tender is opened.
CREATE TABLE bids (
  id                TEXT PRIMARY KEY,
  tender_id         TEXT NOT NULL,
  vendor_id         TEXT NOT NULL,
  price             INTEGER NOT NULL,
  domestic_claimed  INTEGER NOT NULL,
  domestic          INTEGER NOT NULL,
  items             TEXT NOT NULL,
  note              TEXT NOT NULL,
  salt              TEXT NOT NULL,
  digest            TEXT NOT NULL,
  submitted_at      TEXT NOT NULL,
  reviewed          INTEGER NOT NULL DEFAULT 0,
  eligible          INTEGER NOT NULL DEFAULT 0,
  sme               INTEGER NOT NULL DEFAULT 0,
  review_reasons    TEXT NOT NULL DEFAULT '',
  version           INTEGER NOT NULL,
  UNIQUE (tender_id, vendor_id)
);

CREATE TABLE bid_scores (
  bid_id           TEXT NOT NULL,
  expert           TEXT NOT NULL,
  tender_id        TEXT NOT NULL,
  technical_score  INTEGER NOT NULL,
  scored_by        TEXT NOT NULL,
  scored_at        TEXT NOT NULL,
  PRIMARY KEY (bid_id, expert)
);
CREATE INDEX bid_scores_tender ON bid_scores (tender_id);

-- The stored report, byte for byte what GET /evaluation serves, and the inputs it used.
CREATE TABLE evaluations (
  tender_id   TEXT PRIMARY KEY,
  report      TEXT NOT NULL,
  inputs      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
