-- The procedure before the opening (MySQL/MariaDB dialect); same meaning as
-- schema/sqlite/015_procedure.sql. Every statement is safe to run again.
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS sealing VARCHAR(16) NOT NULL DEFAULT 'server'
  CHECK (sealing IN ('server', 'commit_reveal'));
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS amendment_notice_days BIGINT NOT NULL DEFAULT 15;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS reveal_hours BIGINT NOT NULL DEFAULT 24;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS committee_size BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS opened_at VARCHAR(32) NULL;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS reveal_closed_at VARCHAR(32) NULL;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS commitment VARCHAR(64) NULL;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS price_text VARCHAR(64) NULL;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS nonce VARCHAR(64) NULL;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS revealed_at VARCHAR(32) NULL;
ALTER TABLE policy_limits ADD COLUMN IF NOT EXISTS amendment_notice_days_default BIGINT NOT NULL DEFAULT 15;

CREATE TABLE IF NOT EXISTS clarifications (
  id                 VARCHAR(64) PRIMARY KEY,
  tender_id          VARCHAR(64) NOT NULL,
  text               TEXT NOT NULL,
  changes            MEDIUMTEXT NOT NULL,
  question_id        VARCHAR(64) NULL,
  bid_deadline       VARCHAR(32) NOT NULL,
  opening_at         VARCHAR(32) NULL,
  deadline_extended  BIGINT NOT NULL,
  created_by         VARCHAR(64) NOT NULL,
  created_at         VARCHAR(32) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS clarifications_tender ON clarifications (tender_id, created_at, id);

CREATE TABLE IF NOT EXISTS tender_questions (
  id         VARCHAR(64) PRIMARY KEY,
  tender_id  VARCHAR(64) NOT NULL,
  vendor_id  VARCHAR(64) NOT NULL,
  asked_by   VARCHAR(64) NOT NULL,
  text       TEXT NOT NULL,
  asked_at   VARCHAR(32) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS tender_questions_tender ON tender_questions (tender_id, asked_at, id);

CREATE TABLE IF NOT EXISTS expert_profiles (
  id            VARCHAR(64) PRIMARY KEY,
  specialties   TEXT NOT NULL,
  affiliations  TEXT NOT NULL,
  updated_by    VARCHAR(64) NOT NULL,
  updated_at    VARCHAR(32) NOT NULL,
  version       BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS committees (
  id          VARCHAR(64) PRIMARY KEY,
  size        BIGINT NOT NULL,
  seed        VARCHAR(64) NOT NULL,
  candidates  BIGINT NOT NULL,
  drawn_by    VARCHAR(64) NOT NULL,
  drawn_at    VARCHAR(32) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS committee_members (
  tender_id   VARCHAR(64) NOT NULL,
  pos         BIGINT NOT NULL,
  account_id  VARCHAR(64) NOT NULL,
  PRIMARY KEY (tender_id, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS committee_members_account ON committee_members (account_id, tender_id);
