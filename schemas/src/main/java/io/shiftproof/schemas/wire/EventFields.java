package io.shiftproof.schemas.wire;

/**
 * The raw field values of one event as read from JSON or Avro, before validation. Mutable and
 * reused across the events of a batch so the hot path allocates only the strings themselves.
 */
final class EventFields {
  static final int EVENT_ID = 1;
  static final int WORKER_REF = 1 << 1;
  static final int SESSION_ID = 1 << 2;
  static final int TYPE = 1 << 3;
  static final int TASK_REF = 1 << 4;
  static final int OCCURRED_AT = 1 << 5;
  static final int CELL = 1 << 6;

  static final String FIELD_LIST = "eventId, workerRef, sessionId, type, taskRef, occurredAt, cell";

  String eventId;
  String workerRef;
  String sessionId;
  String type;
  String taskRef;
  String occurredAt;
  String cell;

  /** Fields that were present with an explicit JSON null, to say "got null" in messages. */
  int nulls;

  void clear() {
    eventId = null;
    workerRef = null;
    sessionId = null;
    type = null;
    taskRef = null;
    occurredAt = null;
    cell = null;
    nulls = 0;
  }

  /** The bit of a known field name, or 0 for an unknown one. */
  static int bitOf(String name) {
    return switch (name) {
      case "eventId" -> EVENT_ID;
      case "workerRef" -> WORKER_REF;
      case "sessionId" -> SESSION_ID;
      case "type" -> TYPE;
      case "taskRef" -> TASK_REF;
      case "occurredAt" -> OCCURRED_AT;
      case "cell" -> CELL;
      default -> 0;
    };
  }

  void set(int bit, String value) {
    switch (bit) {
      case EVENT_ID -> eventId = value;
      case WORKER_REF -> workerRef = value;
      case SESSION_ID -> sessionId = value;
      case TYPE -> type = value;
      case TASK_REF -> taskRef = value;
      case OCCURRED_AT -> occurredAt = value;
      case CELL -> cell = value;
      default -> throw new IllegalArgumentException("unknown field bit " + bit);
    }
  }
}
