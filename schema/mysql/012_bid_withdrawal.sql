-- Bid withdrawal (MySQL/MariaDB dialect); same meaning as schema/sqlite/012_bid_withdrawal.sql.
-- The CHECK is on the column, so that re-running after an interrupted migration (MySQL commits
-- DDL at once) meets IF NOT EXISTS and nothing else.
ALTER TABLE bids ADD COLUMN IF NOT EXISTS status VARCHAR(16) NOT NULL DEFAULT 'submitted'
  CHECK (status IN ('submitted', 'withdrawn'));
ALTER TABLE bids ADD COLUMN IF NOT EXISTS withdrawn_at VARCHAR(32) NULL;
