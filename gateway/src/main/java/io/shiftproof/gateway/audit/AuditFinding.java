package io.shiftproof.gateway.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing the audit found wrong, with a stable code (docs/design.md §6.6):
 *
 * <ul>
 *   <li>{@code RECORD_CHANGED} — a stored version no longer hashes, through its stored path, to the
 *       root the signed ledger entry anchored: its bytes or its proof changed after anchoring;
 *   <li>{@code RECORD_MISSING} — a batch holds fewer stored versions than its anchored tree size;
 *   <li>{@code ANCHOR_MISSING} — the hub stores a batch no verified ledger entry anchored;
 *   <li>{@code ANCHOR_MISMATCH} — the hub's copy of an anchor differs from the signed entry's;
 *   <li>{@code BATCH_MISSING} — a signed entry anchored a batch the hub no longer stores (the
 *       newest batches deleted, say);
 *   <li>{@code CHAIN_GAP} — a chain's stored batches skip a sequence number or name another
 *       previous batch than the one before them;
 *   <li>{@code UNANCHORED_VERSION} — a sealed version the hub stores without an anchor;
 *   <li>{@code LEDGER_ENTRY_BROKEN} — an entry of the ledger's hash chain does not verify;
 *   <li>{@code LEDGER_STATE_MISMATCH} — the ledger's world state (an anchor, a chain head) differs
 *       from what the signed entries say;
 *   <li>{@code LEDGER_TAIL_CUT} — the log ends before the sequence of a head kept earlier;
 *   <li>{@code LEDGER_TAIL_REWRITTEN} — the log's entry at a kept head's sequence has another hash;
 *   <li>{@code KEPT_HEAD_INVALID} — the kept head is not signed by the hub's key.
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
