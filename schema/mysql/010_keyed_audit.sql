-- The audit chain keyed and reconciled (MySQL/MariaDB dialect); same meaning as
-- schema/sqlite/010_keyed_audit.sql. Each statement is safe to run again.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS row_digest VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE audit_head ADD COLUMN IF NOT EXISTS scheme VARCHAR(16) NOT NULL DEFAULT 'sha256';
UPDATE audit_head SET scheme = 'hmac-sha256' WHERE seq = 0;
