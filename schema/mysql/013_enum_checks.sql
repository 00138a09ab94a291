-- Stored enum names are checked by the database too (issue 17): each column below takes only the
-- names of its enum's table in C++ (common/enum_names.h: kVendorStatusNames and the others), so
-- a hand-written or stray value is refused on write, as the binary refuses it on read (it fails
-- closed). Keep the lists equal to the C++ tables; StorageTest.EveryEnumColumnRefusesAnUnknownName
-- writes a wrong name into each column.
-- MySQL commits DDL at once: dropping each constraint first makes a re-run after an interrupted
-- migration harmless.
ALTER TABLE vendors DROP CONSTRAINT IF EXISTS vendors_enterprise_size;
ALTER TABLE vendors ADD CONSTRAINT vendors_enterprise_size CHECK (enterprise_size IN ('micro', 'small', 'medium', 'large'));
ALTER TABLE vendors DROP CONSTRAINT IF EXISTS vendors_status;
ALTER TABLE vendors ADD CONSTRAINT vendors_status CHECK (status IN ('registered', 'listed', 'delisted'));
ALTER TABLE qualification_types DROP CONSTRAINT IF EXISTS qualification_types_holder;
ALTER TABLE qualification_types ADD CONSTRAINT qualification_types_holder CHECK (holder IN ('vendor', 'practitioner'));
ALTER TABLE categories DROP CONSTRAINT IF EXISTS categories_kind;
ALTER TABLE categories ADD CONSTRAINT categories_kind CHECK (kind IN ('goods', 'services', 'works'));
ALTER TABLE category_requirements DROP CONSTRAINT IF EXISTS category_requirements_kind;
ALTER TABLE category_requirements ADD CONSTRAINT category_requirements_kind CHECK (kind IN ('qualification', 'credential'));
ALTER TABLE qualifications DROP CONSTRAINT IF EXISTS qualifications_status;
ALTER TABLE qualifications ADD CONSTRAINT qualifications_status CHECK (status IN ('active', 'suspended', 'revoked'));
ALTER TABLE practitioners DROP CONSTRAINT IF EXISTS practitioners_status;
ALTER TABLE practitioners ADD CONSTRAINT practitioners_status CHECK (status IN ('pending', 'active', 'rejected'));
ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_kind;
ALTER TABLE applications ADD CONSTRAINT applications_kind CHECK (kind IN ('qualification', 'listing'));
ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_status;
ALTER TABLE applications ADD CONSTRAINT applications_status CHECK (status IN ('submitted', 'approved', 'rejected'));
ALTER TABLE sanctions DROP CONSTRAINT IF EXISTS sanctions_kind;
ALTER TABLE sanctions ADD CONSTRAINT sanctions_kind CHECK (kind IN ('debarment', 'suspension'));
ALTER TABLE catalog_items DROP CONSTRAINT IF EXISTS catalog_items_status;
ALTER TABLE catalog_items ADD CONSTRAINT catalog_items_status CHECK (status IN ('pending', 'listed', 'rejected'));
ALTER TABLE tenders DROP CONSTRAINT IF EXISTS tenders_method;
ALTER TABLE tenders ADD CONSTRAINT tenders_method CHECK (method IN ('lowest_price', 'comprehensive', 'price_performance'));
ALTER TABLE tenders DROP CONSTRAINT IF EXISTS tenders_status;
ALTER TABLE tenders ADD CONSTRAINT tenders_status CHECK (status IN ('draft', 'open', 'opened', 'evaluated', 'failed', 'awarded', 'cancelled'));
ALTER TABLE tenders DROP CONSTRAINT IF EXISTS tenders_expert_aggregation;
ALTER TABLE tenders ADD CONSTRAINT tenders_expert_aggregation CHECK (expert_aggregation IN ('mean', 'trimmed_mean'));
ALTER TABLE tender_requirements DROP CONSTRAINT IF EXISTS tender_requirements_kind;
ALTER TABLE tender_requirements ADD CONSTRAINT tender_requirements_kind CHECK (kind IN ('qualification', 'credential'));
