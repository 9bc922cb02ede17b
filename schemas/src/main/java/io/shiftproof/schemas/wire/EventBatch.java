package io.shiftproof.schemas.wire;

import java.util.List;

/** A batch of events as a platform posts it to {@code POST /v1/events}. */
public record EventBatch(String batchId, List<WorkEvent> events) {
  public EventBatch {
    events = List.copyOf(events);
  }
}
