package io.shiftproof.ledger.endorsement;

import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link EndorsedTransactionReader}s on the class path. */
public final class EndorsedTransactionReaders {
  private EndorsedTransactionReaders() {}

  /** The reader of {@code type}, if one is on the class path. */
  public static Optional<EndorsedTransactionReader> forType(String type) {
    for (EndorsedTransactionReader reader : ServiceLoader.load(EndorsedTransactionReader.class)) {
      if (reader.type().equals(type)) {
        return Optional.of(reader);
      }
    }
    return Optional.empty();
  }
}
