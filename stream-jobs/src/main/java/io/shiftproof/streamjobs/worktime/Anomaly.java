package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One anomaly flag of a working day, with enough context for an operator or insurer to find the
 * events behind it.
 *
 * @param at the instant the rule took effect: the close time for {@link AnomalyKind#TIMEOUT} (the
 *     session's last event), the opening or start time for the implied kinds
 * @param eventId the event that triggered the rule; for a timeout, the session's last event
 * @param taskRef the task concerned, when the triggering event is a task event
 */
public record Anomaly(
    AnomalyKind kind,
    String platform,
    String sessionId,
    Optional<String> taskRef,
    String eventId,
    Instant at) {

  public Anomaly {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(taskRef, "taskRef");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(at, "at");
  }
}
