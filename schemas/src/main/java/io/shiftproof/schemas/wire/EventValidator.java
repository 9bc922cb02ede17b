package io.shiftproof.schemas.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies the per-event rules of docs/design.md §4 to raw field values. The same rules run for JSON
 * and Avro input, so both formats accept exactly the same events.
 */
final class EventValidator {
  private static final String TYPE_LIST =
      Arrays.stream(WorkEventType.values()).map(Enum::name).collect(Collectors.joining(", "));

  private final BatchLimits limits;

  EventValidator(BatchLimits limits) {
    this.limits = limits;
  }

  /**
   * The validated event.
   *
   * @throws InvalidEvent naming the first broken rule, checked in field order
   */
  WorkEvent validate(EventFields f, Instant now) throws InvalidEvent {
    String eventId = require(f, EventFields.EVENT_ID, "eventId", f.eventId, ID_WANT);
    if (!WireRules.isPrintableId(eventId)) {
      throw invalid(ErrorCode.INVALID_EVENT_ID, "eventId", eventId, ID_WANT);
    }
    String workerRef = require(f, EventFields.WORKER_REF, "workerRef", f.workerRef, WORKER_WANT);
    if (!WorkerRefs.isWorkerRef(workerRef)) {
      String want =
          WorkerRefs.isNonCanonical(workerRef)
              ? WORKER_WANT
                  + " (the last character must be one of "
                  + WorkerRefs.CANONICAL_LAST_CHARS
                  + ")"
              : WORKER_WANT;
      throw invalid(ErrorCode.INVALID_WORKER_REF, "workerRef", workerRef, want);
    }
    String sessionId = require(f, EventFields.SESSION_ID, "sessionId", f.sessionId, SESSION_WANT);
    if (!WireRules.isPlainText(sessionId, WireRules.MAX_REF_CHARS)) {
      throw invalid(ErrorCode.INVALID_SESSION_ID, "sessionId", sessionId, SESSION_WANT);
    }
    String typeName = require(f, EventFields.TYPE, "type", f.type, "one of " + TYPE_LIST);
    WorkEventType type = WireRules.eventTypeOrNull(typeName);
    if (type == null) {
      throw invalid(ErrorCode.UNKNOWN_EVENT_TYPE, "type", typeName, "one of " + TYPE_LIST);
    }
    String taskRef = f.taskRef;
    if (taskRef == null && type.isTaskEvent()) {
      throw new InvalidEvent(
          ErrorCode.MISSING_TASK_REF,
          "taskRef: got "
              + absence(f, EventFields.TASK_REF)
              + ", want "
              + TASK_WANT
              + " for "
              + type);
    }
    if (taskRef != null && !WireRules.isPlainText(taskRef, WireRules.MAX_REF_CHARS)) {
      throw invalid(ErrorCode.INVALID_TASK_REF, "taskRef", taskRef, TASK_WANT);
    }
    String occurredAtText =
        require(f, EventFields.OCCURRED_AT, "occurredAt", f.occurredAt, TIMESTAMP_WANT);
    Instant occurredAt = Rfc3339.parseOrNull(occurredAtText);
    if (occurredAt == null) {
      String want =
          Rfc3339.lacksOffset(occurredAtText)
              ? "an explicit offset such as Z or +08:00 at the end (RFC 3339)"
              : TIMESTAMP_WANT;
      throw invalid(ErrorCode.INVALID_TIMESTAMP, "occurredAt", occurredAtText, want);
    }
    Instant latest = now.plus(limits.maxFutureSkew());
    if (occurredAt.isAfter(latest)) {
      throw invalid(
          ErrorCode.FUTURE_TIMESTAMP,
          "occurredAt",
          occurredAtText,
          "at most "
              + describe(limits.maxFutureSkew())
              + " ahead of the hub clock ("
              + now
              + "); check the sender's clock");
    }
    String cell = f.cell;
    if (cell != null && !WireRules.isCell(cell)) {
      throw invalid(ErrorCode.INVALID_CELL, "cell", cell, CELL_WANT);
    }
    return new WorkEvent(
        eventId,
        workerRef,
        sessionId,
        type,
        Optional.ofNullable(taskRef),
        occurredAt,
        occurredAtText,
        Optional.ofNullable(cell));
  }

  private static final String ID_WANT =
      "1 to " + WireRules.MAX_ID_CHARS + " printable ASCII characters without spaces";
  private static final String WORKER_WANT = WorkerRefs.WANTED;
  private static final String SESSION_WANT =
      "1 to " + WireRules.MAX_REF_CHARS + " characters without control characters";
  private static final String TASK_WANT =
      "1 to " + WireRules.MAX_REF_CHARS + " characters without control characters";
  private static final String TIMESTAMP_WANT =
      "an RFC 3339 date-time with offset, e.g. 2026-11-28T14:02:11.250+08:00";
  private static final String CELL_WANT =
      "a geohash of 1 to "
          + WireRules.MAX_CELL_CHARS
          + " characters from "
          + WireRules.GEOHASH_ALPHABET;

  private static String require(EventFields f, int bit, String field, String value, String want)
      throws InvalidEvent {
    if (value == null) {
      throw new InvalidEvent(
          ErrorCode.MISSING_FIELD, field + ": got " + absence(f, bit) + ", want " + want);
    }
    return value;
  }

  private static String describe(Duration d) {
    long seconds = d.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
  }

  private static String absence(EventFields f, int bit) {
    return (f.nulls & bit) != 0 ? "null" : "nothing";
  }

  private static InvalidEvent invalid(ErrorCode code, String field, String value, String want) {
    return new InvalidEvent(code, field + ": got " + ValueEcho.quote(value) + ", want " + want);
  }

  /**
   * A broken rule. Stackless: rejections are ordinary outcomes on the hot path, not bugs, and
   * filling in a stack trace per rejected event would cost more than validating it.
   */
  static final class InvalidEvent extends Exception {
    private static final long serialVersionUID = 1L;

    final ErrorCode code;

    InvalidEvent(ErrorCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
