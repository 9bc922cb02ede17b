package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static io.shiftproof.schemas.wire.Fixtures.batch;
import static io.shiftproof.schemas.wire.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class BatchDecoderAvroTest {
  private final BatchDecoder decoder = new BatchDecoder();

  private BatchRejectedException rejected(byte[] body) {
    BatchRejectedException e =
        catchThrowableOfType(BatchRejectedException.class, () -> decoder.decodeAvro(body, NOW));
    assertThat(e).as("expected the batch to be rejected").isNotNull();
    return e;
  }

  @Test
  void avroRoundTripKeepsEveryEvent() {
    WorkEvent online =
        new WorkEvent(
            "e-0",
            Fixtures.WORKER,
            "会话-1",
            WorkEventType.ONLINE,
            Optional.empty(),
            java.time.Instant.parse("2026-11-28T06:00:00Z"),
            "2026-11-28T14:00:00+08:00",
            Optional.empty());
    EventBatch sent = batch(online, event("e-1", WorkEventType.TASK_ASSIGNED));

    DecodedBatch received = decoder.decodeAvro(BatchAvroWriter.toAvro(sent), NOW);

    assertThat(received.batchId()).isEqualTo(sent.batchId());
    assertThat(received.acceptedEvents()).isEqualTo(sent.events());
    assertThat(received.accepted()).extracting(IndexedEvent::index).containsExactly(0, 1);
  }

  @Test
  void avroAndJsonOfTheSameBatchDecodeIdentically() {
    EventBatch sent =
        batch(
            event("e-0", WorkEventType.TASK_STARTED),
            withWorkerRef(event("e-1", WorkEventType.HEARTBEAT), "wr_bad"),
            event("e-0", WorkEventType.TASK_COMPLETED),
            event("e-3", WorkEventType.OFFLINE));

    DecodedBatch fromAvro = decoder.decodeAvro(BatchAvroWriter.toAvro(sent), NOW);
    DecodedBatch fromJson = decoder.decodeJson(BatchJsonWriter.toJson(sent), NOW);

    assertThat(fromAvro).isEqualTo(fromJson);
    assertThat(fromAvro.rejections())
        .extracting(EventRejection::index, EventRejection::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ErrorCode.INVALID_WORKER_REF));
    assertThat(fromAvro.duplicateIndexes()).containsExactly(2);
  }

  @Test
  void avroEventsGetTheSameValidationAsJson() {
    WorkEvent noTask =
        new WorkEvent(
            "e-1",
            Fixtures.WORKER,
            "s-1",
            WorkEventType.TASK_STARTED,
            Optional.empty(),
            NOW,
            "2026-11-28T06:10:00",
            Optional.of("WT3"));
    WorkEvent future =
        new WorkEvent(
            "e-2",
            Fixtures.WORKER,
            "s-1",
            WorkEventType.ONLINE,
            Optional.empty(),
            NOW,
            "2026-11-28T07:00:00Z",
            Optional.empty());

    DecodedBatch decoded =
        decoder.decodeAvro(
            BatchAvroWriter.toAvro(batch(event("e-0", WorkEventType.ONLINE), noTask, future)), NOW);

    assertThat(decoded.rejections())
        .extracting(EventRejection::index, EventRejection::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, ErrorCode.MISSING_TASK_REF),
            org.assertj.core.groups.Tuple.tuple(2, ErrorCode.FUTURE_TIMESTAMP));
  }

  @Test
  void truncatedAvroIsMalformed() {
    byte[] whole = BatchAvroWriter.toAvro(batch(event("e-1", WorkEventType.TASK_ASSIGNED)));
    for (int length = 0; length < whole.length; length++) {
      BatchRejectedException e = rejected(Arrays.copyOf(whole, length));
      assertThat(e.code()).as("length %d", length).isEqualTo(ErrorCode.MALFORMED_AVRO);
    }
  }

  @Test
  void trailingBytesAreMalformed() {
    byte[] whole = BatchAvroWriter.toAvro(batch(event("e-1", WorkEventType.TASK_ASSIGNED)));
    BatchRejectedException e = rejected(Arrays.copyOf(whole, whole.length + 1));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_AVRO);
    assertThat(e.getMessage()).startsWith("body: got 1 bytes after the EventBatch datum");
  }

  @Test
  void missingHeaderIsMalformed() {
    byte[] body = BatchAvroWriter.toAvro(batch(event("e-1", WorkEventType.TASK_ASSIGNED)));
    body[0] = '{';
    assertThat(rejected(body).code()).isEqualTo(ErrorCode.MALFORMED_AVRO);
  }

  @Test
  void unknownFingerprintIsUnsupportedSchemaNamingTheExpectedOne() {
    byte[] body = BatchAvroWriter.toAvro(batch(event("e-1", WorkEventType.TASK_ASSIGNED)));
    body[5] ^= 0x5a;

    BatchRejectedException e = rejected(body);

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_SCHEMA);
    assertThat(e.getMessage())
        .startsWith("schema fingerprint: got 0x")
        .contains(String.format("want 0x%016x", BatchDecoder.currentAvroFingerprint()));
  }

  @Test
  void bodyStartsWithTheCurrentFingerprintInLittleEndianOrder() {
    byte[] body = BatchAvroWriter.toAvro(batch(event("e-1", WorkEventType.TASK_ASSIGNED)));
    long fp = BatchDecoder.currentAvroFingerprint();

    assertThat(body[0]).isEqualTo((byte) 0xC3);
    assertThat(body[1]).isEqualTo((byte) 0x01);
    for (int i = 0; i < 8; i++) {
      assertThat(body[2 + i]).isEqualTo((byte) (fp >>> (8 * i)));
    }
    assertThat(fp)
        .isEqualTo(
            org.apache.avro.SchemaNormalization.parsingFingerprint64(
                io.shiftproof.schemas.avro.EventBatch.getClassSchema()));
  }

  @Test
  void hugeClaimedStringLengthIsMalformedWithoutAllocatingIt() {
    // batchId claims 2^30 bytes; Avro's own decoder would allocate them before failing.
    byte[] body = header(zigzag(1L << 30));
    assertThat(rejected(body).code()).isEqualTo(ErrorCode.MALFORMED_AVRO);
  }

  @Test
  void hugeClaimedArrayCountIsMalformedWithoutAllocatingIt() {
    byte[] body = header(concat(zigzag(3), "b-1".getBytes(), zigzag(Integer.MAX_VALUE)));
    assertThat(rejected(body).code()).isIn(ErrorCode.MALFORMED_AVRO, ErrorCode.TOO_MANY_EVENTS);
  }

  @Test
  void realHugeStringIsRejectedAsTooLarge() {
    EventBatch sent = batch(withSessionId(event("e-1", WorkEventType.ONLINE), "s".repeat(100_000)));
    BatchRejectedException e = rejected(BatchAvroWriter.toAvro(sent));

    assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LARGE);
    assertThat(e.getMessage()).doesNotContain("sssss");
  }

  @Test
  void invalidUtf8InAnAvroStringIsMalformed() {
    byte[] body = BatchAvroWriter.toAvro(batch(event("e-1", WorkEventType.TASK_ASSIGNED)));
    // batchId "b-2026-..." starts right after the header and its 1-byte length.
    body[11] = (byte) 0xff;
    assertThat(rejected(body).code()).isEqualTo(ErrorCode.MALFORMED_AVRO);
  }

  @Test
  void emptyAvroBatchIsRejected() {
    assertThat(rejected(BatchAvroWriter.toAvro(new EventBatch("b-1", List.of()))).code())
        .isEqualTo(ErrorCode.EMPTY_BATCH);
  }

  @Test
  void invalidAvroBatchIdIsRejected() {
    EventBatch sent = new EventBatch("b 1", List.of(event("e-1", WorkEventType.ONLINE)));
    assertThat(rejected(BatchAvroWriter.toAvro(sent)).code()).isEqualTo(ErrorCode.INVALID_BATCH_ID);
  }

  @Test
  void tooManyAvroEventsIsRejected() {
    BatchDecoder small = new BatchDecoder(new BatchLimits(2, Duration.ofMinutes(5)));
    WorkEvent e = event("e-1", WorkEventType.ONLINE);
    EventBatch three = new EventBatch("b-1", Collections.nCopies(3, e));

    BatchRejectedException tooMany =
        catchThrowableOfType(
            BatchRejectedException.class,
            () -> small.decodeAvro(BatchAvroWriter.toAvro(three), NOW));

    assertThat(tooMany.code()).isEqualTo(ErrorCode.TOO_MANY_EVENTS);
  }

  @Test
  void bodyWrittenWithAnOlderReleasedSchemaStillDecodes() throws IOException {
    // A plausible earlier release: events without the optional cell field.
    Schema older =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"EventBatch","namespace":"io.shiftproof.schemas.avro",
                 "fields":[{"name":"batchId","type":"string"},
                  {"name":"events","type":{"type":"array","items":{"type":"record","name":"WorkEvent",
                   "fields":[{"name":"eventId","type":"string"},{"name":"workerRef","type":"string"},
                    {"name":"sessionId","type":"string"},
                    {"name":"type","type":{"type":"enum","name":"WorkEventType","symbols":
                      ["ONLINE","OFFLINE","TASK_ASSIGNED","TASK_STARTED","TASK_COMPLETED",
                       "TASK_CANCELLED","HEARTBEAT"]}},
                    {"name":"taskRef","type":["null","string"],"default":null},
                    {"name":"occurredAt","type":"string"}]}}}]}
                """);
    SchemaHistory history =
        SchemaHistory.of(
            "EventBatch", io.shiftproof.schemas.avro.EventBatch.getClassSchema(), List.of(older));
    AvroBatchReader reader =
        new AvroBatchReader(
            BatchLimits.defaults(), new EventValidator(BatchLimits.defaults()), history);

    Schema eventSchema = older.getField("events").schema().getElementType();
    GenericRecord event = new GenericData.Record(eventSchema);
    event.put("eventId", "e-1");
    event.put("workerRef", Fixtures.WORKER);
    event.put("sessionId", "s-1");
    event.put(
        "type", new GenericData.EnumSymbol(eventSchema.getField("type").schema(), "TASK_STARTED"));
    event.put("taskRef", "order-1");
    event.put("occurredAt", "2026-11-28T14:02:11+08:00");
    GenericRecord batch = new GenericData.Record(older);
    batch.put("batchId", "b-old");
    batch.put("events", List.of(event));

    DecodedBatch decoded = reader.read(singleObject(older, batch), NOW);

    assertThat(decoded.rejections()).isEmpty();
    WorkEvent e = decoded.acceptedEvents().get(0);
    assertThat(e.type()).isEqualTo(WorkEventType.TASK_STARTED);
    assertThat(e.taskRef()).contains("order-1");
    assertThat(e.cell()).isEmpty();
  }

  static byte[] singleObject(Schema schema, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[SingleObjectEncoding.HEADER_LENGTH];
    SingleObjectEncoding.writeHeader(header, SingleObjectEncoding.fingerprint(schema));
    out.write(header);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<>(schema).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] header(byte[] datum) {
    byte[] out = new byte[SingleObjectEncoding.HEADER_LENGTH + datum.length];
    SingleObjectEncoding.writeHeader(out, BatchDecoder.currentAvroFingerprint());
    System.arraycopy(datum, 0, out, SingleObjectEncoding.HEADER_LENGTH, datum.length);
    return out;
  }

  private static byte[] zigzag(long value) {
    long v = (value << 1) ^ (value >> 63);
    List<Byte> bytes = new ArrayList<>();
    while ((v & ~0x7fL) != 0) {
      bytes.add((byte) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    bytes.add((byte) v);
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static WorkEvent withWorkerRef(WorkEvent e, String workerRef) {
    return new WorkEvent(
        e.eventId(),
        workerRef,
        e.sessionId(),
        e.type(),
        e.taskRef(),
        e.occurredAt(),
        e.occurredAtText(),
        e.cell());
  }

  private static WorkEvent withSessionId(WorkEvent e, String sessionId) {
    return new WorkEvent(
        e.eventId(),
        e.workerRef(),
        sessionId,
        e.type(),
        e.taskRef(),
        e.occurredAt(),
        e.occurredAtText(),
        e.cell());
  }
}
