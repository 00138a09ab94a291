-- Evidence files (the console issue): uploaded bytes kept in the database, so every instance
-- serves them. vendor_id: the uploading vendor's ('' when the bureau uploaded). An application's
-- evidence may name a file instead of a typed name and digest.
CREATE TABLE files (
  id            TEXT PRIMARY KEY,
  vendor_id     TEXT NOT NULL,
  uploaded_by   TEXT NOT NULL,
  name          TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  content       BLOB NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX files_vendor ON files (vendor_id, id);
ALTER TABLE application_evidence ADD COLUMN file_id TEXT NOT NULL DEFAULT '';
