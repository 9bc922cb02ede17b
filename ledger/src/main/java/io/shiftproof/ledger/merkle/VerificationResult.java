package io.shiftproof.ledger.merkle;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a proof: verified, or the first check that failed in the form {@code
 * field: got X, want Y}.
 */
public record VerificationResult(Optional<String> failure) {
  private static final VerificationResult VERIFIED = new VerificationResult(Optional.empty());

  public VerificationResult {
    Objects.requireNonNull(failure, "failure");
  }

  /** The proof holds. */
  public static VerificationResult verified() {
    return VERIFIED;
  }

  /** The proof does not hold, for {@code reason}. */
  public static VerificationResult failed(String reason) {
    return new VerificationResult(Optional.of(reason));
  }

  /** Whether every check passed. */
  public boolean isVerified() {
    return failure.isEmpty();
  }
}
