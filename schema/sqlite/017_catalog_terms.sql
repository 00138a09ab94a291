-- The catalog's search index as one B-tree (the exchange issue: a million imported items are
-- about fifty million index rows; docs/performance.md). A rowid table with its primary-key index
-- and an item index was three B-trees for each row; WITHOUT ROWID keeps the rows in the primary
-- key (term, item_id), which is what every search reads. An item's terms are removed by their
-- keys (its old terms are known), so the item index goes.
CREATE TABLE catalog_terms_by_term (
  term     TEXT NOT NULL,
  item_id  TEXT NOT NULL,
  PRIMARY KEY (term, item_id)
) WITHOUT ROWID;
INSERT INTO catalog_terms_by_term (term, item_id) SELECT term, item_id FROM catalog_terms;
DROP TABLE catalog_terms;
ALTER TABLE catalog_terms_by_term RENAME TO catalog_terms;
