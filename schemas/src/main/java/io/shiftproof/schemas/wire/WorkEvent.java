package io.shiftproof.schemas.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated work-session event as a platform reported it (docs/design.md §4).
 *
 * <p>{@code occurredAtText} keeps the RFC 3339 text with its original offset, so the event can be
 * re-emitted exactly as received; {@code occurredAt} is the same instant for computation.
 */
public record WorkEvent(
    String eventId,
    String workerRef,
    String sessionId,
    WorkEventType type,
    Optional<String> taskRef,
    Instant occurredAt,
    String occurredAtText,
    Optional<String> cell) {

  public WorkEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(taskRef, "taskRef");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(occurredAtText, "occurredAtText");
    Objects.requireNonNull(cell, "cell");
  }
}
