-- Sanctions are updated like every other record: over the version read (issue 17). Existing
-- sanctions start at 1; the column is a late column of the audit row digest (storage/audit_rows.cpp).
ALTER TABLE sanctions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
