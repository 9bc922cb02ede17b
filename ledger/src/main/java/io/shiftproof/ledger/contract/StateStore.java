package io.shiftproof.ledger.contract;

import java.util.Optional;

/**
 * The world state a contract transaction reads and writes: Fabric's {@code getState}/{@code
 * putState} on the peer, a table in the PostgreSQL ledger. Writes become visible to later reads of
 * the same transaction and are committed together with it, or not at all.
 */
public interface StateStore {
  /** The value stored under {@code key}, if any. */
  Optional<byte[]> get(String key);

  /** Stores {@code value} under {@code key}, replacing what was there. */
  void put(String key, byte[] value);
}
