-- Claims (DESIGN §7): reports, frozen evidence and the hub's index of claims; worker access tokens;
-- the access-transparency log anchored in Merkle batches (DESIGN §8.5). The ledger holds the
-- claims and policies themselves; these tables hold what the hub needs to serve them quickly.
--
-- Tables that are records of fact are append-only, refused UPDATE, DELETE and TRUNCATE the way the
-- ledger's log is (V5). claim_view alone is a projection of the ledger, rewritten as claims move.

CREATE FUNCTION shiftproof_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

-- Each report as its reporter sent it: the reporter's own reference is the idempotency key, and
-- request_hash (SHA-256 of what the report said) tells a resend from a reuse of the reference.
CREATE TABLE claim_report (
  reporter     text        NOT NULL,
  reference    text        NOT NULL,
  claim_id     text        NOT NULL UNIQUE,
  worker_ref   text        NOT NULL,
  category     text,
  request_hash bytea       NOT NULL CHECK (length(request_hash) = 32),
  reported_at  timestamptz NOT NULL,
  PRIMARY KEY (reporter, reference)
);

-- Evidence bundles, content-addressed: the key is the SHA-256 of the exact bytes served.
CREATE TABLE evidence_bundle (
  evidence_hash text        PRIMARY KEY CHECK (evidence_hash ~ '^[0-9a-f]{64}$'),
  bundle        bytea       NOT NULL,
  stored_at     timestamptz NOT NULL
);

-- Each freeze of a claim's evidence, with the decision support the hub computed from it.
CREATE TABLE claim_freeze (
  claim_id         text        NOT NULL,
  evidence_hash    text        NOT NULL REFERENCES evidence_bundle (evidence_hash),
  frozen_at        timestamptz NOT NULL,
  decision_support text        NOT NULL,
  PRIMARY KEY (claim_id, evidence_hash)
);

-- The hub's index of claims, rewritten after each ledger transaction on the claim: whose claim,
-- which local days its window covers, who may read for it. The ledger stays the truth.
CREATE TABLE claim_view (
  claim_id          text        PRIMARY KEY,
  worker_ref        text        NOT NULL,
  incident_at       timestamptz NOT NULL,
  window_from_day   date        NOT NULL,
  window_to_day     date        NOT NULL,
  reported_by       text        NOT NULL,
  status            text        NOT NULL,
  decision          text,
  platforms         text[]      NOT NULL,
  assigned_insurers text[]      NOT NULL,
  evidence_hash     text,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX claim_view_by_worker ON claim_view (worker_ref);
CREATE INDEX claim_view_by_insurer ON claim_view USING gin (assigned_insurers);

-- Worker access tokens: only the SHA-256 of a token is kept, never the token.
CREATE TABLE worker_token (
  token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
  worker_ref text        NOT NULL,
  issued_by  text        NOT NULL,
  claim_id   text,
  issued_at  timestamptz NOT NULL
);

CREATE TABLE worker_token_revocation (
  token_hash bytea       PRIMARY KEY REFERENCES worker_token (token_hash),
  revoked_by text        NOT NULL,
  revoked_at timestamptz NOT NULL
);

-- The access-transparency log: every read of a worker's data by anyone but the worker.
CREATE TABLE access_log_entry (
  entry_id    bigserial   PRIMARY KEY,
  worker_ref  text        NOT NULL,
  accessor    text        NOT NULL,
  role        text        NOT NULL,
  purpose     text        NOT NULL,
  claim_id    text,
  resource    text        NOT NULL,
  versions    text        NOT NULL,
  accessed_at timestamptz NOT NULL,
  leaf_hash   bytea       NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX access_log_entry_by_worker ON access_log_entry (worker_ref, entry_id);

-- Merkle batches of the log, each anchored on the ledger (chain shiftproof-access-log).
CREATE TABLE access_log_batch (
  batch_id    text        PRIMARY KEY,
  root        bytea       NOT NULL CHECK (length(root) = 32),
  tree_size   integer     NOT NULL CHECK (tree_size >= 1),
  tx_id       text        NOT NULL,
  position    bigint      NOT NULL,
  anchored_at timestamptz NOT NULL
);

CREATE TABLE access_log_member (
  entry_id   bigint  PRIMARY KEY REFERENCES access_log_entry (entry_id),
  batch_id   text    NOT NULL REFERENCES access_log_batch (batch_id),
  leaf_index integer NOT NULL,
  UNIQUE (batch_id, leaf_index)
);

CREATE TRIGGER claim_report_append_only BEFORE UPDATE OR DELETE ON claim_report
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER claim_report_no_truncate BEFORE TRUNCATE ON claim_report
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER evidence_bundle_append_only BEFORE UPDATE OR DELETE ON evidence_bundle
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER evidence_bundle_no_truncate BEFORE TRUNCATE ON evidence_bundle
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER claim_freeze_append_only BEFORE UPDATE OR DELETE ON claim_freeze
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER claim_freeze_no_truncate BEFORE TRUNCATE ON claim_freeze
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER worker_token_append_only BEFORE UPDATE OR DELETE ON worker_token
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER worker_token_no_truncate BEFORE TRUNCATE ON worker_token
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER worker_token_revocation_append_only BEFORE UPDATE OR DELETE
  ON worker_token_revocation FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER worker_token_revocation_no_truncate BEFORE TRUNCATE ON worker_token_revocation
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER access_log_entry_append_only BEFORE UPDATE OR DELETE ON access_log_entry
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER access_log_entry_no_truncate BEFORE TRUNCATE ON access_log_entry
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER access_log_batch_append_only BEFORE UPDATE OR DELETE ON access_log_batch
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER access_log_batch_no_truncate BEFORE TRUNCATE ON access_log_batch
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER access_log_member_append_only BEFORE UPDATE OR DELETE ON access_log_member
  FOR EACH ROW EXECUTE FUNCTION shiftproof_append_only();
CREATE TRIGGER access_log_member_no_truncate BEFORE TRUNCATE ON access_log_member
  FOR EACH STATEMENT EXECUTE FUNCTION shiftproof_append_only();
