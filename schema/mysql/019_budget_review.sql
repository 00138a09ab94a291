-- The budget review (MySQL/MariaDB dialect); same meaning as schema/sqlite/019_budget_review.sql.
-- Every statement is safe to run again.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS review_experts TEXT NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS review_opened_at VARCHAR(32) NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS review_closed_at VARCHAR(32) NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS recommended_budget BIGINT NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS approved_budget BIGINT NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS approval_comment TEXT NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS approved_by VARCHAR(64) NULL;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS approved_at VARCHAR(32) NULL;
CREATE TABLE IF NOT EXISTS project_opinions (
  id                  VARCHAR(64) PRIMARY KEY,
  project_id          VARCHAR(64) NOT NULL,
  expert_id           VARCHAR(64) NOT NULL,
  recommended_budget  BIGINT NOT NULL,
  opinion             TEXT NOT NULL,
  submitted_at        VARCHAR(32) NOT NULL,
  version             BIGINT NOT NULL,
  UNIQUE KEY project_opinions_expert (project_id, expert_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
ALTER TABLE tenders ADD COLUMN IF NOT EXISTS project_id VARCHAR(64) NULL;
CREATE INDEX IF NOT EXISTS tenders_project ON tenders (project_id);
