-- Working-time day records (DESIGN §5). Every record column holds the canonical bytes of
-- DayRecordCodec (single-object Avro): the one form that is hashed and anchored, from which
-- every answer is derived.

-- Sealed versions: immutable. The stream job inserts a version only once the checkpoint that
-- produced it has completed, and the key turns the re-insert after a restore into a no-op, so
-- a version is neither lost nor stored twice.
CREATE TABLE day_record_version (
  worker_ref  text        NOT NULL,
  day         date        NOT NULL,
  version     integer     NOT NULL CHECK (version >= 1),
  -- SETTLED: version 1, sealed when the day settled; CORRECTION: a late event changed the day.
  reason      text        NOT NULL CHECK (reason IN ('SETTLED', 'CORRECTION')),
  -- The job's event-time watermark when the version was sealed.
  watermark   timestamptz NOT NULL,
  -- The checkpoint whose completion committed the version.
  checkpoint_id bigint    NOT NULL,
  record      bytea       NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (worker_ref, day, version)
);

-- The live record of each day that has not settled: provisional, replaced in place as the
-- watermark moves, never anchored. A write never moves a record back in time.
CREATE TABLE day_record_live (
  worker_ref    text        NOT NULL,
  day           date        NOT NULL,
  covered_until timestamptz NOT NULL,
  record        bytea       NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (worker_ref, day)
);

-- Events that arrived after every day they could change had left the correction horizon.
-- Kept for operators rather than dropped; they change no record.
CREATE TABLE late_event (
  platform    text        NOT NULL,
  event_id    text        NOT NULL,
  worker_ref  text        NOT NULL,
  batch_id    text        NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  reason      text        NOT NULL CHECK (reason IN ('TOO_LATE')),
  -- The job's watermark when the event arrived.
  watermark   timestamptz NOT NULL,
  -- The event as recorded on the work-events topic (RecordedEventCodec).
  event       bytea       NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, event_id)
);
CREATE INDEX late_event_by_worker ON late_event (worker_ref, occurred_at);

-- How far each parallel instance of the job's record sink has committed, in event time.
-- The minimum over instances is the hub's processed-until watermark.
CREATE TABLE stream_progress (
  job           text        NOT NULL,
  subtask       integer     NOT NULL,
  watermark     timestamptz NOT NULL,
  checkpoint_id bigint      NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, subtask)
);
