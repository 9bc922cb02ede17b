package io.shiftproof.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.SealRequest;
import io.shiftproof.schemas.wire.SealRequestCodec;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class WorkInputDeserializerTest {
  private static final String WORKER = "wr_" + "A".repeat(43);

  @Test
  void eventsAndSealRequestsAreToldApartAndJunkIsSkipped() {
    RecordedEvent event =
        new RecordedEvent(
            "platform-1",
            "b-1",
            Instant.parse("2026-11-29T04:00:00Z"),
            new WorkEvent(
                "ev-1",
                WORKER,
                "s1",
                WorkEventType.ONLINE,
                Optional.empty(),
                Instant.parse("2026-11-29T03:00:00Z"),
                "2026-11-29T11:00:00+08:00",
                Optional.empty()));
    SealRequest seal =
        new SealRequest(
            WORKER,
            LocalDate.of(2026, 11, 29),
            "req-1",
            "insurer-1",
            Instant.parse("2026-11-29T04:00:00Z"));
    List<WorkInput> out = new ArrayList<>();
    Collector<WorkInput> collector =
        new Collector<>() {
          @Override
          public void collect(WorkInput record) {
            out.add(record);
          }

          @Override
          public void close() {}
        };
    WorkInputDeserializer deserializer = new WorkInputDeserializer();

    deserializer.deserialize(RecordedEventCodec.encode(event), collector);
    deserializer.deserialize(SealRequestCodec.encode(seal), collector);
    deserializer.deserialize(new byte[] {(byte) 0xC3, 1, 9, 9, 9, 9, 9, 9, 9, 9, 0}, collector);
    deserializer.deserialize(null, collector);

    assertThat(out).containsExactly(WorkInput.of(event), WorkInput.of(seal));
    assertThat(out.get(1).eventTimeMillis()).isEqualTo(Long.MIN_VALUE);
  }
}
