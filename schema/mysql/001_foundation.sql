-- Accounts, the audit hash chain and stored idempotent responses (MySQL/MariaDB dialect).
-- Same tables, columns and meaning as schema/sqlite/001_foundation.sql.
-- MySQL commits DDL statement by statement, so every statement here is safe to run again.
-- Migration files are split into statements at lines ending in ';'.

CREATE TABLE IF NOT EXISTS accounts (
  id          VARCHAR(64) NOT NULL PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  role        VARCHAR(16) NOT NULL,
  vendor_id   VARCHAR(64) NULL,
  token_hash  CHAR(64) NOT NULL,
  created_at  VARCHAR(32) NOT NULL,
  version     BIGINT NOT NULL DEFAULT 1,
  UNIQUE KEY accounts_token_hash (token_hash),
  CONSTRAINT accounts_role CHECK (role IN ('bureau', 'officer', 'expert', 'vendor', 'auditor'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS audit_log (
  seq          BIGINT NOT NULL PRIMARY KEY,
  at           VARCHAR(32) NOT NULL,
  actor        VARCHAR(64) NOT NULL,
  action       VARCHAR(64) NOT NULL,
  entity_type  VARCHAR(64) NOT NULL,
  entity_id    VARCHAR(64) NOT NULL,
  details      MEDIUMTEXT NOT NULL,
  digest       CHAR(64) NOT NULL,
  prev_hash    CHAR(64) NOT NULL,
  hash         CHAR(64) NOT NULL,
  KEY audit_log_entity (entity_type, entity_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS audit_head (
  id    INT NOT NULL PRIMARY KEY,
  seq   BIGINT NOT NULL,
  hash  CHAR(64) NOT NULL,
  CONSTRAINT audit_head_single CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope_key     VARCHAR(191) NOT NULL PRIMARY KEY,
  request_hash  CHAR(64) NOT NULL,
  state         INT NOT NULL,
  status        INT NOT NULL DEFAULT 0,
  headers       TEXT NOT NULL,
  body          MEDIUMBLOB NOT NULL,
  created_at    BIGINT NOT NULL,
  KEY idempotency_keys_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
