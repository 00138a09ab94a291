-- Projects, from plan to performance (MySQL/MariaDB dialect); same meaning as
-- schema/sqlite/018_projects.sql. Every statement is safe to run again.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS department VARCHAR(400) NOT NULL DEFAULT '';
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role;
ALTER TABLE accounts ADD CONSTRAINT accounts_role
  CHECK (role IN ('bureau', 'officer', 'expert', 'vendor', 'auditor', 'department', 'finance'));

CREATE TABLE IF NOT EXISTS plans (
  id            VARCHAR(64) PRIMARY KEY,
  title         TEXT NOT NULL,
  period_start  VARCHAR(10) NOT NULL,
  period_end    VARCHAR(10) NOT NULL,
  status        VARCHAR(16) NOT NULL CHECK (status IN ('draft', 'adopted')),
  created_by    VARCHAR(64) NOT NULL,
  created_at    VARCHAR(32) NOT NULL,
  adopted_by    VARCHAR(64) NULL,
  adopted_at    VARCHAR(32) NULL,
  version       BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS plan_items (
  plan_id         VARCHAR(64) NOT NULL,
  pos             INT NOT NULL,
  code            VARCHAR(32) NOT NULL,
  title           TEXT NOT NULL,
  budget_ceiling  BIGINT NOT NULL,
  category        VARCHAR(64) NOT NULL,
  PRIMARY KEY (plan_id, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS projects (
  id                VARCHAR(64) PRIMARY KEY,
  title             TEXT NOT NULL,
  plan_id           VARCHAR(64) NOT NULL,
  plan_item         VARCHAR(32) NOT NULL,
  description       TEXT NOT NULL,
  budget_requested  BIGINT NOT NULL,
  department        VARCHAR(400) NOT NULL,
  term_count        INT NOT NULL,
  created_by        VARCHAR(64) NOT NULL,
  status            VARCHAR(16) NOT NULL
    CHECK (status IN ('proposed', 'rejected', 'budget_review', 'reviewed', 'approved', 'in_progress', 'accepted')),
  status_reason     TEXT NOT NULL,
  decided_by        VARCHAR(64) NULL,
  decided_at        VARCHAR(32) NULL,
  created_at        VARCHAR(32) NOT NULL,
  version           BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS projects_status ON projects (status, id);
CREATE INDEX IF NOT EXISTS projects_creator ON projects (created_by, id);
CREATE INDEX IF NOT EXISTS projects_plan ON projects (plan_id, plan_item);
CREATE TABLE IF NOT EXISTS project_sharing (
  project_id  VARCHAR(64) NOT NULL,
  direction   VARCHAR(16) NOT NULL CHECK (direction IN ('provides', 'uses')),
  pos         INT NOT NULL,
  resource    TEXT NOT NULL,
  PRIMARY KEY (project_id, direction, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS project_terms (
  term        VARCHAR(64) NOT NULL,
  project_id  VARCHAR(64) NOT NULL,
  PRIMARY KEY (term, project_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
