package io.shiftproof.gateway.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing the audit found wrong, with a stable code:
 *
 * <ul>
 *   <li>{@code RECORD_CHANGED} — a stored version no longer hashes to a leaf of its anchored tree:
 *       its bytes (or its stored proof) changed after anchoring;
 *   <li>{@code RECORD_MISSING} — a batch holds fewer stored versions than its anchored tree size;
 *   <li>{@code ANCHOR_MISSING} — the hub stores a batch the ledger has no anchor for;
 *   <li>{@code ANCHOR_MISMATCH} — the hub's copy of an anchor differs from the ledger's;
 *   <li>{@code CHAIN_GAP} — a chain's stored batches skip a sequence number or name another
 *       previous batch than the one before them;
 *   <li>{@code UNANCHORED_VERSION} — a sealed version the hub stores without an anchor;
 *   <li>{@code LEDGER_ENTRY_BROKEN} — an entry of the embedded ledger's hash chain does not verify.
 * </ul>
 *
 * @param record {@code workerRef/day/vN} of the version concerned, when there is one
 */
public record AuditFinding(
    String code, Optional<String> batchId, Optional<String> record, String detail) {
  public AuditFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(detail, "detail");
  }
}
