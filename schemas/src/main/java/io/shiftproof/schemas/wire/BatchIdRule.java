package io.shiftproof.schemas.wire;

/** The batch-level rule for {@code batchId}, shared by the JSON and Avro readers. */
final class BatchIdRule {
  private static final String WANT =
      "1 to " + WireRules.MAX_ID_CHARS + " printable ASCII characters without spaces";

  private BatchIdRule() {}

  /** Returns the batchId or throws; {@code got} describes an absent value ("nothing"/"null"). */
  static String require(String batchId, String got) {
    if (batchId == null) {
      throw new BatchRejectedException(
          ErrorCode.MISSING_FIELD, "batchId: got " + got + ", want " + WANT);
    }
    if (!WireRules.isPrintableId(batchId)) {
      throw new BatchRejectedException(
          ErrorCode.INVALID_BATCH_ID,
          "batchId: got " + ValueEcho.quote(batchId) + ", want " + WANT);
    }
    return batchId;
  }

  static BatchRejectedException tooManyEvents(int maxEvents) {
    return new BatchRejectedException(
        ErrorCode.TOO_MANY_EVENTS,
        "events: got more than "
            + maxEvents
            + " events, want at most "
            + maxEvents
            + "; split the batch");
  }

  static BatchRejectedException emptyBatch() {
    return new BatchRejectedException(
        ErrorCode.EMPTY_BATCH, "events: got an empty array, want at least one event");
  }

  static BatchRejectedException bodyTooLarge(int size, int maxBodyBytes) {
    return new BatchRejectedException(
        ErrorCode.BODY_TOO_LARGE,
        "body: got " + size + " bytes, want at most " + maxBodyBytes + "; split the batch");
  }
}
