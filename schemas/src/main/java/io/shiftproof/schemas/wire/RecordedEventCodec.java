package io.shiftproof.schemas.wire;

import io.shiftproof.schemas.avro.RecordedWorkEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The value format of the {@code work-events} topic: a {@link RecordedEvent} as an Avro
 * single-object encoded {@code RecordedWorkEvent}. The fingerprint lets a consumer read records
 * written by any released schema version and refuse ones from a newer writer it does not know.
 *
 * <p>{@code receivedAt} is stored with millisecond precision; the event's instant is re-derived
 * from its RFC 3339 text, so it round-trips exactly. Thread-safe.
 */
public final class RecordedEventCodec {
  private static final SchemaHistory HISTORY =
      SchemaHistory.load("RecordedWorkEvent", RecordedWorkEvent.getClassSchema());
  private static final SpecificData MODEL = new RecordedWorkEvent().getSpecificData();
  private static final SingleObjectWriter<RecordedWorkEvent> WRITER =
      new SingleObjectWriter<>(HISTORY.current(), MODEL);

  /** Records were validated on ingest; these bounds only guard against corrupt input. */
  private static final int MAX_STRING_BYTES = 64 * 1024;

  private static final int MAX_ITEMS = 1024;

  private static final Map<Long, SpecificDatumReader<RecordedWorkEvent>> READERS =
      new ConcurrentHashMap<>();

  private RecordedEventCodec() {}

  public static byte[] encode(RecordedEvent recorded) {
    WorkEvent e = recorded.event();
    return WRITER.write(
        new RecordedWorkEvent(
            recorded.platform(),
            recorded.batchId(),
            recorded.receivedAt(),
            epochMicros(e.occurredAt()),
            AvroMapping.toAvro(e)));
  }

  /**
   * @throws MalformedRecordException if the bytes are corrupt or name an unknown schema version
   */
  public static RecordedEvent decode(byte[] bytes) {
    if (!SingleObjectEncoding.hasHeader(bytes)) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          "record: got "
              + bytes.length
              + " bytes without the single-object header, want a"
              + " single-object encoded RecordedWorkEvent",
          null);
    }
    long fingerprint = SingleObjectEncoding.readFingerprint(bytes);
    Schema writer = HISTORY.writerOrNull(fingerprint);
    if (writer == null) {
      throw new MalformedRecordException(
          ErrorCode.UNSUPPORTED_SCHEMA,
          "schema fingerprint: got "
              + SingleObjectEncoding.hex(fingerprint)
              + ", want "
              + SingleObjectEncoding.hex(HISTORY.currentFingerprint())
              + " (RecordedWorkEvent) or an earlier version; upgrade this consumer",
          null);
    }
    BoundedBinaryDecoder in =
        new BoundedBinaryDecoder(
            bytes,
            SingleObjectEncoding.HEADER_LENGTH,
            MAX_STRING_BYTES,
            MAX_ITEMS,
            ErrorCode.MALFORMED_AVRO,
            "record: got too many array items");
    RecordedWorkEvent r;
    try {
      r =
          READERS
              .computeIfAbsent(
                  fingerprint, fp -> new SpecificDatumReader<>(writer, HISTORY.current(), MODEL))
              .read(null, in);
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO, "record: got malformed Avro (" + e.getMessage() + ")", e);
    }
    if (in.remaining() != 0) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          "record: got " + in.remaining() + " bytes after the datum, want none",
          null);
    }
    return new RecordedEvent(
        r.getPlatform(), r.getBatchId(), r.getReceivedAt(), fromAvro(r.getEvent()));
  }

  /** Epoch microseconds, the unit stream jobs and segments use. */
  public static long epochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static WorkEvent fromAvro(io.shiftproof.schemas.avro.WorkEvent e) {
    Instant occurredAt = Rfc3339.parseOrNull(e.getOccurredAt());
    if (occurredAt == null) {
      throw new MalformedRecordException(
          ErrorCode.MALFORMED_AVRO,
          "event.occurredAt: got " + ValueEcho.quote(e.getOccurredAt()) + ", want RFC 3339",
          null);
    }
    return new WorkEvent(
        e.getEventId(),
        e.getWorkerRef(),
        e.getSessionId(),
        WorkEventType.valueOf(e.getType().name()),
        Optional.ofNullable(e.getTaskRef()),
        occurredAt,
        e.getOccurredAt(),
        Optional.ofNullable(e.getCell()));
  }
}
