-- Platform batches as received (DESIGN §8.2): what each batch's signature covers and what it
-- proves. A batch is kept once per distinct body; a resend of the same bytes adds nothing.
--
-- events_root is the RFC 6962 Merkle root over the canonical bytes of the batch's valid events in
-- the order the batch lists them (WorkEventCodec), so one event can be shown to be in a batch the
-- platform signed without showing the rest of the batch.
--
-- signature_state is VALID whenever signatures are required; MISSING or INVALID rows come only
-- from a gateway in warn mode (ingest.batch-signatures=warn), and say that nothing but the TLS
-- connection vouches for that batch.

-- The client certificates batches were signed under, by the SHA-256 of their DER bytes.
CREATE TABLE platform_certificate (
  certificate_sha256 bytea PRIMARY KEY CHECK (length(certificate_sha256) = 32),
  certificate        bytea NOT NULL
);

CREATE TABLE platform_batch (
  platform           text        NOT NULL,
  body_sha256        bytea       NOT NULL CHECK (length(body_sha256) = 32),
  batch_id           text        NOT NULL,
  received_at        timestamptz NOT NULL,
  signature          bytea,
  signature_state    text        NOT NULL CHECK (signature_state IN ('VALID', 'MISSING', 'INVALID')),
  certificate_sha256 bytea       NOT NULL REFERENCES platform_certificate (certificate_sha256),
  events_root        bytea       NOT NULL CHECK (length(events_root) = 32),
  event_count        integer     NOT NULL CHECK (event_count >= 0),
  PRIMARY KEY (platform, body_sha256),
  CHECK ((signature_state = 'MISSING') = (signature IS NULL))
);

CREATE INDEX platform_batch_by_id ON platform_batch (platform, batch_id);

CREATE TRIGGER platform_certificate_append_only BEFORE UPDATE OR DELETE ON platform_certificate
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER platform_certificate_no_truncate BEFORE TRUNCATE ON platform_certificate
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER platform_batch_append_only BEFORE UPDATE OR DELETE ON platform_batch
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER platform_batch_no_truncate BEFORE TRUNCATE ON platform_batch
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
