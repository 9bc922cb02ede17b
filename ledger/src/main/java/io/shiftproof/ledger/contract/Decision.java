package io.shiftproof.ledger.contract;

/** An insurer's decision on a claim. */
public enum Decision {
  /** Covered; the claim may be paid. */
  APPROVED,
  /** Not covered; final. */
  REJECTED,
  /** The evidence does not settle it; the claim stays open for new evidence. */
  NEEDS_INFO
}
