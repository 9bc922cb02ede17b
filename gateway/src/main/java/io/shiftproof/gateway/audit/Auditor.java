package io.shiftproof.gateway.audit;

import io.shiftproof.ledger.SignedLedgerHead;
import java.sql.SQLException;
import java.util.Optional;

/** Checks every stored record against the ledger's signed anchors. */
public interface Auditor {
  /**
   * Runs a whole audit. Blocks for as long as the history takes to re-hash.
   *
   * @param keptHead a head of the ledger's log an outsider kept; the log must still hold its entry
   *     with the same hash, or its tail was cut or rewritten since
   */
  AuditReport run(Optional<SignedLedgerHead> keptHead) throws SQLException;
}
