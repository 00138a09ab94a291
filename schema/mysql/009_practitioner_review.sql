-- Practitioners reviewed by the bureau, one vendor at a time (MySQL/MariaDB dialect); same
-- meaning as schema/sqlite/009_practitioner_review.sql. Every statement is safe to run again:
-- the UPDATE only fills rows whose status the ADD COLUMN has just defaulted (holding_hash NULL,
-- version 1, never decided).
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS status VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS holding_hash CHAR(64) NULL;
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS departed_on VARCHAR(10) NULL;
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS depart_reason VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS decided_by VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS decided_at VARCHAR(32) NULL;
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS decision_comment VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE practitioners DROP INDEX IF EXISTS vendor_id;
UPDATE practitioners p
  JOIN (SELECT id_number_hash AS h, MIN(CONCAT(created_at, '|', id)) AS first_key
        FROM practitioners GROUP BY id_number_hash) f ON f.h = p.id_number_hash
  SET p.status = IF(CONCAT(p.created_at, '|', p.id) = f.first_key, 'active', 'pending'),
      p.holding_hash = IF(CONCAT(p.created_at, '|', p.id) = f.first_key, p.id_number_hash, NULL)
  WHERE p.holding_hash IS NULL AND p.decided_at IS NULL AND p.departed_on IS NULL AND p.status = 'active';
CREATE UNIQUE INDEX IF NOT EXISTS practitioners_holding ON practitioners (holding_hash);
CREATE INDEX IF NOT EXISTS practitioners_vendor ON practitioners (vendor_id, id);
CREATE INDEX IF NOT EXISTS practitioners_status ON practitioners (status, id);
