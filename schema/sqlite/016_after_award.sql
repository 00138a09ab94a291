-- After the award (issue 20; CONTRACT.md "Tenders as the law runs them, II").
--
-- The bureau's working-day calendar, one row per year (id = the year): holidays and the weekend
-- days worked (调休), JSON arrays of dates, sorted.
CREATE TABLE calendars (
  id          TEXT PRIMARY KEY,
  holidays    TEXT NOT NULL,
  workdays    TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL
);

-- A tender gains its award notice (when published, the challenge period's last day, the day the
-- contract is due) and its contract (signed on, amount in fen, who recorded it and when), and the
-- status `contracted`. The new columns are "late" audit columns (storage/audit_rows.cpp).
ALTER TABLE tenders ADD COLUMN award_published_at TEXT;
ALTER TABLE tenders ADD COLUMN challenge_period_ends_on TEXT;
ALTER TABLE tenders ADD COLUMN contract_due_on TEXT;
ALTER TABLE tenders ADD COLUMN contract_signed_on TEXT;
ALTER TABLE tenders ADD COLUMN contract_amount INTEGER;
ALTER TABLE tenders ADD COLUMN contract_by TEXT;
ALTER TABLE tenders ADD COLUMN contract_at TEXT;
DROP TRIGGER tenders_status_insert;
DROP TRIGGER tenders_status_update;
CREATE TRIGGER tenders_status_insert BEFORE INSERT ON tenders FOR EACH ROW WHEN NEW.status NOT IN ('draft', 'open', 'opened', 'evaluated', 'failed', 'awarded', 'contracted', 'cancelled')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.status'); END;
CREATE TRIGGER tenders_status_update BEFORE UPDATE OF status ON tenders FOR EACH ROW WHEN NEW.status NOT IN ('draft', 'open', 'opened', 'evaluated', 'failed', 'awarded', 'contracted', 'cancelled')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.status'); END;

-- Challenges (质疑, Government Procurement Law Art. 52-53): a bidder's against the award notice
-- published at notice_published_at; answered by an officer of the tender by answer_due_on.
CREATE TABLE challenges (
  id                   TEXT PRIMARY KEY,
  tender_id            TEXT NOT NULL,
  vendor_id            TEXT NOT NULL,
  challenger           TEXT NOT NULL,
  grounds              TEXT NOT NULL,
  evidence             TEXT NOT NULL,
  notice_published_at  TEXT NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('submitted', 'upheld', 'dismissed')),
  answer_due_on        TEXT NOT NULL,
  answer               TEXT,
  remedy               TEXT CHECK (remedy IN ('re_evaluate', 'cancel')),
  answered_by          TEXT,
  answered_at          TEXT,
  created_at           TEXT NOT NULL,
  version              INTEGER NOT NULL
);
CREATE INDEX challenges_tender ON challenges (tender_id, created_at, id);
CREATE INDEX challenges_status ON challenges (status, answer_due_on);

-- Complaints (投诉, Art. 55-56) to the bureau about a challenge, one per challenge.
CREATE TABLE complaints (
  id               TEXT PRIMARY KEY,
  challenge_id     TEXT NOT NULL UNIQUE,
  tender_id        TEXT NOT NULL,
  vendor_id        TEXT NOT NULL,
  complainant      TEXT NOT NULL,
  grounds          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('submitted', 'upheld', 'dismissed')),
  decision_due_on  TEXT NOT NULL,
  reason           TEXT,
  remedy           TEXT CHECK (remedy IN ('re_evaluate', 'cancel')),
  decided_by       TEXT,
  decided_at       TEXT,
  created_at       TEXT NOT NULL,
  version          INTEGER NOT NULL
);
CREATE INDEX complaints_status ON complaints (status, decision_due_on);
CREATE INDEX complaints_vendor ON complaints (vendor_id, created_at);

-- Reports set aside when an upheld challenge or complaint returned the tender to its evaluation:
-- kept byte for byte as served, in rounds (1 the first), with what set them aside.
CREATE TABLE earlier_evaluations (
  tender_id     TEXT NOT NULL,
  round         INTEGER NOT NULL,
  report        TEXT NOT NULL,
  inputs        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  set_aside_at  TEXT NOT NULL,
  set_aside_by  TEXT NOT NULL,
  PRIMARY KEY (tender_id, round)
);
