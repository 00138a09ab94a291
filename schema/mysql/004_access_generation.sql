-- A marker of changes to the records market access is decided from: vendors, qualifications,
-- practitioners and their credentials, sanctions, qualification types and categories, and to
-- the catalog items whose search pages are cached with them. Every
-- repository write to those tables sets it to a fresh random value in the same transaction
-- (storage/sql_registry_stores.cpp), so a process may cache what it read at generation n for
-- as long as the stored generation is still n (registry/access_cache.h). Several instances over
-- one database each compare against this row, so no instance serves a stale decision.
CREATE TABLE IF NOT EXISTS access_generation (
  id  INT NOT NULL PRIMARY KEY,
  n   BIGINT NOT NULL,
  CONSTRAINT access_generation_single CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO access_generation (id, n) VALUES (1, 1);
