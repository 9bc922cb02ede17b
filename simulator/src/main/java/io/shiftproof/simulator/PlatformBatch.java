package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A batch as one platform sends it: only that platform's events. The platform is not part of the
 * wire body; the hub learns it from the sender's client certificate.
 */
public record PlatformBatch(String platform, EventBatch batch) {
  public PlatformBatch {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batch, "batch");
  }

  /**
   * The batch's events as the hub records them when the batch arrives one second after its newest
   * event: for feeding the stream job directly, without a gateway in between.
   */
  public List<RecordedEvent> recorded() {
    Instant receivedAt =
        batch.events().stream()
            .map(WorkEvent::occurredAt)
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .plusSeconds(1);
    return batch.events().stream()
        .map(event -> new RecordedEvent(platform, batch.batchId(), receivedAt, event))
        .toList();
  }

  /** Number of events in the batch. */
  public int size() {
    return batch.events().size();
  }
}
