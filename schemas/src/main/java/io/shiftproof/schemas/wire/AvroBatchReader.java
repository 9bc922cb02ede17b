package io.shiftproof.schemas.wire;

import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificData;

/**
 * Reads an Avro single-object encoded {@code EventBatch}, written with any released version of its
 * schema, then validates each event with the same rules as JSON.
 */
final class AvroBatchReader {
  static final SchemaHistory HISTORY =
      SchemaHistory.load("EventBatch", io.shiftproof.schemas.avro.EventBatch.getClassSchema());
  private static final SpecificData MODEL =
      new io.shiftproof.schemas.avro.EventBatch().getSpecificData();
  private static final int MAX_STRING_BYTES = 64 * 1024;
  private static final String BODY_WANT =
      "want Avro single-object encoding (C3 01, 8-byte fingerprint, datum) of EventBatch";

  private final BatchLimits limits;
  private final EventValidator validator;
  private final SchemaHistory history;
  private final SingleObjectReader<io.shiftproof.schemas.avro.EventBatch> reader;

  AvroBatchReader(BatchLimits limits, EventValidator validator) {
    this(limits, validator, HISTORY);
  }

  AvroBatchReader(BatchLimits limits, EventValidator validator, SchemaHistory history) {
    this.limits = limits;
    this.validator = validator;
    this.history = history;
    // events is the only array in every EventBatch version so far, so the item limit is the
    // event limit; it stops a hostile count before any allocation.
    this.reader =
        new SingleObjectReader<>(
            history,
            MODEL,
            new SingleObjectReader.Limits(
                MAX_STRING_BYTES,
                limits.maxEvents(),
                ErrorCode.TOO_MANY_EVENTS,
                BatchIdRule.tooManyEvents(limits.maxEvents()).getMessage()),
            new BodyRefusals());
  }

  DecodedBatch read(byte[] body, Instant now) {
    if (body.length > limits.maxBodyBytes()) {
      throw BatchIdRule.bodyTooLarge(body.length, limits.maxBodyBytes());
    }
    io.shiftproof.schemas.avro.EventBatch batch = reader.read(body);
    String batchId = BatchIdRule.require(batch.getBatchId(), "nothing");
    List<io.shiftproof.schemas.avro.WorkEvent> events = batch.getEvents();
    if (events.isEmpty()) {
      throw BatchIdRule.emptyBatch();
    }
    BatchAssembler assembler = new BatchAssembler(validator, now);
    EventFields fields = new EventFields();
    for (int i = 0; i < events.size(); i++) {
      AvroMapping.fill(events.get(i), fields);
      assembler.offer(i, fields);
    }
    // The datum decoded whole, so walking it again for the events' spans cannot fail.
    return assembler.finish(batchId, EventSpans.ofAvro(body, history));
  }

  /** Refusals of a posted body, worded for the client that sent it. */
  private static final class BodyRefusals implements SingleObjectReader.Refusals {
    @Override
    public RuntimeException noHeader(int length) {
      return new BatchRejectedException(
          ErrorCode.MALFORMED_AVRO,
          "body: got " + length + " bytes without the single-object header, " + BODY_WANT);
    }

    @Override
    public RuntimeException unknownSchema(long fingerprint, long currentFingerprint) {
      return new BatchRejectedException(
          ErrorCode.UNSUPPORTED_SCHEMA,
          "schema fingerprint: got "
              + SingleObjectEncoding.hex(fingerprint)
              + ", want "
              + SingleObjectEncoding.hex(currentFingerprint)
              + " (EventBatch) or an earlier released version");
    }

    @Override
    public RuntimeException malformed(Exception cause) {
      if (cause instanceof AvroLimitException limit) {
        return new BatchRejectedException(limit.code, limit.getMessage());
      }
      return new BatchRejectedException(
          ErrorCode.MALFORMED_AVRO,
          "body: got malformed Avro (" + ValueEcho.reason(cause.getMessage()) + "), " + BODY_WANT);
    }

    @Override
    public RuntimeException trailingBytes(int count) {
      return new BatchRejectedException(
          ErrorCode.MALFORMED_AVRO,
          "body: got " + count + " bytes after the EventBatch datum, " + BODY_WANT);
    }
  }
}
