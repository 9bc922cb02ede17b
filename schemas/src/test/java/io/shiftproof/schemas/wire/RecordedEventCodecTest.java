package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class RecordedEventCodecTest {
  private static final RecordedEvent RECORDED =
      new RecordedEvent(
          "meituan",
          "b-1",
          Instant.parse("2026-11-28T06:10:00.123Z"),
          Fixtures.event("e-1", WorkEventType.TASK_STARTED));

  @Test
  void roundTripsARecordedEvent() {
    assertThat(RecordedEventCodec.decode(RecordedEventCodec.encode(RECORDED))).isEqualTo(RECORDED);
  }

  @Test
  void receivedAtIsKeptToTheMillisecond() {
    RecordedEvent precise =
        new RecordedEvent(
            "p", "b", Instant.parse("2026-11-28T06:10:00.123456789Z"), RECORDED.event());

    assertThat(RecordedEventCodec.decode(RecordedEventCodec.encode(precise)).receivedAt())
        .isEqualTo(Instant.parse("2026-11-28T06:10:00.123Z"));
  }

  @Test
  void eventInstantRoundTripsToTheNanosecondFromItsText() {
    WorkEvent e =
        new WorkEvent(
            "e-9",
            Fixtures.WORKER,
            "s",
            WorkEventType.ONLINE,
            java.util.Optional.empty(),
            Instant.parse("2026-11-28T06:00:00.123456789Z"),
            "2026-11-28T14:00:00.123456789+08:00",
            java.util.Optional.empty());
    RecordedEvent recorded = new RecordedEvent("p", "b", RECORDED.receivedAt(), e);

    assertThat(RecordedEventCodec.decode(RecordedEventCodec.encode(recorded)).event()).isEqualTo(e);
  }

  @Test
  void valueIsSingleObjectEncodedWithOccurredAtMicros() throws Exception {
    byte[] bytes = RecordedEventCodec.encode(RECORDED);
    var schema = io.shiftproof.schemas.avro.RecordedWorkEvent.getClassSchema();

    assertThat(SingleObjectEncoding.hasHeader(bytes)).isTrue();
    assertThat(SingleObjectEncoding.readFingerprint(bytes))
        .isEqualTo(SingleObjectEncoding.fingerprint(schema));
    GenericRecord record =
        new GenericDatumReader<GenericRecord>(schema)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));
    assertThat(record.get("occurredAtMicros")).isEqualTo(1_795_845_731_250_000L);
    assertThat(record.get("platform").toString()).isEqualTo("meituan");
  }

  @Test
  void epochMicrosHandlesInstantsBefore1970() {
    assertThat(RecordedEventCodec.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z")))
        .isEqualTo(-1L);
  }

  @Test
  void corruptValueIsMalformed() {
    byte[] bytes = RecordedEventCodec.encode(RECORDED);
    MalformedRecordException truncated =
        catchThrowableOfType(
            MalformedRecordException.class,
            () -> RecordedEventCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
    MalformedRecordException noHeader =
        catchThrowableOfType(
            MalformedRecordException.class, () -> RecordedEventCodec.decode(new byte[] {1, 2}));

    assertThat(truncated.code()).isEqualTo(ErrorCode.MALFORMED_AVRO);
    assertThat(noHeader.code()).isEqualTo(ErrorCode.MALFORMED_AVRO);
  }

  @Test
  void valueFromAnUnknownSchemaVersionIsUnsupported() {
    byte[] bytes = RecordedEventCodec.encode(RECORDED);
    bytes[9] ^= 1;

    MalformedRecordException e =
        catchThrowableOfType(
            MalformedRecordException.class, () -> RecordedEventCodec.decode(bytes));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_SCHEMA);
  }
}
