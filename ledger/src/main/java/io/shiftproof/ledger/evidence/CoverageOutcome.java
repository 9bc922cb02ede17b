package io.shiftproof.ledger.evidence;

/** The answer of a coverage rule set to "was the worker working for a platform at {@code t}?". */
public enum CoverageOutcome {
  /** Engaged at the incident instant: the engaged platforms are liable. */
  COVERED,
  /** Not engaged at the instant but close to it: a person decides. */
  REVIEW,
  /** Only waiting online, or offline. */
  NOT_COVERED
}
