package io.shiftproof.gateway.stats;

import java.time.LocalDate;

/** Where the regulator's aggregates come from. Blocking. */
public interface Statistics {
  /** Working-time cells of the local days {@code from} to {@code to}, both included. */
  WorkingTimeCells workingTime(LocalDate from, LocalDate to);

  /** Claim cells of incidents on the local days {@code from} to {@code to}, both included. */
  ClaimCells claims(LocalDate from, LocalDate to);
}
