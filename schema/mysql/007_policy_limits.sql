-- The bureau's legal bounds on tender terms (MySQL/MariaDB dialect); same meaning as
-- schema/sqlite/007_policy_limits.sql.
CREATE TABLE IF NOT EXISTS policy_limits (
  id                            INT NOT NULL PRIMARY KEY,
  min_valid_bids_min            INT NOT NULL,
  domestic_price_deduction_max  BIGINT NOT NULL,
  sme_price_deduction_max       BIGINT NOT NULL,
  updated_by                    VARCHAR(64) NOT NULL DEFAULT '',
  updated_at                    VARCHAR(32) NULL,
  version                       BIGINT NOT NULL DEFAULT 1,
  CONSTRAINT policy_limits_single CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO policy_limits (id, min_valid_bids_min, domestic_price_deduction_max, sme_price_deduction_max)
  VALUES (1, 3, 2000, 2000);
