-- Keys are pruned by age once no event they stand for could change a day record (see
-- EventKeyRetention). accepted_at grows with insertion order, so a BRIN index finds old keys
-- while costing ingest next to nothing, unlike a B-tree on the hot insert path.
CREATE INDEX ingest_event_key_accepted_at ON ingest_event_key USING brin (accepted_at);
