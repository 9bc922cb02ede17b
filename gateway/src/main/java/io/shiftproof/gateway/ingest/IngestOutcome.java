package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.EventRejection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happened to one batch: how many events were accepted now, how many had been accepted before
 * (duplicates), and which were rejected and why. An event rejected {@code TOO_LATE} is also counted
 * as accepted or duplicate: it was kept, but it changes no record.
 */
public record IngestOutcome(
    String batchId, int accepted, int duplicates, List<EventRejection> rejected) {

  public IngestOutcome {
    rejected = List.copyOf(rejected);
  }

  /** True when the batch held events and every one of them was rejected without being kept. */
  public boolean allRejected() {
    return accepted == 0 && duplicates == 0 && !rejected.isEmpty();
  }

  /** This outcome with the kept events that came too late added to the rejections, in order. */
  public IngestOutcome withTooLate(List<EventRejection> tooLate) {
    if (tooLate.isEmpty()) {
      return this;
    }
    List<EventRejection> all = new ArrayList<>(rejected);
    all.addAll(tooLate);
    all.sort(Comparator.comparingInt(EventRejection::index));
    return new IngestOutcome(batchId, accepted, duplicates, all);
  }
}
