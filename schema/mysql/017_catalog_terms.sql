-- The catalog's search index without its item index (the exchange issue; docs/performance.md):
-- InnoDB keeps the rows in the primary key (term, item_id), which every search reads, and an
-- item's terms are removed by their keys (its old terms are known).
DROP INDEX catalog_terms_item ON catalog_terms;
