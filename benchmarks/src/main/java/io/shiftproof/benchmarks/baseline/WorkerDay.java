package io.shiftproof.benchmarks.baseline;

import java.time.LocalDate;
import java.util.Objects;

/** One worker's local day: the key of a day's totals. */
public record WorkerDay(String workerRef, LocalDate day) {
  public WorkerDay {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
  }
}
