package io.shiftproof.gateway.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a read of a worker's data is allowed, as the access log records it.
 *
 * @param purpose {@code claim} for an insurer or platform reading for a claim, {@code operator} for
 *     an admin, who is not bound to a claim but is logged
 * @param claimId the claim the read is for, if any
 */
public record ReadPurpose(String purpose, Optional<String> claimId) {
  /** An admin's read: allowed without a claim, and logged. */
  public static final ReadPurpose OPERATOR = new ReadPurpose("operator", Optional.empty());

  public ReadPurpose {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(claimId, "claimId");
  }

  /** A read for a claim. */
  public static ReadPurpose forClaim(String claimId) {
    return new ReadPurpose("claim", Optional.of(claimId));
  }
}
