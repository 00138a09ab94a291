-- After the award (MySQL/MariaDB dialect); same meaning as schema/sqlite/016_after_award.sql.
-- Every statement is safe to run again.
CREATE TABLE IF NOT EXISTS calendars (
  id          VARCHAR(8) PRIMARY KEY,
  holidays    TEXT NOT NULL,
  workdays    TEXT NOT NULL,
  updated_by  VARCHAR(64) NOT NULL,
  updated_at  VARCHAR(32) NOT NULL,
  version     BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE tenders ADD COLUMN IF NOT EXISTS award_published_at VARCHAR(32) NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS challenge_period_ends_on VARCHAR(10) NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS contract_due_on VARCHAR(10) NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS contract_signed_on VARCHAR(10) NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS contract_amount BIGINT NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS contract_by VARCHAR(64) NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS contract_at VARCHAR(32) NULL;
ALTER TABLE tenders DROP CONSTRAINT IF EXISTS tenders_status;
ALTER TABLE tenders ADD CONSTRAINT tenders_status
  CHECK (status IN ('draft', 'open', 'opened', 'evaluated', 'failed', 'awarded', 'contracted', 'cancelled'));

CREATE TABLE IF NOT EXISTS challenges (
  id                   VARCHAR(64) PRIMARY KEY,
  tender_id            VARCHAR(64) NOT NULL,
  vendor_id            VARCHAR(64) NOT NULL,
  challenger           VARCHAR(64) NOT NULL,
  grounds              TEXT NOT NULL,
  evidence             TEXT NOT NULL,
  notice_published_at  VARCHAR(32) NOT NULL,
  status               VARCHAR(16) NOT NULL CHECK (status IN ('submitted', 'upheld', 'dismissed')),
  answer_due_on        VARCHAR(10) NOT NULL,
  answer               TEXT NULL,
  remedy               VARCHAR(16) NULL CHECK (remedy IN ('re_evaluate', 'cancel')),
  answered_by          VARCHAR(64) NULL,
  answered_at          VARCHAR(32) NULL,
  created_at           VARCHAR(32) NOT NULL,
  version              BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS challenges_tender ON challenges (tender_id, created_at, id);
CREATE INDEX IF NOT EXISTS challenges_status ON challenges (status, answer_due_on);

CREATE TABLE IF NOT EXISTS complaints (
  id               VARCHAR(64) PRIMARY KEY,
  challenge_id     VARCHAR(64) NOT NULL UNIQUE,
  tender_id        VARCHAR(64) NOT NULL,
  vendor_id        VARCHAR(64) NOT NULL,
  complainant      VARCHAR(64) NOT NULL,
  grounds          TEXT NOT NULL,
  status           VARCHAR(16) NOT NULL CHECK (status IN ('submitted', 'upheld', 'dismissed')),
  decision_due_on  VARCHAR(10) NOT NULL,
  reason           TEXT NULL,
  remedy           VARCHAR(16) NULL CHECK (remedy IN ('re_evaluate', 'cancel')),
  decided_by       VARCHAR(64) NULL,
  decided_at       VARCHAR(32) NULL,
  created_at       VARCHAR(32) NOT NULL,
  version          BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS complaints_status ON complaints (status, decision_due_on);
CREATE INDEX IF NOT EXISTS complaints_vendor ON complaints (vendor_id, created_at);

CREATE TABLE IF NOT EXISTS earlier_evaluations (
  tender_id     VARCHAR(64) NOT NULL,
  round         BIGINT NOT NULL,
  report        MEDIUMTEXT NOT NULL,
  inputs        MEDIUMTEXT NOT NULL,
  created_at    VARCHAR(32) NOT NULL,
  set_aside_at  VARCHAR(32) NOT NULL,
  set_aside_by  VARCHAR(64) NOT NULL,
  PRIMARY KEY (tender_id, round)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
