package io.shiftproof.ledger.contract;

/**
 * Where a contract transaction's events go: Fabric's {@code setEvent} on the peer, an events table
 * in the PostgreSQL ledger. Events are published only if the transaction commits.
 */
@FunctionalInterface
public interface EventSink {
  /** Records the event {@code eventName} (one of {@link ContractKeys}'s) with its payload. */
  void emit(String eventName, byte[] payload);
}
