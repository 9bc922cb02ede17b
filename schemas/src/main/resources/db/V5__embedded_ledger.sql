-- The embedded ledger (DESIGN §6): an append-only, hash-chained and hub-signed log of contract
-- transactions, and the world state those transactions produced. Used when the hub runs without
-- Fabric; it accepts and refuses exactly what the Fabric chaincode does.

-- One row per committed transaction. entry_hash is SHA-256 of the entry's canonical signed bytes
-- and previous_hash is the entry_hash of sequence - 1 (32 zero bytes for the first), so changing,
-- dropping or reordering a row breaks the chain; signature is the hub's ECDSA P-256 signature of
-- the same bytes. payload is text, not jsonb: the exact bytes are hashed, and jsonb would
-- normalise them.
CREATE TABLE ledger_entry (
  sequence      bigint      PRIMARY KEY CHECK (sequence >= 1),
  tx_id         text        NOT NULL UNIQUE,
  tx_time       timestamptz NOT NULL,
  function      text        NOT NULL,
  invoker       text        NOT NULL,
  payload       text        NOT NULL,
  previous_hash bytea       NOT NULL CHECK (length(previous_hash) = 32),
  entry_hash    bytea       NOT NULL CHECK (length(entry_hash) = 32),
  signature     bytea       NOT NULL
);

-- Append-only: the application never updates, deletes or truncates entries, so any attempt is
-- refused. (The hash chain and signatures still reveal changes made by someone who disables this.)
CREATE FUNCTION ledger_entry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_append_only
  BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();

-- TRUNCATE fires no row triggers, and an emptied log whose head row is reset verifies as intact,
-- so it needs a statement trigger of its own.
CREATE TRIGGER ledger_entry_no_truncate
  BEFORE TRUNCATE ON ledger_entry
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_append_only();

-- The world state: the contract's keys (anchor~…, head~…, claim~…, access~…) and their JSON
-- values as of the latest entry that wrote them.
CREATE TABLE ledger_state (
  key                 text   PRIMARY KEY,
  value               bytea  NOT NULL,
  updated_by_sequence bigint NOT NULL REFERENCES ledger_entry (sequence)
);

-- The events each entry emitted, in emission order, for subscribers that poll by sequence.
CREATE TABLE ledger_event (
  sequence bigint  NOT NULL REFERENCES ledger_entry (sequence),
  ordinal  integer NOT NULL,
  name     text    NOT NULL,
  payload  bytea   NOT NULL,
  PRIMARY KEY (sequence, ordinal)
);

-- The newest entry, in a single row that every writer locks (SELECT … FOR UPDATE) first, so that
-- transactions are serialised and each one extends the chain from the head it read.
CREATE TABLE ledger_head (
  id         smallint PRIMARY KEY CHECK (id = 1),
  sequence   bigint   NOT NULL CHECK (sequence >= 0),
  entry_hash bytea    NOT NULL CHECK (length(entry_hash) = 32)
);

INSERT INTO ledger_head (id, sequence, entry_hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));
