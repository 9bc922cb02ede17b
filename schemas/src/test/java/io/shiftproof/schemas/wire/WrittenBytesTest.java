package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.avro.AnomalyKind;
import io.shiftproof.schemas.avro.DayFlag;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.PlatformSources;
import io.shiftproof.schemas.avro.Sha256;
import io.shiftproof.schemas.avro.SourceBatch;
import io.shiftproof.schemas.avro.WorkState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes each codec writes, byte for byte. Day-record bytes are hashed into Merkle leaves and
 * the others are read by deployed consumers and clients, so none of them may change with the code
 * that writes them.
 */
class WrittenBytesTest {
  static final List<DaySegments.Segment> SEGMENTS =
      List.of(
          new DaySegments.Segment(
              1_795_795_200_000_000L,
              1_795_798_800_000_000L,
              WorkState.ON_TASK,
              List.of("platform-1", "platform-2"),
              List.of("platform-1")),
          new DaySegments.Segment(
              1_795_798_800_000_000L,
              1_795_802_400_000_000L,
              WorkState.AVAILABLE,
              List.of("platform-2"),
              List.of()));

  static final DayRecord DAY =
      DaySegments.write(
              DayRecord.newBuilder()
                  .setWorkerRef(Fixtures.WORKER)
                  .setDay("2026-11-28")
                  .setZone("Asia/Shanghai")
                  .setVersion(2)
                  .setProvisional(false)
                  .setCoveredUntilMicros(1_795_881_600_000_000L)
                  .setTotals(new DayTotals(3_600L, 2_400L, 1_800L, 600L, 4_200L, 1_200L)),
              SEGMENTS)
          .setFlags(
              List.of(
                  new DayFlag(
                      AnomalyKind.TIMEOUT, "platform-1", "s-881", null, "e-7", 1_795_798_800_000L),
                  new DayFlag(
                      AnomalyKind.IMPLIED_ASSIGNMENT,
                      "platform-2",
                      "会话-2",
                      "order-5521",
                      "e-9",
                      1_795_799_000_000L)))
          .setSourceBatches(List.of())
          .setSources(
              List.of(
                  new PlatformSources(
                      "platform-1",
                      3,
                      new Sha256(
                          HexFormat.of()
                              .parseHex(
                                  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")))))
          .build();

  @Test
  void dayRecordBytesAreUnchanged() {
    assertThat(hex(DayRecordCodec.encode(DAY)))
        .isEqualTo(
            "c30137a68d8d866717f95c77725f633955617539696375426c764476746f6b76"
                + "6c4e61507a4d4c4458777545594a356645735664324671366714323032362d31"
                + "312d32381a417369612f5368616e67686169040080809dcd88d6b006a038c025"
                + "901cb009d041e01200040014706c6174666f726d2d310a732d3838310006652d"
                + "3780da98dfc3680414706c6174666f726d2d3210e4bc9ae8af9d2d3202146f72"
                + "6465722d3535323106652d39808fb1dfc36800000214706c6174666f726d2d31"
                + "069f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a"
                + "08000414706c6174666f726d2d3114706c6174666f726d2d32008080e2ef84d1"
                + "b006040080909de91a0606020080909de91a02040000");
  }

  /** Version 1 of the schema listed source batches; its bytes still decode, sources empty. */
  @Test
  void dayRecordBytesOfSchemaVersionOneStillDecode() {
    DayRecord v1 =
        DayRecordCodec.decode(
            HexFormat.of()
                .parseHex(
                    "c30196f10787ac5b1c385c77725f633955617539696375426c764476746f6b76"
                        + "6c4e61507a4d4c4458777545594a356645735664324671366714323032362d31"
                        + "312d32381a417369612f5368616e67686169040080809dcd88d6b006a038c025"
                        + "901cb009d041e012048080e2ef84d1b0068090ffd89fd1b006060414706c6174"
                        + "666f726d2d3114706c6174666f726d2d32000214706c6174666f726d2d310080"
                        + "90ffd89fd1b00680a09cc2bad1b006020214706c6174666f726d2d3200000004"
                        + "0014706c6174666f726d2d310a732d3838310006652d3780da98dfc368041470"
                        + "6c6174666f726d2d3210e4bc9ae8af9d2d3202146f726465722d353532310665"
                        + "2d39808fb1dfc368000214706c6174666f726d2d3106622d3100"));

    assertThat(v1.getSourceBatches()).containsExactly(new SourceBatch("platform-1", "b-1"));
    assertThat(v1.getSources()).isEmpty();
    assertThat(v1.getTotals()).isEqualTo(DAY.getTotals());
    assertThat(v1.getFlags()).isEqualTo(DAY.getFlags());
    assertThat(v1.getCompactSegments()).isEmpty();
    assertThat(DaySegments.of(v1)).isEqualTo(SEGMENTS);
  }

  @Test
  void recordedEventBytesAreUnchanged() {
    RecordedEvent recorded =
        new RecordedEvent(
            "meituan",
            "b-1",
            Instant.parse("2026-11-28T06:10:00.123Z"),
            Fixtures.event("e-1", WorkEventType.TASK_STARTED));
    assertThat(hex(RecordedEventCodec.encode(recorded)))
        .isEqualTo(
            "c3017fd9ed8f70f677370e6d65697475616e06622d31f6ecb28cc468a0bd8fae"
                + "fdd3b00606652d315c77725f633955617539696375426c764476746f6b766c4e"
                + "61507a4d4c4458777545594a35664573566432467136670a732d383831060214"
                + "6f726465722d353532313a323032362d31312d32385431343a30323a31312e32"
                + "35302b30383a3030020a7774336d66");
  }

  @Test
  void sealRequestBytesAreUnchanged() {
    SealRequest request =
        new SealRequest(
            Fixtures.WORKER,
            LocalDate.of(2026, 11, 29),
            "req-1",
            "insurer-1",
            Instant.parse("2026-11-29T04:00:00.123Z"));
    assertThat(hex(SealRequestCodec.encode(request)))
        .isEqualTo(
            "c30157eb324e18d5ccc95c77725f633955617539696375426c764476746f6b76"
                + "6c4e61507a4d4c4458777545594a356645735664324671366714323032362d31"
                + "312d32390a7265712d3112696e73757265722d31f6c9add7c468");
  }

  @Test
  void eventBatchBytesAreUnchanged() {
    EventBatch batch =
        Fixtures.batch(
            Fixtures.event("e-1", WorkEventType.ONLINE),
            Fixtures.event("e-2", WorkEventType.TASK_ASSIGNED));
    assertThat(hex(BatchAvroWriter.toAvro(batch)))
        .isEqualTo(
            "c301218b6e59cae7014f26622d323032362d31312d32382d3030303132330406"
                + "652d315c77725f633955617539696375426c764476746f6b766c4e61507a4d4c"
                + "4458777545594a35664573566432467136670a732d38383100003a323032362d"
                + "31312d32385431343a30323a31312e3235302b30383a3030020a7774336d6606"
                + "652d325c77725f633955617539696375426c764476746f6b766c4e61507a4d4c"
                + "4458777545594a35664573566432467136670a732d3838310402146f72646572"
                + "2d353532313a323032362d31312d32385431343a30323a31312e3235302b3038"
                + "3a3030020a7774336d6600");
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
