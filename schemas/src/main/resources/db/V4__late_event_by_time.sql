-- Operators page through late events newest first (GET /v1/late-events).
CREATE INDEX late_event_by_stored_at ON late_event (stored_at DESC, platform, event_id);
