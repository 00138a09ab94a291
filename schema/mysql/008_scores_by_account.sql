-- Scores are bound to expert accounts (MySQL/MariaDB dialect); same meaning as
-- schema/sqlite/008_scores_by_account.sql. The column is added once (IF NOT EXISTS); the
-- UPDATE marks the rows that were there before it, which are the legacy ones.
ALTER TABLE bid_scores ADD COLUMN IF NOT EXISTS legacy INT NOT NULL DEFAULT 0;
UPDATE bid_scores SET legacy = 1;
