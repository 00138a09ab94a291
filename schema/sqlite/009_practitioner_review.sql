-- Practitioners are reviewed by the bureau and held by one vendor at a time (the trust issue).
-- status: 'pending' (added by a vendor, counts for nothing), 'active' (approved, or added by the
-- bureau), 'rejected'. departed_on set: the person left on that day (counts for nothing from it).
-- holding_hash is id_number_hash while the person is pending or active and not yet gone, NULL
-- otherwise; its UNIQUE index is what keeps one person at one vendor, atomically on every backend.
-- The old UNIQUE (vendor_id, id_number_hash) goes: a person who left may come back.
-- Existing practitioners become active; where two vendors hold the same person (挂证), the first
-- added keeps the hold and the others become pending, for the bureau to decide.
CREATE TABLE practitioners_new (
  id                TEXT PRIMARY KEY,
  vendor_id         TEXT NOT NULL,
  name              TEXT NOT NULL,
  id_number_hash    TEXT NOT NULL,
  id_number_masked  TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'active',
  holding_hash      TEXT,
  departed_on       TEXT,
  depart_reason     TEXT NOT NULL DEFAULT '',
  decided_by        TEXT NOT NULL DEFAULT '',
  decided_at        TEXT,
  decision_comment  TEXT NOT NULL DEFAULT '',
  version           INTEGER NOT NULL DEFAULT 1
);
INSERT INTO practitioners_new (id, vendor_id, name, id_number_hash, id_number_masked, created_at, status, holding_hash)
  SELECT p.id, p.vendor_id, p.name, p.id_number_hash, p.id_number_masked, p.created_at,
         CASE WHEN EXISTS (SELECT 1 FROM practitioners q WHERE q.id_number_hash = p.id_number_hash AND
                           (q.created_at < p.created_at OR (q.created_at = p.created_at AND q.id < p.id)))
              THEN 'pending' ELSE 'active' END,
         CASE WHEN EXISTS (SELECT 1 FROM practitioners q WHERE q.id_number_hash = p.id_number_hash AND
                           (q.created_at < p.created_at OR (q.created_at = p.created_at AND q.id < p.id)))
              THEN NULL ELSE p.id_number_hash END
  FROM practitioners p;
DROP TABLE practitioners;
ALTER TABLE practitioners_new RENAME TO practitioners;
CREATE UNIQUE INDEX practitioners_holding ON practitioners (holding_hash);
CREATE INDEX practitioners_vendor ON practitioners (vendor_id, id);
CREATE INDEX practitioners_status ON practitioners (status, id);
