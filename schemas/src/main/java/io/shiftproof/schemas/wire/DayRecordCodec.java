package io.shiftproof.schemas.wire;

import io.shiftproof.schemas.avro.DayRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The canonical bytes of a {@link DayRecord}: its Avro single-object encoding, whose header names
 * the schema by fingerprint (DESIGN §6). These bytes are what is stored, hashed and anchored, so
 * every other form of a record (JSON answers, evidence) is derived from them and never the reverse.
 * Thread-safe.
 */
public final class DayRecordCodec {
  private static final SchemaHistory HISTORY =
      SchemaHistory.load("DayRecord", DayRecord.getClassSchema());
  private static final SpecificData MODEL = new DayRecord().getSpecificData();
  private static final SingleObjectWriter<DayRecord> WRITER =
      new SingleObjectWriter<>(HISTORY.current(), MODEL);

  /** Generous bounds for a day (segments change at most every few seconds); they only stop junk. */
  private static final int MAX_STRING_BYTES = 64 * 1024;

  private static final int MAX_ITEMS = 1 << 20;

  private static final Map<Long, SpecificDatumReader<DayRecord>> READERS =
      new ConcurrentHashMap<>();

  private DayRecordCodec() {}

  public static byte[] encode(DayRecord record) {
    return WRITER.write(record);
  }

  /**
   * @throws MalformedRecordException if the bytes are corrupt or name an unknown schema version
   */
  public static DayRecord decode(byte[] bytes) {
    if (!SingleObjectEncoding.hasHeader(bytes)) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          "day record: got "
              + bytes.length
              + " bytes without the single-object header, want a single-object encoded DayRecord",
          null);
    }
    long fingerprint = SingleObjectEncoding.readFingerprint(bytes);
    Schema writer = HISTORY.writerOrNull(fingerprint);
    if (writer == null) {
      throw new MalformedRecordException(
          ErrorCode.UNSUPPORTED_SCHEMA,
          "day record schema fingerprint: got "
              + SingleObjectEncoding.hex(fingerprint)
              + ", want "
              + SingleObjectEncoding.hex(HISTORY.currentFingerprint())
              + " (DayRecord) or an earlier version; upgrade this reader",
          null);
    }
    BoundedBinaryDecoder in =
        new BoundedBinaryDecoder(
            bytes,
            SingleObjectEncoding.HEADER_LENGTH,
            MAX_STRING_BYTES,
            MAX_ITEMS,
            ErrorCode.MALFORMED_AVRO,
            "day record: got too many array items");
    DayRecord record;
    try {
      record =
          READERS
              .computeIfAbsent(
                  fingerprint, fp -> new SpecificDatumReader<>(writer, HISTORY.current(), MODEL))
              .read(null, in);
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO, "day record: got malformed Avro (" + e.getMessage() + ")", e);
    }
    if (in.remaining() != 0) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          "day record: got " + in.remaining() + " bytes after the datum, want none",
          null);
    }
    return record;
  }

  /** The instant of a microsecond timestamp as records store them. */
  public static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
