package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SealRequestCodecTest {
  private static final SealRequest REQUEST =
      new SealRequest(
          "wr_" + "A".repeat(43),
          LocalDate.of(2026, 11, 29),
          "req-1",
          "insurer-1",
          Instant.parse("2026-11-29T04:00:00.123Z"));

  @Test
  void roundTripsEveryField() {
    assertThat(SealRequestCodec.decode(SealRequestCodec.encode(REQUEST))).isEqualTo(REQUEST);
  }

  @Test
  void isToldApartFromARecordedEventOnTheSameTopic() {
    RecordedEvent event =
        new RecordedEvent(
            "platform-1",
            "b-1",
            Instant.parse("2026-11-29T04:00:00Z"),
            new WorkEvent(
                "ev-1",
                REQUEST.workerRef(),
                "s1",
                WorkEventType.ONLINE,
                Optional.empty(),
                Instant.parse("2026-11-29T03:00:00Z"),
                "2026-11-29T11:00:00+08:00",
                Optional.empty()));

    assertThat(SealRequestCodec.isSealRequest(SealRequestCodec.encode(REQUEST))).isTrue();
    assertThat(SealRequestCodec.isSealRequest(RecordedEventCodec.encode(event))).isFalse();
    assertThat(SealRequestCodec.isSealRequest(new byte[] {1, 2, 3})).isFalse();
  }

  @Test
  void corruptBytesAreAMalformedRecord() {
    byte[] bytes = SealRequestCodec.encode(REQUEST);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 5);

    assertThatThrownBy(() -> SealRequestCodec.decode(truncated))
        .isInstanceOf(MalformedRecordException.class);
  }
}
