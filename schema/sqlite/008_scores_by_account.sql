-- Scores are bound to expert accounts (the trust issue): bid_scores.expert is from now on the
-- scoring expert's account id. Scores stored before were keyed by a typed name; they are kept as
-- they were and marked legacy (the report shows their name, and no account id).
ALTER TABLE bid_scores ADD COLUMN legacy INTEGER NOT NULL DEFAULT 0;
UPDATE bid_scores SET legacy = 1;
