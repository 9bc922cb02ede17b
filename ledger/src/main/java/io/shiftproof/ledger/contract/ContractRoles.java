package io.shiftproof.ledger.contract;

import java.util.Set;

/**
 * The invoker roles the contract knows. They are the OU values of the hub's certificates plus
 * {@code hub}, the hub's own identity, kept as plain strings so that this package depends on
 * nothing but the JDK and Jackson when it is packaged as chaincode.
 */
public final class ContractRoles {
  /** A gig platform. */
  public static final String PLATFORM = "platform";

  /** An insurer or the social-insurance agency. */
  public static final String INSURER = "insurer";

  /** A regulator, which reads aggregates only. */
  public static final String REGULATOR = "regulator";

  /** The hub's operator. */
  public static final String ADMIN = "admin";

  /** The hub itself: the stream job anchoring batches, the gateway logging reads. */
  public static final String HUB = "hub";

  /** Every role above. */
  public static final Set<String> ALL = Set.of(PLATFORM, INSURER, REGULATOR, ADMIN, HUB);

  private ContractRoles() {}
}
