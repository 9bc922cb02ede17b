package io.shiftproof.schemas.wire;

/**
 * Stable machine-readable codes for rejected input. Clients switch on these names, so a name never
 * changes and is never reused for a different meaning; new codes may be added.
 *
 * <p>Batch-level codes come with a {@link BatchRejectedException}; event-level codes with an {@link
 * EventRejection} that names the event's index in the batch.
 */
public enum ErrorCode {
  MALFORMED_JSON("the body is not well-formed UTF-8 JSON"),
  MALFORMED_AVRO("the body is not a well-formed Avro single-object encoded EventBatch"),
  UNSUPPORTED_SCHEMA("the Avro body names a schema fingerprint the hub does not know"),
  BODY_TOO_LARGE("the body exceeds the maximum accepted size"),
  NESTING_TOO_DEEP("the JSON body nests objects or arrays too deeply"),
  VALUE_TOO_LARGE("a single string, number or field name exceeds the parser limit"),
  UNKNOWN_FIELD("a field the schema does not define"),
  DUPLICATE_FIELD("the same field appears twice in one object"),
  MISSING_FIELD("a required field is absent or null"),
  WRONG_TYPE("a field or element has the wrong JSON type"),
  INVALID_BATCH_ID("batchId is empty, too long or not printable ASCII without spaces"),
  EMPTY_BATCH("the batch has no events"),
  TOO_MANY_EVENTS("the batch has more events than allowed"),
  INVALID_EVENT_ID("eventId is empty, longer than 128 characters or not printable ASCII"),
  INVALID_WORKER_REF("workerRef is not wr_ followed by 43 base64url characters of 32 bytes"),
  INVALID_SESSION_ID("sessionId is empty, longer than 64 characters or has control characters"),
  UNKNOWN_EVENT_TYPE("type is not one of the defined event types"),
  MISSING_TASK_REF("a TASK_* event has no taskRef"),
  INVALID_TASK_REF("taskRef is empty, longer than 64 characters or has control characters"),
  INVALID_TIMESTAMP("occurredAt is not an RFC 3339 timestamp with an offset"),
  FUTURE_TIMESTAMP("occurredAt is further ahead of the hub's clock than the allowed skew"),
  INVALID_CELL("cell is not a geohash of 1 to 6 characters"),
  /**
   * The event is valid but older than the correction horizon of the days it could change: it is
   * kept and stored for operators, but changes no record.
   */
  TOO_LATE("occurredAt is past the correction horizon: the event is stored but changes no record"),
  /**
   * Reserved for reporting a repeated eventId within one batch. The decoder does not reject such an
   * event: it is a duplicate, listed in {@link DecodedBatch#duplicateIndexes()}, in line with the
   * idempotency rule that a resent event counts as a duplicate, never twice.
   */
  DUPLICATE_IN_BATCH("the same eventId appears earlier in the batch");

  private final String description;

  ErrorCode(String description) {
    this.description = description;
  }

  /** A one-line explanation of the code, for documentation and responses. */
  public String description() {
    return description;
  }
}
