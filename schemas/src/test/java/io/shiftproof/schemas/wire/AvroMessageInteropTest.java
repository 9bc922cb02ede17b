package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static io.shiftproof.schemas.wire.Fixtures.batch;
import static io.shiftproof.schemas.wire.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.RecordedWorkEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.junit.jupiter.api.Test;

/**
 * Our single-object framing is Avro's own: what Avro's {@link BinaryMessageEncoder} writes our
 * readers read, what our writers write Avro's {@link BinaryMessageDecoder} reads with the schema
 * history's store, and both refuse a fingerprint no released version has.
 */
class AvroMessageInteropTest {
  private static final EventBatch BATCH =
      batch(event("e-1", WorkEventType.ONLINE), event("e-2", WorkEventType.TASK_ASSIGNED));

  @Test
  void batchWrittenByAvrosEncoderIsDecoded() throws IOException {
    byte[] body =
        bytes(io.shiftproof.schemas.avro.EventBatch.getEncoder().encode(AvroMapping.toAvro(BATCH)));

    assertThat(body).isEqualTo(BatchAvroWriter.toAvro(BATCH));
    assertThat(new BatchDecoder().decodeAvro(body, NOW).acceptedEvents()).isEqualTo(BATCH.events());
  }

  @Test
  void dayRecordWrittenByAvrosEncoderIsDecoded() throws IOException {
    DayRecord day = WrittenBytesTest.DAY;
    byte[] bytes = bytes(DayRecord.getEncoder().encode(day));

    assertThat(bytes).isEqualTo(DayRecordCodec.encode(day));
    assertThat(DayRecordCodec.decode(bytes)).isEqualTo(day);
  }

  @Test
  void recordedEventWrittenByAvrosEncoderIsDecoded() throws IOException {
    WorkEvent e = event("e-1", WorkEventType.TASK_STARTED);
    Instant receivedAt = Instant.parse("2026-11-28T06:10:00.123Z");
    RecordedWorkEvent datum =
        new RecordedWorkEvent(
            "meituan",
            "b-1",
            receivedAt,
            RecordedEventCodec.epochMicros(e.occurredAt()),
            AvroMapping.toAvro(e));

    assertThat(RecordedEventCodec.decode(bytes(RecordedWorkEvent.getEncoder().encode(datum))))
        .isEqualTo(new RecordedEvent("meituan", "b-1", receivedAt, e));
  }

  @Test
  void sealRequestWrittenByAvrosEncoderIsDecoded() throws IOException {
    Instant requestedAt = Instant.parse("2026-11-29T04:00:00.123Z");
    var datum =
        new io.shiftproof.schemas.avro.SealRequest(
            Fixtures.WORKER, "2026-11-29", "req-1", "insurer-1", requestedAt);

    assertThat(
            SealRequestCodec.decode(
                bytes(io.shiftproof.schemas.avro.SealRequest.getEncoder().encode(datum))))
        .isEqualTo(
            new SealRequest(
                Fixtures.WORKER, LocalDate.of(2026, 11, 29), "req-1", "insurer-1", requestedAt));
  }

  @Test
  void ourBytesAreReadByAvrosDecoderWithTheHistorysStore() throws IOException {
    SchemaHistory history = SchemaHistory.load("DayRecord", DayRecord.getClassSchema());
    BinaryMessageDecoder<DayRecord> avro = DayRecord.createDecoder(history.store());

    assertThat(avro.decode(DayRecordCodec.encode(WrittenBytesTest.DAY)))
        .isEqualTo(WrittenBytesTest.DAY);
    assertThat(
            io.shiftproof.schemas.avro.EventBatch.getDecoder()
                .decode(BatchAvroWriter.toAvro(BATCH)))
        .isEqualTo(AvroMapping.toAvro(BATCH));
  }

  @Test
  void olderWriterSchemaResolvesThroughTheStoreForBothReaders() throws IOException {
    Schema older = olderEventBatch();
    SchemaHistory history =
        SchemaHistory.of(
            "EventBatch", io.shiftproof.schemas.avro.EventBatch.getClassSchema(), List.of(older));
    byte[] body =
        bytes(
            new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older)
                .encode(olderBatch(older)));

    DecodedBatch ours =
        new AvroBatchReader(
                BatchLimits.defaults(), new EventValidator(BatchLimits.defaults()), history)
            .read(body, NOW);
    io.shiftproof.schemas.avro.EventBatch avros =
        io.shiftproof.schemas.avro.EventBatch.createDecoder(history.store()).decode(body);

    assertThat(ours.acceptedEvents()).hasSize(1);
    assertThat(ours.acceptedEvents().get(0).eventId()).isEqualTo("e-old");
    assertThat(ours.acceptedEvents().get(0).cell()).isEmpty();
    assertThat(avros.getEvents().get(0).getEventId()).isEqualTo("e-old");
    assertThat(avros.getEvents().get(0).getCell()).isNull();
  }

  @Test
  void unknownFingerprintIsRefusedAsAnUnsupportedSchema() throws IOException {
    // A newer writer than this reader: a field it does not know.
    Schema newer =
        new Schema.Parser()
            .parse(
                SchemaHistory.released("EventBatch")
                    .get(0)
                    .toString()
                    .replace(
                        "{\"name\":\"batchId\",\"type\":\"string\"}",
                        "{\"name\":\"batchId\",\"type\":\"string\"},"
                            + "{\"name\":\"signature\",\"type\":\"bytes\",\"default\":\"\"}"));
    GenericRecord datum = new GenericData.Record(newer);
    datum.put("batchId", "b-new");
    datum.put("signature", ByteBuffer.wrap(new byte[] {1}));
    datum.put("events", List.of());
    byte[] body =
        bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(datum));

    BatchRejectedException ours =
        catchThrowableOfType(
            BatchRejectedException.class, () -> new BatchDecoder().decodeAvro(body, NOW));

    assertThat(ours.code()).isEqualTo(ErrorCode.UNSUPPORTED_SCHEMA);
    assertThat(ours.getMessage())
        .isEqualTo(
            "schema fingerprint: got "
                + SingleObjectEncoding.hex(SingleObjectEncoding.fingerprint(newer))
                + ", want "
                + SingleObjectEncoding.hex(BatchDecoder.currentAvroFingerprint())
                + " (EventBatch) or an earlier released version");
    assertThatThrownBy(
            () ->
                io.shiftproof.schemas.avro.EventBatch.createDecoder(AvroBatchReader.HISTORY.store())
                    .decode(body))
        .isInstanceOf(MissingSchemaException.class);
  }

  @Test
  void unknownFingerprintOfAStoredRecordIsAnUnsupportedSchema() {
    byte[] bytes = DayRecordCodec.encode(WrittenBytesTest.DAY);
    SingleObjectEncoding.writeHeader(bytes, 42L);

    MalformedRecordException e =
        catchThrowableOfType(MalformedRecordException.class, () -> DayRecordCodec.decode(bytes));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_SCHEMA);
    assertThat(e.getMessage()).startsWith("day record schema fingerprint: got 0x000000000000002a");
  }

  private static Schema olderEventBatch() {
    // A plausible earlier release: events without the optional cell field.
    return new Schema.Parser()
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
  }

  private static GenericRecord olderBatch(Schema older) {
    Schema eventSchema = older.getField("events").schema().getElementType();
    GenericRecord event = new GenericData.Record(eventSchema);
    event.put("eventId", "e-old");
    event.put("workerRef", Fixtures.WORKER);
    event.put("sessionId", "s-1");
    event.put("type", new GenericData.EnumSymbol(eventSchema.getField("type").schema(), "ONLINE"));
    event.put("taskRef", null);
    event.put("occurredAt", "2026-11-28T14:02:11+08:00");
    GenericRecord batch = new GenericData.Record(older);
    batch.put("batchId", "b-old");
    batch.put("events", List.of(event));
    return batch;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
