package io.shiftproof.ledger.contract;

/** Where a claim is in its workflow (docs/design.md §7). */
public enum ClaimStatus {
  /** Reported by a platform or the worker; no evidence yet. */
  REPORTED,
  /** The frozen evidence's hash is attached; the insurer may decide. */
  EVIDENCE_ATTACHED,
  /** Decided; with {@link Decision#NEEDS_INFO} new evidence may still be attached. */
  DECIDED,
  /** Approved and paid; final. */
  PAID
}
