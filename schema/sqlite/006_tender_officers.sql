-- Tenders belong to officers (the trust issue): the owner is tenders.created_by; the owner or the
-- bureau may add officers, who may then change the tender too. Any other officer only reads it.
CREATE TABLE tender_officers (
  tender_id   TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  added_by    TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  PRIMARY KEY (tender_id, account_id)
);
