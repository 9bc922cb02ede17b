package io.shiftproof.schemas.wire;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads single-object encoded datums of one record type written under any version its {@link
 * SchemaHistory} knows: the header's fingerprint picks the writer schema, and data is resolved to
 * the current one. Thread-safe.
 *
 * <p>Avro's {@code BinaryMessageDecoder} does the same framing and lookup, but decodes the datum
 * with a {@code BinaryDecoder} of its own choosing, which allocates whatever length the input
 * claims and leaves trailing bytes unnoticed. Input here may be hostile (the gateway's {@code
 * application/avro} bodies, any producer's topic values), so the header is read with {@link
 * SingleObjectEncoding} and the datum through a {@link BoundedBinaryDecoder}; every failure is
 * worded by the caller's {@link Refusals}.
 */
final class SingleObjectReader<T> {
  private final SchemaHistory history;
  private final SpecificData model;
  private final Limits limits;
  private final Refusals refusals;

  /** Datum readers are thread-safe and costly to set up (schema resolution), so one per version. */
  private final Map<Long, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  SingleObjectReader(SchemaHistory history, SpecificData model, Limits limits, Refusals refusals) {
    this.history = history;
    this.model = model;
    this.limits = limits;
    this.refusals = refusals;
  }

  /**
   * A reader of stored records, which refuses with a {@link MalformedRecordException}; a limit hit
   * is {@link ErrorCode#MALFORMED_AVRO} like any other corruption.
   *
   * @param name the record as messages name it, e.g. {@code "day record"}
   */
  static <T> SingleObjectReader<T> ofStoredRecord(
      String name, SchemaHistory history, SpecificData model, int maxStringBytes, int maxItems) {
    return new SingleObjectReader<>(
        history,
        model,
        new Limits(
            maxStringBytes,
            maxItems,
            ErrorCode.MALFORMED_AVRO,
            name + ": got too many array items"),
        new StoredRecordRefusals(name, history.name()));
  }

  /**
   * What one datum may claim; these bounds stop corrupt or hostile lengths before any allocation.
   *
   * @param maxItems most items over all arrays and maps of the datum
   * @param tooManyItemsCode the code reported when {@code maxItems} is exceeded
   */
  record Limits(
      int maxStringBytes, long maxItems, ErrorCode tooManyItemsCode, String tooManyItemsMessage) {}

  /** How a caller words each way a body can fail, for its own audience and exception type. */
  interface Refusals {
    RuntimeException noHeader(int length);

    RuntimeException unknownSchema(long fingerprint, long currentFingerprint);

    /** Corrupt datum; an {@link AvroLimitException} when a limit was hit. */
    RuntimeException malformed(Exception cause);

    RuntimeException trailingBytes(int count);
  }

  T read(byte[] bytes) {
    if (!SingleObjectEncoding.hasHeader(bytes)) {
      throw refusals.noHeader(bytes.length);
    }
    long fingerprint = SingleObjectEncoding.readFingerprint(bytes);
    Schema writer = history.writerOrNull(fingerprint);
    if (writer == null) {
      throw refusals.unknownSchema(fingerprint, history.currentFingerprint());
    }
    BoundedBinaryDecoder in =
        new BoundedBinaryDecoder(
            bytes,
            SingleObjectEncoding.HEADER_LENGTH,
            limits.maxStringBytes(),
            limits.maxItems(),
            limits.tooManyItemsCode(),
            limits.tooManyItemsMessage());
    T datum;
    try {
      datum =
          readers
              .computeIfAbsent(
                  fingerprint, fp -> new SpecificDatumReader<>(writer, history.current(), model))
              .read(null, in);
    } catch (IOException | RuntimeException e) {
      // Corrupt binary can surface as any of Avro's runtime exceptions (bad union index, enum
      // ordinal, ...); all of them mean the same to the caller.
      throw refusals.malformed(e);
    }
    if (in.remaining() != 0) {
      throw refusals.trailingBytes(in.remaining());
    }
    return datum;
  }

  /**
   * The refusals of a stored record (a topic value, a record's canonical bytes).
   *
   * @param type the schema's name, e.g. {@code DayRecord}
   */
  private record StoredRecordRefusals(String name, String type) implements Refusals {
    @Override
    public RuntimeException noHeader(int length) {
      return new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          name
              + ": got "
              + length
              + " bytes without the single-object header, want a single-object encoded "
              + type,
          null);
    }

    @Override
    public RuntimeException unknownSchema(long fingerprint, long currentFingerprint) {
      return new MalformedRecordException(
          ErrorCode.UNSUPPORTED_SCHEMA,
          name
              + " schema fingerprint: got "
              + SingleObjectEncoding.hex(fingerprint)
              + ", want "
              + SingleObjectEncoding.hex(currentFingerprint)
              + " ("
              + type
              + ") or an earlier version; upgrade this reader",
          null);
    }

    @Override
    public RuntimeException malformed(Exception cause) {
      return new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          name + ": got malformed Avro (" + cause.getMessage() + ")",
          cause);
    }

    @Override
    public RuntimeException trailingBytes(int count) {
      return new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          name + ": got " + count + " bytes after the datum, want none",
          null);
    }
  }
}
