package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Cover as the ledger holds it: which insurer covers which platform over which period, at what
 * premium per order (docs/design.md §7.2). Registered by the insurer; in force only once the
 * platform (or the operator) has accepted it.
 *
 * @param acceptedBy the organisation that accepted it, once accepted
 * @param registeredAt the timestamp of the registering transaction
 * @param acceptedAt the timestamp of the accepting transaction, once accepted
 */
public record Policy(
    PolicyTerms terms,
    PolicyStatus status,
    Optional<String> acceptedBy,
    Instant registeredAt,
    Optional<Instant> acceptedAt) {
  public Policy {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(acceptedBy, "acceptedBy");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
  }

  /** Whether this policy is accepted and its period holds {@code instant} (from inclusive). */
  public boolean inForceAt(Instant instant) {
    return status == PolicyStatus.ACCEPTED
        && !instant.isBefore(terms.validFrom())
        && instant.isBefore(terms.validTo());
  }

  Policy accepted(String by, Instant at) {
    return new Policy(terms, PolicyStatus.ACCEPTED, Optional.of(by), registeredAt, Optional.of(at));
  }
}
