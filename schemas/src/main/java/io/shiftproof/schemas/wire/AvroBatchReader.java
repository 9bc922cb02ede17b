package io.shiftproof.schemas.wire;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

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

  /** Datum readers are thread-safe and costly to set up (schema resolution), so one per version. */
  private final Map<Long, SpecificDatumReader<io.shiftproof.schemas.avro.EventBatch>> readers =
      new ConcurrentHashMap<>();

  AvroBatchReader(BatchLimits limits, EventValidator validator) {
    this(limits, validator, HISTORY);
  }

  AvroBatchReader(BatchLimits limits, EventValidator validator, SchemaHistory history) {
    this.limits = limits;
    this.validator = validator;
    this.history = history;
  }

  DecodedBatch read(byte[] body, Instant now) {
    if (body.length > limits.maxBodyBytes()) {
      throw BatchIdRule.bodyTooLarge(body.length, limits.maxBodyBytes());
    }
    if (!SingleObjectEncoding.hasHeader(body)) {
      throw new BatchRejectedException(
          ErrorCode.MALFORMED_AVRO,
          "body: got " + body.length + " bytes without the single-object header, " + BODY_WANT);
    }
    long fingerprint = SingleObjectEncoding.readFingerprint(body);
    Schema writer = history.writerOrNull(fingerprint);
    if (writer == null) {
      throw new BatchRejectedException(
          ErrorCode.UNSUPPORTED_SCHEMA,
          "schema fingerprint: got "
              + SingleObjectEncoding.hex(fingerprint)
              + ", want "
              + SingleObjectEncoding.hex(history.currentFingerprint())
              + " (EventBatch) or an earlier released version");
    }
    io.shiftproof.schemas.avro.EventBatch batch = decode(body, fingerprint, writer);
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
    return assembler.finish(batchId);
  }

  private io.shiftproof.schemas.avro.EventBatch decode(
      byte[] body, long fingerprint, Schema writer) {
    // events is the only array in every EventBatch version so far, so the item limit is the
    // event limit; it stops a hostile count before any allocation.
    BoundedBinaryDecoder in =
        new BoundedBinaryDecoder(
            body,
            SingleObjectEncoding.HEADER_LENGTH,
            MAX_STRING_BYTES,
            limits.maxEvents(),
            ErrorCode.TOO_MANY_EVENTS,
            BatchIdRule.tooManyEvents(limits.maxEvents()).getMessage());
    io.shiftproof.schemas.avro.EventBatch batch;
    try {
      batch = readerFor(fingerprint, writer).read(null, in);
    } catch (AvroLimitException e) {
      throw new BatchRejectedException(e.code, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // Corrupt binary can surface as any of Avro's runtime exceptions (bad union index, enum
      // ordinal, ...); all of them mean the same to the client.
      throw new BatchRejectedException(
          ErrorCode.MALFORMED_AVRO,
          "body: got malformed Avro (" + ValueEcho.reason(e.getMessage()) + "), " + BODY_WANT);
    }
    if (in.remaining() != 0) {
      throw new BatchRejectedException(
          ErrorCode.MALFORMED_AVRO,
          "body: got " + in.remaining() + " bytes after the EventBatch datum, " + BODY_WANT);
    }
    return batch;
  }

  private SpecificDatumReader<io.shiftproof.schemas.avro.EventBatch> readerFor(
      long fingerprint, Schema writer) {
    return readers.computeIfAbsent(
        fingerprint, fp -> new SpecificDatumReader<>(writer, history.current(), MODEL));
  }
}
