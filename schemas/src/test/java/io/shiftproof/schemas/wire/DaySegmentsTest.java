package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.schemas.avro.CompactSegment;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.WorkState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The compact segments of a day record decode back to exactly the segments written, through the
 * canonical bytes. Random days are seeded, so a failure reproduces.
 */
class DaySegmentsTest {
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long MIDNIGHT = 1_795_795_200_000_000L;
  private static final List<String> PLATFORMS =
      IntStream.rangeClosed(1, 7).mapToObj(i -> "platform-" + i).toList();

  @Test
  void randomDaysDecodeBackExactly() {
    Random random = new Random(0x5e6L);
    for (int round = 0; round < 2_000; round++) {
      List<DaySegments.Segment> segments = randomDay(random);

      DayRecord decoded = DayRecordCodec.decode(DayRecordCodec.encode(record(segments)));

      assertThat(DaySegments.of(decoded)).as("round %d", round).isEqualTo(segments);
      assertThat(decoded.getSegments()).as("the old field").isEmpty();
    }
  }

  @Test
  void emptyDayDecodesToNoSegments() {
    DayRecord decoded = DayRecordCodec.decode(DayRecordCodec.encode(record(List.of())));

    assertThat(DaySegments.of(decoded)).isEmpty();
    assertThat(decoded.getPlatforms()).isEmpty();
  }

  @Test
  void platformsAreListedSortedAndOnce() {
    DayRecord record =
        record(
            List.of(
                segment(0, 60, WorkState.AVAILABLE, List.of("platform-3", "platform-1"), List.of()),
                segment(60, 120, WorkState.ON_TASK, List.of("platform-1"), List.of("platform-1"))));

    assertThat(record.getPlatforms()).containsExactly("platform-1", "platform-3");
  }

  @Test
  void aSegmentOfTheSimulatedDayTakesAboutTenBytes() {
    List<DaySegments.Segment> segments = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      segments.add(
          segment(
              i * 600,
              i * 600 + 300 + i,
              WorkState.ON_TASK,
              List.of("platform-1", "platform-2"),
              List.of("platform-2")));
    }
    int withSegments = DayRecordCodec.encode(record(segments)).length;
    int without = DayRecordCodec.encode(record(List.of())).length;

    assertThat((withSegments - without) / 30.0).isLessThanOrEqualTo(15.0);
  }

  @Test
  void maskNamingAnUnlistedPlatformIsMalformed() {
    DayRecord record = record(List.of());
    record.setPlatforms(List.of("platform-1"));
    record.setCompactSegments(
        List.of(new CompactSegment(0L, 1_000_000L, WorkState.AVAILABLE, 0b10, 0)));

    assertThatThrownBy(() -> DaySegments.of(record))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("platform mask");
  }

  @Test
  void moreThanThirtyTwoPlatformsAreRefused() {
    List<String> many = IntStream.range(0, 33).mapToObj(i -> "p-" + i).toList();

    assertThatThrownBy(() -> record(List.of(segment(0, 60, WorkState.AVAILABLE, many, List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want at most 32");
  }

  /** Segments in time order with gaps and lengths up to a day, some touching, as the job writes. */
  private static List<DaySegments.Segment> randomDay(Random random) {
    List<DaySegments.Segment> segments = new ArrayList<>();
    long at = MIDNIGHT + (random.nextBoolean() ? 0 : random.nextLong(DAY_MICROS));
    int count = random.nextInt(40);
    WorkState[] states = WorkState.values();
    for (int i = 0; i < count; i++) {
      at += random.nextBoolean() ? 0 : 1 + random.nextLong(DAY_MICROS);
      long to = at + 1 + random.nextLong(DAY_MICROS);
      List<String> online = randomPlatforms(random);
      List<String> engaged = online.stream().filter(p -> random.nextBoolean()).toList();
      segments.add(
          new DaySegments.Segment(
              at, to, states[1 + random.nextInt(states.length - 1)], online, engaged));
      at = to;
    }
    return segments;
  }

  private static List<String> randomPlatforms(Random random) {
    return PLATFORMS.stream().filter(p -> random.nextInt(3) == 0).toList();
  }

  private static DaySegments.Segment segment(
      long fromSecond, long toSecond, WorkState state, List<String> online, List<String> engaged) {
    return new DaySegments.Segment(
        MIDNIGHT + fromSecond * 1_000_000L,
        MIDNIGHT + toSecond * 1_000_000L,
        state,
        online,
        engaged);
  }

  private static DayRecord record(List<DaySegments.Segment> segments) {
    return DaySegments.write(
            DayRecord.newBuilder()
                .setWorkerRef(Fixtures.WORKER)
                .setDay("2026-11-28")
                .setZone("Asia/Shanghai")
                .setVersion(1)
                .setProvisional(false)
                .setCoveredUntilMicros(MIDNIGHT + DAY_MICROS)
                .setTotals(new DayTotals(0L, 0L, 0L, 0L, 0L, 0L))
                .setFlags(List.of()),
            segments)
        .build();
  }
}
