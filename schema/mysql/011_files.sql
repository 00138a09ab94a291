-- Evidence files (MySQL/MariaDB dialect); same meaning as schema/sqlite/011_files.sql.
-- MEDIUMBLOB holds up to 16 MiB, above the 10 MiB upload limit.
CREATE TABLE IF NOT EXISTS files (
  id            VARCHAR(64) PRIMARY KEY,
  vendor_id     VARCHAR(64) NOT NULL,
  uploaded_by   VARCHAR(64) NOT NULL,
  name          VARCHAR(255) NOT NULL,
  content_type  VARCHAR(64) NOT NULL,
  size          BIGINT NOT NULL,
  sha256        CHAR(64) NOT NULL,
  content       MEDIUMBLOB NOT NULL,
  created_at    VARCHAR(32) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS files_vendor ON files (vendor_id, id);
ALTER TABLE application_evidence ADD COLUMN IF NOT EXISTS file_id VARCHAR(64) NOT NULL DEFAULT '';
