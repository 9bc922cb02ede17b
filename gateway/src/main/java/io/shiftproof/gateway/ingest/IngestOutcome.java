package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.EventRejection;
import java.util.List;

/**
 * What happened to one batch: how many events were accepted now, how many had been accepted before
 * (duplicates), and which were rejected and why.
 */
public record IngestOutcome(
    String batchId, int accepted, int duplicates, List<EventRejection> rejected) {

  public IngestOutcome {
    rejected = List.copyOf(rejected);
  }

  /** True when the batch held events and every one of them was rejected. */
  public boolean allRejected() {
    return accepted == 0 && duplicates == 0 && !rejected.isEmpty();
  }
}
