-- Bid withdrawal before the deadline (Order 87 Art. 34; the tender issue). status: 'submitted'
-- (live) or 'withdrawn' (counts for nothing; withdrawn_at says when). Existing bids are live.
-- Both columns are digested into the audit chain only when they differ from these defaults
-- (storage/audit_rows.cpp, "late columns"), so the digests of rows stored before stay valid.
ALTER TABLE bids ADD COLUMN status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'withdrawn'));
ALTER TABLE bids ADD COLUMN withdrawn_at TEXT;
