package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.EventBatch;
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

  /** Number of events in the batch. */
  public int size() {
    return batch.events().size();
  }
}
