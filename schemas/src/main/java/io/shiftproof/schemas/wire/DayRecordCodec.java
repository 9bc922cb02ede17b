package io.shiftproof.schemas.wire;

import io.shiftproof.schemas.avro.DayRecord;
import java.time.Instant;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

/**
 * The canonical bytes of a {@link DayRecord}: its Avro single-object encoding, whose header names
 * the schema by fingerprint (docs/design.md §6). These bytes are what is stored, hashed and
 * anchored, so every other form of a record (JSON answers, evidence) is derived from them and never
 * the reverse. Thread-safe.
 */
public final class DayRecordCodec {
  private static final SchemaHistory HISTORY =
      SchemaHistory.load("DayRecord", DayRecord.getClassSchema());
  private static final SpecificData MODEL = new DayRecord().getSpecificData();
  private static final BinaryMessageEncoder<DayRecord> ENCODER =
      new BinaryMessageEncoder<>(MODEL, HISTORY.current(), false);

  /** Generous bounds for a day (segments change at most every few seconds); they only stop junk. */
  private static final SingleObjectReader<DayRecord> READER =
      SingleObjectReader.ofStoredRecord("day record", HISTORY, MODEL, 64 * 1024, 1 << 20);

  private DayRecordCodec() {}

  public static byte[] encode(DayRecord record) {
    return SingleObjectEncoding.encode(ENCODER, record);
  }

  /**
   * @throws MalformedRecordException if the bytes are corrupt or name an unknown schema version
   */
  public static DayRecord decode(byte[] bytes) {
    return READER.read(bytes);
  }

  /** The instant of a microsecond timestamp as records store them. */
  public static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
