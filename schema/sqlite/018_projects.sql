-- Projects, from plan to performance (the projects issue; CONTRACT.md "Projects, from plan to
-- performance"): two more roles, the bureau's plans and the departments' projects.
--
-- Accounts gain the roles `department` (a government department that builds e-government
-- projects, named in `department`) and `finance`. SQLite keeps a CHECK in the table's own
-- definition, so the table is rebuilt with the new list (nothing references it by a foreign key).
CREATE TABLE accounts_new (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  role                  TEXT NOT NULL CHECK (role IN ('bureau', 'officer', 'expert', 'vendor', 'auditor', 'department', 'finance')),
  vendor_id             TEXT,
  token_hash            TEXT NOT NULL UNIQUE,
  created_at            TEXT NOT NULL,
  version               INTEGER NOT NULL DEFAULT 1,
  login                 TEXT,
  password_hash         TEXT,
  must_change_password  INTEGER NOT NULL DEFAULT 0,
  status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  last_seen_at          TEXT,
  department            TEXT NOT NULL DEFAULT ''
);
INSERT INTO accounts_new (id, name, role, vendor_id, token_hash, created_at, version, login, password_hash,
                          must_change_password, status, last_seen_at)
  SELECT id, name, role, vendor_id, token_hash, created_at, version, login, password_hash, must_change_password,
         status, last_seen_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
CREATE UNIQUE INDEX accounts_login ON accounts (login);
CREATE INDEX accounts_vendor ON accounts (vendor_id);

-- A plan (规划) the bureau drafts and adopts; its items, each with a budget ceiling in fen. Only an
-- item of an adopted plan may become a project (先规划后立项).
CREATE TABLE plans (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'adopted')),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  adopted_by    TEXT,
  adopted_at    TEXT,
  version       INTEGER NOT NULL
);
CREATE TABLE plan_items (
  plan_id         TEXT NOT NULL,
  pos             INTEGER NOT NULL,
  code            TEXT NOT NULL,
  title           TEXT NOT NULL,
  budget_ceiling  INTEGER NOT NULL,
  category        TEXT NOT NULL,
  PRIMARY KEY (plan_id, code)
);

-- A department's project under a plan item, with the information it shares (provides) and
-- reuses (uses), and its words for finding similar projects (project_terms, as catalog_terms).
CREATE TABLE projects (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  plan_id           TEXT NOT NULL,
  plan_item         TEXT NOT NULL,
  description       TEXT NOT NULL,
  budget_requested  INTEGER NOT NULL,
  department        TEXT NOT NULL,
  term_count        INTEGER NOT NULL,
  created_by        TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('proposed', 'rejected', 'budget_review', 'reviewed', 'approved', 'in_progress', 'accepted')),
  status_reason     TEXT NOT NULL,
  decided_by        TEXT,
  decided_at        TEXT,
  created_at        TEXT NOT NULL,
  version           INTEGER NOT NULL
);
CREATE INDEX projects_status ON projects (status, id);
CREATE INDEX projects_creator ON projects (created_by, id);
CREATE INDEX projects_plan ON projects (plan_id, plan_item);
CREATE TABLE project_sharing (
  project_id  TEXT NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('provides', 'uses')),
  pos         INTEGER NOT NULL,
  resource    TEXT NOT NULL,
  PRIMARY KEY (project_id, direction, pos)
);
CREATE TABLE project_terms (
  term        TEXT NOT NULL,
  project_id  TEXT NOT NULL,
  PRIMARY KEY (term, project_id)
) WITHOUT ROWID;
