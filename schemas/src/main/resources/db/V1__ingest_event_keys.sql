-- Idempotency keys of accepted events: (platform, eventId) is accepted once, ever.
-- The primary key's row lock is what makes concurrent gateway instances agree on who
-- publishes an event (see EventKeyRegistry).
CREATE TABLE ingest_event_key (
  platform    text        NOT NULL,
  event_id    text        NOT NULL,
  batch_id    text        NOT NULL,
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, event_id)
);
