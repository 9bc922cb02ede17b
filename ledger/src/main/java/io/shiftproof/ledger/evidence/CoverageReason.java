package io.shiftproof.ledger.evidence;

/** Why a coverage rule set reached its outcome. */
public enum CoverageReason {
  /** {@link CoverageOutcome#COVERED}: some platform had the worker en route or on task at t. */
  ENGAGED,
  /** {@link CoverageOutcome#REVIEW}: engaged within two minutes of t, inside clock disagreement. */
  CLOCK_TOLERANCE,
  /** {@link CoverageOutcome#REVIEW}: an engaged stretch ended in the 30 minutes before t. */
  AFTER_TASK,
  /** {@link CoverageOutcome#NOT_COVERED}: online on some platform but waiting for an order. */
  ONLINE_WAITING,
  /** {@link CoverageOutcome#NOT_COVERED}: online on no platform. */
  OFFLINE
}
