-- The privileges of the role the hub and the working-time job connect as at run time
-- (docs/design.md §8.4). Run it as the owner of the tables, after the migrations, whenever a
-- migration was applied:
--
--   psql "$OWNER_URL" -v ON_ERROR_STOP=1 -v runtime_role=shiftproof_hub -f runtime-grants.sql
--
-- The runtime role must be a plain LOGIN role: not a superuser, not the tables' owner, not a member
-- of the owner's role, without CREATEROLE or BYPASSRLS. PostgreSQL then refuses it every way to
-- rewrite history: only a table's owner may ALTER TABLE … DISABLE TRIGGER or DROP TRIGGER, and the
-- role holds neither TRUNCATE nor, on the append-only tables, UPDATE or DELETE.
--
-- The embedded server applies this file itself (io.shiftproof.schemas.sql.DatabaseRoles).

-- Nothing beyond what is granted below, including on tables a later migration adds.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"runtime_role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM :"runtime_role";
GRANT USAGE ON SCHEMA public TO :"runtime_role";

-- Flyway checks, read-only, that the schema is up to date when the ledger opens.
GRANT SELECT ON flyway_schema_history TO :"runtime_role";

-- Append-only: written once, never changed or removed. The ledger's log also refuses UPDATE,
-- DELETE and TRUNCATE by trigger, for every role but one that disables the trigger (its owner).
GRANT SELECT, INSERT ON ledger_entry, ledger_event, anchor_batch, day_record_version, late_event
  TO :"runtime_role";

-- The ledger's head row and world state move with every transaction; the audit checks both
-- against the signed entries, so a change made here shows.
GRANT SELECT, UPDATE ON ledger_head TO :"runtime_role";
GRANT SELECT, INSERT, UPDATE ON ledger_state TO :"runtime_role";

-- Working tables: live records are replaced and removed once sealed, progress moves on, and
-- idempotency keys are pruned after their retention.
GRANT SELECT, INSERT, UPDATE, DELETE ON day_record_live TO :"runtime_role";
GRANT SELECT, INSERT, UPDATE ON stream_progress TO :"runtime_role";
GRANT SELECT, INSERT, DELETE ON ingest_event_key TO :"runtime_role";

-- Claims (V10): reports, frozen evidence, token grants and revocations, and the access log with
-- its anchored batches are records of fact, append-only like the ledger's log (their triggers
-- refuse UPDATE, DELETE and TRUNCATE). claim_view is a projection of the ledger's claims, rewritten
-- as they move.
GRANT SELECT, INSERT ON claim_report, evidence_bundle, claim_freeze, worker_token,
  worker_token_revocation, access_log_entry, access_log_batch, access_log_member
  TO :"runtime_role";
GRANT SELECT, INSERT, UPDATE ON claim_view TO :"runtime_role";
GRANT USAGE, SELECT ON SEQUENCE access_log_entry_entry_id_seq TO :"runtime_role";

-- Platform batches (V11): each batch's body hash, signature, events root and the certificate it
-- was signed under are records of fact, append-only.
GRANT SELECT, INSERT ON platform_batch, platform_certificate TO :"runtime_role";
-- Each newly claimed event's exact bytes at its leaf of the batch (V12): what proves, event by
-- event, that a platform signed it; append-only like the batch.
GRANT SELECT, INSERT ON platform_event TO :"runtime_role";
