package io.shiftproof.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of walking a ledger's own history: for the PostgreSQL ledger, its hash chain of
 * hub-signed entries ({@link LedgerReader#verifyChain}).
 *
 * @param entriesChecked how many entries were checked before the walk ended
 * @param brokenAt the sequence of the first entry that failed a check, if any
 * @param reason what failed there, e.g. {@code signature does not verify with the hub key}
 */
public record ChainVerification(
    long entriesChecked, Optional<Long> brokenAt, Optional<String> reason) {
  public ChainVerification {
    Objects.requireNonNull(brokenAt, "brokenAt");
    Objects.requireNonNull(reason, "reason");
    if (brokenAt.isPresent() != reason.isPresent()) {
      throw new IllegalArgumentException("reason: want one exactly when brokenAt is present");
    }
  }

  /** Every entry checked out. */
  public static ChainVerification intact(long entriesChecked) {
    return new ChainVerification(entriesChecked, Optional.empty(), Optional.empty());
  }

  /** The chain is broken at {@code sequence}. */
  public static ChainVerification broken(long entriesChecked, long sequence, String reason) {
    return new ChainVerification(entriesChecked, Optional.of(sequence), Optional.of(reason));
  }

  /** Whether every entry checked out. */
  public boolean ok() {
    return brokenAt.isEmpty();
  }
}
