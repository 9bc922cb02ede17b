package io.shiftproof.ledger.evidence;

/** Something an insurer must notice about a coverage decision. */
public enum CoverageFlag {
  /** More than one platform was engaged at t, so liability is shared. */
  MULTIPLE_LIABLE
}
