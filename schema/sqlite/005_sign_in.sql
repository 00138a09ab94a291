-- Accounts people sign in to, revocation, sessions, sign-in lockout and server keys
-- (the accounts issue; docs/security.md). Migration files are split into statements at lines
-- ending in ';'.

-- login: NULL for accounts that only have a bearer token. password_hash: libsodium's
-- crypto_pwhash_str (argon2id), never the password. status: 'active' or 'disabled'.
-- last_seen_at: when the account last made a request (written at most once a minute).
ALTER TABLE accounts ADD COLUMN login TEXT;
ALTER TABLE accounts ADD COLUMN password_hash TEXT;
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled'));
ALTER TABLE accounts ADD COLUMN last_seen_at TEXT;
CREATE UNIQUE INDEX accounts_login ON accounts (login);
CREATE INDEX accounts_vendor ON accounts (vendor_id);

-- A marker of changes to who may authenticate: every write that disables or enables an
-- account, replaces its token or password, or ends a session sets it to a fresh random value in
-- the same transaction. An instance caches a token's account only as long as this row is
-- unchanged (registry/account_service.h), so a revocation holds on every instance at once.
CREATE TABLE auth_generation (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  n   INTEGER NOT NULL
);
INSERT INTO auth_generation (id, n) VALUES (1, 1);

-- Signed-in sessions. The cookie's value is never stored: id_hash is its SHA-256. Times are
-- microseconds since the epoch. A session ends at expires_at (sign-in + 12 h) or 8 h after
-- last_seen (written at most once a minute).
CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  created     INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed sign-ins per login (any login, existing or not, so the answer cannot tell them apart),
-- for the lockout; at is microseconds since the epoch.
CREATE TABLE sign_in_failures (
  login  TEXT NOT NULL,
  at     INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_login ON sign_in_failures (login, at);

-- Keys every instance over this database shares: 'cursor' signs pagination cursors
-- (api/input.h). Made on first start. A key here protects the integrity of what clients send
-- back, not the secrecy of anything: whoever can read this table can read the data itself.
CREATE TABLE server_keys (
  name  TEXT PRIMARY KEY,
  k     TEXT NOT NULL
);
