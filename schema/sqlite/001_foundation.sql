-- Accounts, the audit hash chain and stored idempotent responses.
-- Migration files are split into statements at lines ending in ';'.

CREATE TABLE accounts (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('bureau', 'officer', 'expert', 'vendor', 'auditor')),
  vendor_id   TEXT,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

-- One row per change of state, chained: hash = SHA-256(prev_hash, seq, at, actor, action,
-- entity_type, entity_id, digest) and digest = SHA-256(details). See registry/audit.h.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  details      TEXT NOT NULL,
  digest       TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, seq);

-- The chain's head: the last seq and hash. Appenders lock this row, so entries are appended
-- one at a time in commit order, and a deleted tail entry is detected by verify.
CREATE TABLE audit_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  seq   INTEGER NOT NULL,
  hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Idempotency-Key: the first response to a POST, replayed for a repeat of the same request.
-- state: 0 = in progress (reserved), 1 = complete.
CREATE TABLE idempotency_keys (
  scope_key     TEXT PRIMARY KEY,
  request_hash  TEXT NOT NULL,
  state         INTEGER NOT NULL,
  status        INTEGER NOT NULL DEFAULT 0,
  headers       TEXT NOT NULL DEFAULT '',
  body          BLOB NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
