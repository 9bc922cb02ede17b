-- Anchoring (DESIGN §6). The stream job anchors the sealed versions of each checkpoint as one
-- Merkle batch on the ledger, then stores the batch and the versions with their inclusion proofs
-- in one transaction: a version is visible only once its anchor has committed.

-- The hub's copy of each anchored batch and where the ledger committed it. The ledger's own
-- anchor is the authority; the audit compares the two.
CREATE TABLE anchor_batch (
  batch_id          text        PRIMARY KEY,
  chain             text        NOT NULL,
  sequence          bigint      NOT NULL CHECK (sequence >= 1),
  previous_batch_id text,
  checkpoint_id     bigint      NOT NULL,
  root              bytea       NOT NULL CHECK (length(root) = 32),
  tree_size         bigint      NOT NULL CHECK (tree_size >= 1),
  -- The event time the batch's records cover, epoch microseconds, [from, to).
  from_micros       bigint      NOT NULL,
  to_micros         bigint      NOT NULL,
  ledger_kind       text        NOT NULL,
  ledger_channel    text        NOT NULL,
  ledger_contract   text        NOT NULL,
  ledger_tx_id      text        NOT NULL,
  -- Block number on Fabric, entry sequence on the embedded ledger.
  ledger_position   bigint      NOT NULL,
  anchored_at       timestamptz NOT NULL,
  stored_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (chain, sequence)
);

-- Each anchored version's leaf: its index in the batch's tree and the RFC 6962 inclusion path
-- (the sibling hashes, 32 bytes each, leaf to root). Null only where the job ran without a
-- ledger (benchmarks); the hub always anchors.
ALTER TABLE day_record_version
  ADD COLUMN batch_id       text REFERENCES anchor_batch (batch_id),
  ADD COLUMN leaf_index     bigint,
  ADD COLUMN inclusion_path bytea,
  ADD CONSTRAINT day_record_version_leaf CHECK (
    (batch_id IS NULL) = (leaf_index IS NULL) AND (batch_id IS NULL) = (inclusion_path IS NULL));

CREATE UNIQUE INDEX day_record_version_by_leaf ON day_record_version (batch_id, leaf_index);
