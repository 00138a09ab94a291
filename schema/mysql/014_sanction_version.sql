-- Sanction versions (MySQL/MariaDB dialect); same meaning as schema/sqlite/014_sanction_version.sql.
ALTER TABLE sanctions ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 1;
