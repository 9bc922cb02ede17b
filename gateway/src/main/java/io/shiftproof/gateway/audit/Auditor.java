package io.shiftproof.gateway.audit;

import java.sql.SQLException;

/** Checks every stored record against the ledger's anchors. */
public interface Auditor {
  /** Runs a whole audit. Blocks for as long as the history takes to re-hash. */
  AuditReport run() throws SQLException;
}
