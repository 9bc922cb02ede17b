package io.shiftproof.records;

import java.util.Objects;

/**
 * An event that arrived after every day it could change had left the correction horizon: kept with
 * reason {@code TOO_LATE} for operators instead of being dropped (docs/design.md §5). This is what
 * the stream job emits and the store writes into {@code late_event}; an operator reads it back as a
 * {@link StoredLateEvent}.
 *
 * @param encoded the event as recorded on the topic ({@code RecordedEventCodec})
 */
public record LateEvent(
    String platform,
    String eventId,
    String workerRef,
    String batchId,
    long occurredAtMicros,
    long receivedAtMillis,
    long watermarkMillis,
    byte[] encoded) {

  public static final String TOO_LATE = "TOO_LATE";

  public LateEvent {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(encoded, "encoded");
  }
}
