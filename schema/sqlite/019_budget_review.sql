-- The budget review (先评估后建设; the projects issue): the experts the bureau names for a
-- project, each expert's recommendation, the median the review closes with, and the finance
-- office's approval. A tender may name the project it buys for. The new project and tender
-- columns are "late" audit columns (storage/audit_rows.cpp): NULL until used.
ALTER TABLE projects ADD COLUMN review_experts TEXT;          -- JSON array of account ids
ALTER TABLE projects ADD COLUMN review_opened_at TEXT;
ALTER TABLE projects ADD COLUMN review_closed_at TEXT;
ALTER TABLE projects ADD COLUMN recommended_budget INTEGER;  -- fen: the median of the opinions
ALTER TABLE projects ADD COLUMN approved_budget INTEGER;     -- fen: what finance approved
ALTER TABLE projects ADD COLUMN approval_comment TEXT;
ALTER TABLE projects ADD COLUMN approved_by TEXT;
ALTER TABLE projects ADD COLUMN approved_at TEXT;
CREATE TABLE project_opinions (
  id                  TEXT PRIMARY KEY,
  project_id          TEXT NOT NULL,
  expert_id           TEXT NOT NULL,
  recommended_budget  INTEGER NOT NULL,
  opinion             TEXT NOT NULL,
  submitted_at        TEXT NOT NULL,
  version             INTEGER NOT NULL,
  UNIQUE (project_id, expert_id)
);
ALTER TABLE tenders ADD COLUMN project_id TEXT;
CREATE INDEX tenders_project ON tenders (project_id);
