package io.shiftproof.streamjobs.worktime;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;

/**
 * The part of a recorded event that working time depends on, as plain values so that a worker's
 * timeline can be kept as operator state and restored with {@link WorkerTimeline#restore}.
 *
 * @param taskRef the task, or the empty string for events that concern no task
 * @param occurredAt when the event happened, at microsecond precision
 */
public record TimelineEvent(
    String platform,
    String batchId,
    Instant receivedAt,
    String eventId,
    String sessionId,
    WorkEventType type,
    String taskRef,
    Instant occurredAt) {

  /**
   * Of two copies of one event, the one the hub received first (ties by batch id) is the event;
   * later copies are resends. Choosing by content rather than by arrival keeps the result
   * independent of the order in which copies reach the job.
   */
  private static final Comparator<TimelineEvent> FIRST_RECEIVED =
      Comparator.comparing(TimelineEvent::receivedAt).thenComparing(TimelineEvent::batchId);

  public TimelineEvent {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(taskRef, "taskRef");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /**
   * The idempotency key {@code (platform, eventId)} as one string: copies of one event share it.
   * The separator cannot occur in either part (platform names and event ids carry no white space).
   */
  public String identity() {
    return platform + '\n' + eventId;
  }

  /** Whether this copy of an event, rather than {@code held}, is the event (see above). */
  public boolean supersedes(TimelineEvent held) {
    return FIRST_RECEIVED.compare(this, held) < 0;
  }

  /**
   * The timeline view of an event as the hub recorded it. The wire accepts nanoseconds, but the day
   * record stores segment bounds in microseconds; truncating here (towards the past) keeps every
   * segment exactly representable, so a verifier recomputing totals from segments gets ours.
   */
  public static TimelineEvent of(RecordedEvent recorded) {
    WorkEvent event = recorded.event();
    return new TimelineEvent(
        recorded.platform(),
        recorded.batchId(),
        recorded.receivedAt(),
        event.eventId(),
        event.sessionId(),
        event.type(),
        event.taskRef().orElse(""),
        event.occurredAt().truncatedTo(ChronoUnit.MICROS));
  }
}
