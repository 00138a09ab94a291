-- Tenders belong to officers (MySQL/MariaDB dialect); same meaning as schema/sqlite/006_tender_officers.sql.
CREATE TABLE IF NOT EXISTS tender_officers (
  tender_id   VARCHAR(64) NOT NULL,
  account_id  VARCHAR(64) NOT NULL,
  added_by    VARCHAR(64) NOT NULL,
  added_at    VARCHAR(32) NOT NULL,
  PRIMARY KEY (tender_id, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
