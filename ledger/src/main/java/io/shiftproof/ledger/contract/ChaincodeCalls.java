package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The chaincode's call format beyond the contract's SUBMIT transaction names ({@link
 * io.shiftproof.ledger.contract.ContractKeys}): the EVALUATE names, and how a time travels (epoch
 * microseconds as a decimal string). The Fabric ledger builds calls in the same format.
 *
 * <p>Every call's first argument is the ledger namespace: the prefix of every state key the call
 * reads or writes, empty for the hub's ledger. Separate namespaces let independent ledgers (a test
 * per namespace) share one channel; none of them can touch the hub's keys.
 */
public final class ChaincodeCalls {
  /** EVALUATE: an anchor by batch id. */
  public static final String GET_ANCHOR = "GetAnchor";

  /** EVALUATE: the newest anchor of a chain. */
  public static final String GET_HEAD = "GetHead";

  /** EVALUATE: a claim by id. */
  public static final String GET_CLAIM = "GetClaim";

  /** EVALUATE: a policy by id, empty when there is none. */
  public static final String GET_POLICY = "GetPolicy";

  /** EVALUATE: a platform's policies, as {@code {"policies": [policy JSON, ...]}}. */
  public static final String GET_PLATFORM_POLICIES = "GetPlatformPolicies";

  /** EVALUATE: every policy of the namespace, as {@code {"policies": [policy JSON, ...]}}. */
  public static final String GET_POLICIES = "GetPolicies";

  /**
   * EVALUATE: every committed version of a claim, from the peer's history of its key, as {@code
   * {"history": ["txId", claim JSON, ...]}}.
   */
  public static final String GET_CLAIM_HISTORY = "GetClaimHistory";

  private ChaincodeCalls() {}

  /** A time as a call argument. */
  public static String micros(Instant t) {
    Instant m = t.truncatedTo(ChronoUnit.MICROS);
    return Long.toString(
        Math.addExact(Math.multiplyExact(m.getEpochSecond(), 1_000_000L), m.getNano() / 1_000));
  }

  /** A time from a call argument. */
  public static Instant instant(String micros) {
    long value;
    try {
      value = Long.parseLong(micros);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("got \"" + micros + "\", want epoch microseconds");
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
  }
}
