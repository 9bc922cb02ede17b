package io.shiftproof.streamjobs.worktime;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A timeline keeps each session's replay between answers and goes back to a checkpoint when an
 * event lands before events already applied, or when asked about an earlier watermark. Whatever the
 * arrival order, resends and watermarks asked about, its answers must be those of a timeline built
 * afresh from the same events.
 */
class SessionLogPropertiesTest {

  private static final String WORKER = "wr_" + "K".repeat(43);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 28);
  private static final long MIDNIGHT = FIRST_DAY.plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond();
  private static final List<String> PLATFORMS = List.of("didi", "eleme", "meituan");
  private static final List<WorkEventType> TYPES = List.of(WorkEventType.values());

  @Property(tries = 150)
  void keptReplaysAnswerAsATimelineBuiltAfresh(@ForAll long seed) {
    Random random = new Random(seed);
    WorkingTimeConfig config =
        WorkingTimeConfig.defaults().withSilenceTimeout(Duration.ofSeconds(300));
    List<RecordedEvent> arrivals = arrivals(random);
    WorkerTimeline kept = new WorkerTimeline(WORKER, config);
    List<LocalDate> days = List.of(FIRST_DAY, FIRST_DAY.plusDays(1));

    for (int i = 0; i < arrivals.size(); i++) {
      kept.add(arrivals.get(i));
      if (random.nextInt(3) > 0) {
        continue;
      }
      // Mostly just past the arrivals, as live updates ask; sometimes earlier or at the end.
      Instant watermark =
          switch (random.nextInt(6)) {
            case 0 -> Instant.MAX;
            case 1 -> Instant.ofEpochSecond(MIDNIGHT - 3600 + random.nextInt(7200));
            default -> arrivals.get(i).event().occurredAt().plusSeconds(random.nextInt(120) - 60);
          };
      WorkerTimeline afresh = WorkerTimeline.restore(WORKER, config, kept.events());
      assertThat(kept.workingDays(days, watermark))
          .as("days at %s after %d arrivals", watermark, i + 1)
          .isEqualTo(afresh.workingDays(days, watermark));
      assertThat(kept.frontier(watermark)).isEqualTo(afresh.frontier(watermark));
    }
    WorkerTimeline afresh = WorkerTimeline.restore(WORKER, config, kept.events());
    assertThat(kept.workingDays(days, Instant.MAX))
        .isEqualTo(afresh.workingDays(days, Instant.MAX));
  }

  /**
   * Up to two hours of events around midnight, a few sessions per platform, shuffled within ten
   * minutes, with resends some of which were received earlier than the first copy (and so replace
   * it).
   */
  private static List<RecordedEvent> arrivals(Random random) {
    int count = 10 + random.nextInt(150);
    List<RecordedEvent> events = new ArrayList<>();
    long second = MIDNIGHT - 3600;
    for (int i = 0; i < count; i++) {
      second += random.nextInt(10) == 0 ? 200 + random.nextInt(400) : random.nextInt(60);
      String platform = PLATFORMS.get(random.nextInt(PLATFORMS.size()));
      WorkEventType type = TYPES.get(random.nextInt(TYPES.size()));
      Instant at = Instant.ofEpochSecond(second, random.nextInt(3) * 500_000_000L);
      WorkEvent event =
          new WorkEvent(
              "e-" + i,
              WORKER,
              platform + "-s" + random.nextInt(2),
              type,
              type.isTaskEvent() ? Optional.of("t" + random.nextInt(3)) : Optional.empty(),
              at,
              at.atZone(SHANGHAI).toOffsetDateTime().toString(),
              Optional.empty());
      events.add(new RecordedEvent(platform, "b-" + i, Instant.ofEpochSecond(MIDNIGHT + i), event));
      if (random.nextInt(8) == 0) {
        long received = MIDNIGHT + i + (random.nextBoolean() ? 1 : -1000);
        events.add(new RecordedEvent(platform, "r-" + i, Instant.ofEpochSecond(received), event));
      }
    }
    for (int i = 0; i < events.size(); i++) {
      int j = Math.min(events.size() - 1, i + random.nextInt(12));
      Collections.swap(events, i, j);
    }
    return events;
  }
}
