package io.shiftproof.ledger.contract;

import java.util.Objects;

/**
 * What {@code LogAccess} writes: one read of a worker's data, for the access-transparency log the
 * worker can see (docs/design.md §8).
 *
 * @param accessor the organisation that read the data
 * @param workerRef the worker's pseudonym
 * @param purpose why, e.g. the claim id the read was made for
 * @param resource what was read, e.g. {@code day-records/2026-11-28}
 */
public record AccessRecord(String accessor, String workerRef, String purpose, String resource) {
  public AccessRecord {
    Objects.requireNonNull(accessor, "accessor");
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(resource, "resource");
  }
}
