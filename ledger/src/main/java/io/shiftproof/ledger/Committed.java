package io.shiftproof.ledger;

import java.util.Objects;

/** The result of a ledger transaction and where it was committed. */
public record Committed<T>(T value, LedgerRef ref) {
  public Committed {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ref, "ref");
  }
}
