package io.shiftproof.ledger.contract;

/** Where a policy is: offered by the insurer, or accepted and so able to be in force. */
public enum PolicyStatus {
  /** Registered by the insurer; covers nothing until accepted. */
  REGISTERED,
  /** Accepted by the platform or the operator; in force over its period. */
  ACCEPTED
}
