-- Accounts people sign in to, revocation, sessions, sign-in lockout and server keys (MySQL/MariaDB
-- dialect). Same tables, columns and meaning as schema/sqlite/005_sign_in.sql. Every statement
-- is safe to run again (MariaDB's IF NOT EXISTS), since MySQL commits DDL statement by statement.

ALTER TABLE accounts ADD COLUMN IF NOT EXISTS login VARCHAR(64) NULL;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS password_hash VARCHAR(255) NULL;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS must_change_password INT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS status VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS last_seen_at VARCHAR(32) NULL;
CREATE UNIQUE INDEX IF NOT EXISTS accounts_login ON accounts (login);
CREATE INDEX IF NOT EXISTS accounts_vendor ON accounts (vendor_id);

CREATE TABLE IF NOT EXISTS auth_generation (
  id  INT NOT NULL PRIMARY KEY,
  n   BIGINT NOT NULL,
  CONSTRAINT auth_generation_single CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO auth_generation (id, n) VALUES (1, 1);

CREATE TABLE IF NOT EXISTS sessions (
  id_hash     CHAR(64) NOT NULL PRIMARY KEY,
  account_id  VARCHAR(64) NOT NULL,
  created     BIGINT NOT NULL,
  last_seen   BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  KEY sessions_account (account_id),
  KEY sessions_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sign_in_failures (
  login  VARCHAR(64) NOT NULL,
  at     BIGINT NOT NULL,
  KEY sign_in_failures_login (login, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS server_keys (
  name  VARCHAR(32) NOT NULL PRIMARY KEY,
  k     VARCHAR(128) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
