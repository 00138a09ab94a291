-- Stored enum names are checked by the database too (issue 17): each column below takes only the
-- names of its enum's table in C++ (common/enum_names.h: kVendorStatusNames and the others), so
-- a hand-written or stray value is refused on write, as the binary refuses it on read (it fails
-- closed). Keep the lists equal to the C++ tables; StorageTest.EveryEnumColumnRefusesAnUnknownName
-- writes a wrong name into each column.
-- SQLite cannot add a CHECK to an existing table without rebuilding it, so each column gets a
-- pair of triggers (insert, update of the column) that abort the statement with a CHECK-like error.
CREATE TRIGGER vendors_enterprise_size_insert BEFORE INSERT ON vendors FOR EACH ROW WHEN NEW.enterprise_size NOT IN ('micro', 'small', 'medium', 'large')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: vendors.enterprise_size'); END;
CREATE TRIGGER vendors_enterprise_size_update BEFORE UPDATE OF enterprise_size ON vendors FOR EACH ROW WHEN NEW.enterprise_size NOT IN ('micro', 'small', 'medium', 'large')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: vendors.enterprise_size'); END;
CREATE TRIGGER vendors_status_insert BEFORE INSERT ON vendors FOR EACH ROW WHEN NEW.status NOT IN ('registered', 'listed', 'delisted')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: vendors.status'); END;
CREATE TRIGGER vendors_status_update BEFORE UPDATE OF status ON vendors FOR EACH ROW WHEN NEW.status NOT IN ('registered', 'listed', 'delisted')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: vendors.status'); END;
CREATE TRIGGER qualification_types_holder_insert BEFORE INSERT ON qualification_types FOR EACH ROW WHEN NEW.holder NOT IN ('vendor', 'practitioner')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: qualification_types.holder'); END;
CREATE TRIGGER qualification_types_holder_update BEFORE UPDATE OF holder ON qualification_types FOR EACH ROW WHEN NEW.holder NOT IN ('vendor', 'practitioner')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: qualification_types.holder'); END;
CREATE TRIGGER categories_kind_insert BEFORE INSERT ON categories FOR EACH ROW WHEN NEW.kind NOT IN ('goods', 'services', 'works')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: categories.kind'); END;
CREATE TRIGGER categories_kind_update BEFORE UPDATE OF kind ON categories FOR EACH ROW WHEN NEW.kind NOT IN ('goods', 'services', 'works')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: categories.kind'); END;
CREATE TRIGGER category_requirements_kind_insert BEFORE INSERT ON category_requirements FOR EACH ROW WHEN NEW.kind NOT IN ('qualification', 'credential')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: category_requirements.kind'); END;
CREATE TRIGGER category_requirements_kind_update BEFORE UPDATE OF kind ON category_requirements FOR EACH ROW WHEN NEW.kind NOT IN ('qualification', 'credential')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: category_requirements.kind'); END;
CREATE TRIGGER qualifications_status_insert BEFORE INSERT ON qualifications FOR EACH ROW WHEN NEW.status NOT IN ('active', 'suspended', 'revoked')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: qualifications.status'); END;
CREATE TRIGGER qualifications_status_update BEFORE UPDATE OF status ON qualifications FOR EACH ROW WHEN NEW.status NOT IN ('active', 'suspended', 'revoked')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: qualifications.status'); END;
CREATE TRIGGER practitioners_status_insert BEFORE INSERT ON practitioners FOR EACH ROW WHEN NEW.status NOT IN ('pending', 'active', 'rejected')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: practitioners.status'); END;
CREATE TRIGGER practitioners_status_update BEFORE UPDATE OF status ON practitioners FOR EACH ROW WHEN NEW.status NOT IN ('pending', 'active', 'rejected')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: practitioners.status'); END;
CREATE TRIGGER applications_kind_insert BEFORE INSERT ON applications FOR EACH ROW WHEN NEW.kind NOT IN ('qualification', 'listing')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: applications.kind'); END;
CREATE TRIGGER applications_kind_update BEFORE UPDATE OF kind ON applications FOR EACH ROW WHEN NEW.kind NOT IN ('qualification', 'listing')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: applications.kind'); END;
CREATE TRIGGER applications_status_insert BEFORE INSERT ON applications FOR EACH ROW WHEN NEW.status NOT IN ('submitted', 'approved', 'rejected')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: applications.status'); END;
CREATE TRIGGER applications_status_update BEFORE UPDATE OF status ON applications FOR EACH ROW WHEN NEW.status NOT IN ('submitted', 'approved', 'rejected')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: applications.status'); END;
CREATE TRIGGER sanctions_kind_insert BEFORE INSERT ON sanctions FOR EACH ROW WHEN NEW.kind NOT IN ('debarment', 'suspension')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: sanctions.kind'); END;
CREATE TRIGGER sanctions_kind_update BEFORE UPDATE OF kind ON sanctions FOR EACH ROW WHEN NEW.kind NOT IN ('debarment', 'suspension')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: sanctions.kind'); END;
CREATE TRIGGER catalog_items_status_insert BEFORE INSERT ON catalog_items FOR EACH ROW WHEN NEW.status NOT IN ('pending', 'listed', 'rejected')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: catalog_items.status'); END;
CREATE TRIGGER catalog_items_status_update BEFORE UPDATE OF status ON catalog_items FOR EACH ROW WHEN NEW.status NOT IN ('pending', 'listed', 'rejected')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: catalog_items.status'); END;
CREATE TRIGGER tenders_method_insert BEFORE INSERT ON tenders FOR EACH ROW WHEN NEW.method NOT IN ('lowest_price', 'comprehensive', 'price_performance')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.method'); END;
CREATE TRIGGER tenders_method_update BEFORE UPDATE OF method ON tenders FOR EACH ROW WHEN NEW.method NOT IN ('lowest_price', 'comprehensive', 'price_performance')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.method'); END;
CREATE TRIGGER tenders_status_insert BEFORE INSERT ON tenders FOR EACH ROW WHEN NEW.status NOT IN ('draft', 'open', 'opened', 'evaluated', 'failed', 'awarded', 'cancelled')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.status'); END;
CREATE TRIGGER tenders_status_update BEFORE UPDATE OF status ON tenders FOR EACH ROW WHEN NEW.status NOT IN ('draft', 'open', 'opened', 'evaluated', 'failed', 'awarded', 'cancelled')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.status'); END;
CREATE TRIGGER tenders_expert_aggregation_insert BEFORE INSERT ON tenders FOR EACH ROW WHEN NEW.expert_aggregation NOT IN ('mean', 'trimmed_mean')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.expert_aggregation'); END;
CREATE TRIGGER tenders_expert_aggregation_update BEFORE UPDATE OF expert_aggregation ON tenders FOR EACH ROW WHEN NEW.expert_aggregation NOT IN ('mean', 'trimmed_mean')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tenders.expert_aggregation'); END;
CREATE TRIGGER tender_requirements_kind_insert BEFORE INSERT ON tender_requirements FOR EACH ROW WHEN NEW.kind NOT IN ('qualification', 'credential')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tender_requirements.kind'); END;
CREATE TRIGGER tender_requirements_kind_update BEFORE UPDATE OF kind ON tender_requirements FOR EACH ROW WHEN NEW.kind NOT IN ('qualification', 'credential')
  BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: tender_requirements.kind'); END;
