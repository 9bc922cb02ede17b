-- Event-level non-repudiation (DESIGN §8.2): a platform batch's signature (version 2) covers
-- "shiftproof/platform-batch/v2" || 0x00 || SHA-256(body) || events_root, where events_root is the
-- RFC 6962 root with one leaf per element of the body's events array, valid or not, in order:
-- SHA-256(0x00 || the element's exact bytes in the body). One event can then be shown to be signed
-- by its platform with its bytes, its inclusion path and the batch's signature, and nothing else
-- of the batch.
--
-- platform_batch gains what such a proof is made from:
--   signature_context  the context the signature was checked under. Rows written before this
--                      migration say shiftproof/platform-batch/v1: their signature covers the body
--                      itself, and their events_root is V11's (over the canonical bytes of the
--                      valid events only), which no signature covers; no event of theirs can be
--                      proven alone.
--   content_type       application/json or application/avro: how the body, and so each event's
--                      stored bytes, are encoded. NULL on rows before this migration.
--   leaf_hashes        the leaf hashes, 32 bytes each in order, from which an inclusion proof for
--                      any event is made; their number is the tree size. NULL before this
--                      migration.
-- events_root of new rows is the version 2 root over all elements.
--
-- The column default fills the rows already there without an UPDATE (which the append-only
-- trigger would refuse), and is dropped so that every new row names its context.
ALTER TABLE platform_batch
  ADD COLUMN signature_context text NOT NULL DEFAULT 'shiftproof/platform-batch/v1',
  ADD COLUMN content_type text CHECK (content_type IN ('application/json', 'application/avro')),
  ADD COLUMN leaf_hashes bytea CHECK (length(leaf_hashes) % 32 = 0);
ALTER TABLE platform_batch ALTER COLUMN signature_context DROP DEFAULT;
-- 32 bytes per event (16 KB for 500) of hashes, which do not compress: kept out of line without
-- trying to, so that no batch's insert spends time compressing them.
ALTER TABLE platform_batch ALTER COLUMN leaf_hashes SET STORAGE EXTERNAL;
ALTER TABLE platform_batch ADD CONSTRAINT platform_batch_v2_provable
  CHECK (signature_context = 'shiftproof/platform-batch/v1'
         OR (content_type IS NOT NULL AND leaf_hashes IS NOT NULL));

-- Every event a batch newly claimed (the ones published to Kafka), byte for byte as the platform
-- sent it, at its leaf index in the batch: what an evidence bundle shows of one worker's events.
-- A resent or duplicate event is kept once, under the batch that first claimed it.
--
-- No foreign key to platform_batch: the gateway writes an event's row in the transaction that
-- writes its batch's row, and a referential check would cost every event a lookup at ingest. An
-- event row that named a batch wrongly would prove nothing anyway: the verifier checks its bytes
-- against that batch's signed events root.
CREATE TABLE platform_event (
  platform    text        NOT NULL,
  body_sha256 bytea       NOT NULL,
  leaf_index  integer     NOT NULL CHECK (leaf_index >= 0),
  event_id    text        NOT NULL,
  worker_ref  text        NOT NULL,
  occurred_at timestamptz NOT NULL,
  event_bytes bytea       NOT NULL,
  PRIMARY KEY (platform, body_sha256, leaf_index)
);

CREATE INDEX platform_event_by_worker ON platform_event (worker_ref, occurred_at);

CREATE TRIGGER platform_event_append_only BEFORE UPDATE OR DELETE ON platform_event
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER platform_event_no_truncate BEFORE TRUNCATE ON platform_event
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
