package io.shiftproof.schemas.wire;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads single-object encoded datums of one record type written under any released version of its
 * schema: the header's fingerprint picks the writer schema, data is resolved to the current one,
 * and every failure is a {@link MalformedRecordException} naming what was wrong. Bounds on strings
 * and arrays guard against corrupt input claiming huge sizes. Thread-safe.
 */
final class SingleObjectReader<T> {
  private final String name;
  private final SchemaHistory history;
  private final SpecificData model;
  private final int maxStringBytes;
  private final int maxItems;
  private final Map<Long, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  /**
   * @param name the record type as messages name it, e.g. {@code "day record"}
   */
  SingleObjectReader(
      String name, SchemaHistory history, SpecificData model, int maxStringBytes, int maxItems) {
    this.name = name;
    this.history = history;
    this.model = model;
    this.maxStringBytes = maxStringBytes;
    this.maxItems = maxItems;
  }

  T read(byte[] bytes) {
    String type = history.current().getName();
    if (!SingleObjectEncoding.hasHeader(bytes)) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          name
              + ": got "
              + bytes.length
              + " bytes without the single-object header, want a single-object encoded "
              + type,
          null);
    }
    long fingerprint = SingleObjectEncoding.readFingerprint(bytes);
    Schema writer = history.writerOrNull(fingerprint);
    if (writer == null) {
      throw new MalformedRecordException(
          ErrorCode.UNSUPPORTED_SCHEMA,
          name
              + " schema fingerprint: got "
              + SingleObjectEncoding.hex(fingerprint)
              + ", want "
              + SingleObjectEncoding.hex(history.currentFingerprint())
              + " ("
              + type
              + ") or an earlier version; upgrade this reader",
          null);
    }
    BoundedBinaryDecoder in =
        new BoundedBinaryDecoder(
            bytes,
            SingleObjectEncoding.HEADER_LENGTH,
            maxStringBytes,
            maxItems,
            ErrorCode.MALFORMED_AVRO,
            name + ": got too many array items");
    T datum;
    try {
      datum =
          readers
              .computeIfAbsent(
                  fingerprint, fp -> new SpecificDatumReader<>(writer, history.current(), model))
              .read(null, in);
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO, name + ": got malformed Avro (" + e.getMessage() + ")", e);
    }
    if (in.remaining() != 0) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          name + ": got " + in.remaining() + " bytes after the datum, want none",
          null);
    }
    return datum;
  }
}
