-- The procedure before the opening (issue 19; CONTRACT.md "Tenders as the law runs them, I").
--
-- Tenders get the procedure's policies: how bids are sealed ('server', or 'commit_reveal': the
-- bidder commits to a price and reveals it after the opening), the amendment notice in days
-- (MOF Order 87 Art. 27), the reveal window in hours, the committee's size (0: by budget,
-- 5 or 7), and when the tender was opened and its reveal window closed early. Bids get the
-- bidder's commitment and, once revealed, the price text and nonce as revealed (so anyone can
-- recompute the commitment) and when. New columns are "late" in storage/audit_rows.cpp: they
-- are digested only when they differ from these defaults, so rows stored before keep their digests.
ALTER TABLE tenders ADD COLUMN sealing TEXT NOT NULL DEFAULT 'server' CHECK (sealing IN ('server', 'commit_reveal'));
ALTER TABLE tenders ADD COLUMN amendment_notice_days INTEGER NOT NULL DEFAULT 15;
ALTER TABLE tenders ADD COLUMN reveal_hours INTEGER NOT NULL DEFAULT 24;
ALTER TABLE tenders ADD COLUMN committee_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenders ADD COLUMN opened_at TEXT;
ALTER TABLE tenders ADD COLUMN reveal_closed_at TEXT;
ALTER TABLE bids ADD COLUMN commitment TEXT;
ALTER TABLE bids ADD COLUMN price_text TEXT;
ALTER TABLE bids ADD COLUMN nonce TEXT;
ALTER TABLE bids ADD COLUMN revealed_at TEXT;

-- The bureau's default amendment notice, which a new tender takes unless it sets its own.
ALTER TABLE policy_limits ADD COLUMN amendment_notice_days_default INTEGER NOT NULL DEFAULT 15;

-- Clarifications and amendments (Art. 27), in the order published. `changes` is a JSON object
-- of what the clarification changed ({} when it only explains); bid_deadline/opening_at are the
-- tender's after it; question_id the vendor question it answers (the asker is never named).
CREATE TABLE clarifications (
  id                 TEXT PRIMARY KEY,
  tender_id          TEXT NOT NULL,
  text               TEXT NOT NULL,
  changes            TEXT NOT NULL,
  question_id        TEXT,
  bid_deadline       TEXT NOT NULL,
  opening_at         TEXT,
  deadline_extended  INTEGER NOT NULL,
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL
);
CREATE INDEX clarifications_tender ON clarifications (tender_id, created_at, id);

-- Vendors' questions on an open tender.
CREATE TABLE tender_questions (
  id         TEXT PRIMARY KEY,
  tender_id  TEXT NOT NULL,
  vendor_id  TEXT NOT NULL,
  asked_by   TEXT NOT NULL,
  text       TEXT NOT NULL,
  asked_at   TEXT NOT NULL
);
CREATE INDEX tender_questions_tender ON tender_questions (tender_id, asked_at, id);

-- What the bureau records of an expert account (id = the account id): the category codes it
-- may evaluate and the credit codes of the units it is tied to (回避). JSON arrays, sorted.
CREATE TABLE expert_profiles (
  id            TEXT PRIMARY KEY,
  specialties   TEXT NOT NULL,
  affiliations  TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  version       INTEGER NOT NULL
);

-- A tender's evaluation committee (id = the tender id), drawn once; members in the order drawn.
CREATE TABLE committees (
  id          TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  seed        TEXT NOT NULL,
  candidates  INTEGER NOT NULL,
  drawn_by    TEXT NOT NULL,
  drawn_at    TEXT NOT NULL
);
CREATE TABLE committee_members (
  tender_id   TEXT NOT NULL,
  pos         INTEGER NOT NULL,
  account_id  TEXT NOT NULL,
  PRIMARY KEY (tender_id, pos)
);
CREATE INDEX committee_members_account ON committee_members (account_id, tender_id);
