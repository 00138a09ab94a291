-- The bureau's legal bounds on tender terms (the trust issue; procurement/tender.h PolicyLimits).
-- Percentages in hundredths. One row, with the defaults: at least 3 valid bids, deductions of
-- at most 20 %.
CREATE TABLE policy_limits (
  id                            INTEGER PRIMARY KEY CHECK (id = 1),
  min_valid_bids_min            INTEGER NOT NULL,
  domestic_price_deduction_max  INTEGER NOT NULL,
  sme_price_deduction_max       INTEGER NOT NULL,
  updated_by                    TEXT NOT NULL DEFAULT '',
  updated_at                    TEXT,
  version                       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO policy_limits (id, min_valid_bids_min, domestic_price_deduction_max, sme_price_deduction_max)
  VALUES (1, 3, 2000, 2000);
