package io.shiftproof.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.schemas.avro.WorkEvent;
import io.shiftproof.schemas.avro.WorkEventType;
import io.shiftproof.schemas.wire.BatchEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** One event's exact bytes, as a JSON or an Avro batch holds them, read for people. */
class ReadableEventTest {
  private static final WorkEvent EVENT =
      WorkEvent.newBuilder()
          .setEventId("e-101")
          .setWorkerRef("wr_7f3a9c")
          .setSessionId("s-1")
          .setType(WorkEventType.TASK_STARTED)
          .setTaskRef("order-7")
          .setOccurredAt("2026-11-28T00:10:00+08:00")
          .build();

  @Test
  void anAvroEventReadsAsItsFieldsWithoutTheAbsentOnes() throws IOException {
    Map<?, ?> fields = ReadableEvent.of(BatchEncoding.AVRO, avro(EVENT));

    assertThat(fields)
        .isEqualTo(
            Map.of(
                "eventId", "e-101",
                "workerRef", "wr_7f3a9c",
                "sessionId", "s-1",
                "type", "TASK_STARTED",
                "taskRef", "order-7",
                "occurredAt", "2026-11-28T00:10:00+08:00"));
  }

  @Test
  void aJsonEventReadsAsSent() {
    byte[] json =
        "{\"eventId\":\"e-1\",\"type\":\"ONLINE\",\"cell\":\"wtw3\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(ReadableEvent.of(BatchEncoding.JSON, json))
        .isEqualTo(Map.of("eventId", "e-1", "type", "ONLINE", "cell", "wtw3"));
  }

  @Test
  void bytesThatAreNotOneEventAreRefused() throws IOException {
    byte[] avro = avro(EVENT);

    assertThatThrownBy(
            () -> ReadableEvent.of(BatchEncoding.AVRO, Arrays.copyOf(avro, avro.length + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after the event");
    assertThatThrownBy(() -> ReadableEvent.of(BatchEncoding.AVRO, Arrays.copyOf(avro, 5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ReadableEvent.of(BatchEncoding.JSON, "[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object");
  }

  private static byte[] avro(WorkEvent event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(WorkEvent.class).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
