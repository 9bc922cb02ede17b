package io.shiftproof.records;

import java.time.LocalDate;
import java.util.Objects;

/** Names one sealed version of a worker's day; written {@code workerRef/day/vN}. */
public record VersionKey(String workerRef, LocalDate day, int version) {

  public VersionKey {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
  }

  @Override
  public String toString() {
    return workerRef + "/" + day + "/v" + version;
  }
}
