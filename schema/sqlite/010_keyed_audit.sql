-- The audit chain keyed and reconciled (the trust issue; registry/audit.h). row_digest: the keyed
-- digest of the business row an entry last changed. audit_head.scheme: 'sha256' for a chain
-- still hashed the old way; registryd seals it under the key on its next start
-- (storage/audit_rows.h SealAuditChain) and sets 'hmac-sha256'.
ALTER TABLE audit_log ADD COLUMN row_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_head ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';
-- An empty chain has nothing to seal: it is keyed from its first entry.
UPDATE audit_head SET scheme = 'hmac-sha256' WHERE seq = 0;
