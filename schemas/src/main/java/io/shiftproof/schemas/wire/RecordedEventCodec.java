package io.shiftproof.schemas.wire;

import io.shiftproof.schemas.avro.RecordedWorkEvent;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

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
  private static final BinaryMessageEncoder<RecordedWorkEvent> ENCODER =
      new BinaryMessageEncoder<>(MODEL, HISTORY.current(), false);

  /** Records were validated on ingest; these bounds only guard against corrupt input. */
  private static final SingleObjectReader<RecordedWorkEvent> READER =
      SingleObjectReader.ofStoredRecord("record", HISTORY, MODEL, 64 * 1024, 1024);

  private RecordedEventCodec() {}

  public static byte[] encode(RecordedEvent recorded) {
    WorkEvent e = recorded.event();
    return SingleObjectEncoding.encode(
        ENCODER,
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
    RecordedWorkEvent r = READER.read(bytes);
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
