package io.shiftproof.ledger.evidence;

import java.util.Objects;

/** One sealed version of a worker's day record, as a decision cites it. */
public record RecordVersion(String day, int version) implements Comparable<RecordVersion> {
  public RecordVersion {
    Objects.requireNonNull(day, "day");
  }

  @Override
  public int compareTo(RecordVersion other) {
    int byDay = day.compareTo(other.day);
    return byDay != 0 ? byDay : Integer.compare(version, other.version);
  }
}
