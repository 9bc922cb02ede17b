package io.shiftproof.streamjobs.worktime;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.WorkInput;
import io.shiftproof.streamjobs.WorkerDayFunction;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Days with thousands of events, asked about after every event as the live updates do: the work of
 * the answers (events applied in session replays) must grow with the events, not with the events
 * times the answers, and the answers, through the timeline and through the operator, must stay
 * those of the reference.
 */
class LongWorkingDayTest {

  private static final String WORKER = "wr_" + "L".repeat(43);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  private static final long DAY_START = DAY.atStartOfDay(SHANGHAI).toEpochSecond();
  private static final long DAY_END = DAY.plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond();
  private static final long CELL_SECONDS = 30;
  private static final WorkingTimeConfig CONFIG = WorkingTimeConfig.defaults();

  @Test
  void inOrderEventsAreEachAppliedOnceHoweverOftenTheDayIsAsked() {
    List<ReferenceEvent> day = longDay(new Random(11));
    assertThat(day).hasSizeGreaterThan(3_000);
    WorkerTimeline timeline = new WorkerTimeline(WORKER, CONFIG);

    for (int i = 0; i < day.size(); i++) {
      ReferenceEvent event = day.get(i);
      timeline.add(recorded(event, "b-" + i / 50));
      Instant watermark = Instant.ofEpochSecond(event.occurredAtSecond() + 1);
      timeline.workingDays(List.of(DAY), watermark);
      timeline.frontier(watermark);
    }

    assertThat(timeline.appliedEvents()).isEqualTo(day.size());
    assertMatchesReference(timeline.workingDay(DAY, Instant.MAX), day);
  }

  @Test
  void lateEventsReapplyOnlyTheirSessionFromTheCheckpointBeforeThem() {
    List<ReferenceEvent> day = longDay(new Random(12));
    long latenessSeconds = 120;
    long outOfOrdernessSeconds = 30;
    Random random = new Random(13);
    List<ReferenceEvent> arrivals = new ArrayList<>(day);
    long[] arrivesAt = new long[day.size()];
    for (int i = 0; i < day.size(); i++) {
      arrivesAt[i] = day.get(i).occurredAtSecond() + random.nextInt((int) latenessSeconds + 1);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < day.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> arrivesAt[i]));
    arrivals.clear();
    order.forEach(i -> arrivals.add(day.get(i)));

    WorkerTimeline timeline = new WorkerTimeline(WORKER, CONFIG);
    long newest = Long.MIN_VALUE;
    long mostInOneAnswer = 0;
    for (int i = 0; i < arrivals.size(); i++) {
      ReferenceEvent event = arrivals.get(i);
      timeline.add(recorded(event, "b-" + i / 50));
      newest = Math.max(newest, event.occurredAtSecond());
      long before = timeline.appliedEvents();
      timeline.workingDays(List.of(DAY), Instant.ofEpochSecond(newest - outOfOrdernessSeconds));
      mostInOneAnswer = Math.max(mostInOneAnswer, timeline.appliedEvents() - before);
    }

    // An answer applies the events the watermark newly passed, and re-applies the late event's
    // session from the checkpoint before it: never more than a lateness bound of events and one
    // checkpoint spacing, where recomputing the day would apply every event every time.
    long perWindow = mostEventsWithin(day, latenessSeconds + outOfOrdernessSeconds);
    assertThat(mostInOneAnswer).isLessThanOrEqualTo(SessionLog.CHECKPOINT_SPACING + 2 * perWindow);
    assertThat(timeline.appliedEvents()).isLessThan(3L * day.size());
    assertMatchesReference(timeline.workingDay(DAY, Instant.MAX), day);
  }

  @Test
  void aTimelineRestoredFromStateAppliesEachEventOnce() {
    List<ReferenceEvent> day = longDay(new Random(14));
    WorkerTimeline timeline = new WorkerTimeline(WORKER, CONFIG);
    for (int i = 0; i < day.size(); i++) {
      timeline.add(recorded(day.get(i), "b-" + i / 50));
    }

    WorkerTimeline restored = WorkerTimeline.restore(WORKER, CONFIG, timeline.events());

    assertThat(restored.workingDay(DAY, Instant.MAX))
        .isEqualTo(timeline.workingDay(DAY, Instant.MAX));
    assertThat(restored.appliedEvents()).isEqualTo(day.size());
  }

  @Test
  void theOperatorSealsALongDayArrivingShuffledAsTheReferenceDoes() throws Exception {
    List<ReferenceEvent> day = longDay(new Random(15));
    Random random = new Random(16);
    List<ReferenceEvent> arrivals = new ArrayList<>(day);
    for (int i = 0; i < arrivals.size(); i++) {
      // Each event swapped a few places on: most arrive within the out-of-orderness, some after it.
      Collections.swap(arrivals, i, Math.min(arrivals.size() - 1, i + random.nextInt(9)));
    }
    List<DayRecordUpdate> sealed = new ArrayList<>();
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, WorkInput, DayRecordUpdate>(
            new KeyedProcessOperator<>(
                new WorkerDayFunction(CONFIG, Duration.ofSeconds(5), Duration.ofHours(72))),
            WorkInput::workerRef,
            Types.STRING)) {
      harness.open();
      long newest = Long.MIN_VALUE;
      long watermark = Long.MIN_VALUE;
      for (int i = 0; i < arrivals.size(); i++) {
        RecordedEvent event = recorded(arrivals.get(i), "b-" + i / 50);
        harness.processElement(WorkInput.of(event), event.event().occurredAt().toEpochMilli());
        newest = Math.max(newest, arrivals.get(i).occurredAtSecond());
        long next = (newest - 30) * 1000 - 1;
        if (next > watermark) {
          watermark = next;
          harness.processWatermark(watermark);
        }
      }
      harness.processWatermark(Long.MAX_VALUE);
      harness
          .getSideOutput(WorkerDayFunction.SEALED_VERSIONS)
          .forEach(r -> sealed.add(r.getValue()));
    }

    DayRecord latest =
        DayRecordCodec.decode(
            sealed.stream()
                .filter(update -> update.day().equals(DAY))
                .max(Comparator.comparingInt(DayRecordUpdate::version))
                .orElseThrow()
                .record());
    WorkingTimeReference reference =
        new WorkingTimeReference(
            day, CONFIG.silenceTimeout().toSeconds(), Long.MAX_VALUE / 2, CELL_SECONDS);
    var totals = latest.getTotals();
    assertThat(
            new DayTotals(
                totals.getOnlineSeconds(),
                totals.getEngagedSeconds(),
                totals.getOnTaskSeconds(),
                totals.getMultiAppSeconds(),
                totals.getPlatformSumSeconds(),
                totals.getLongestStretchSeconds()))
        .isEqualTo(reference.totals(DAY_START, DAY_END, CONFIG.stretchJoinGap().toSeconds()));
    assertThat(
            DaySegments.of(latest).stream()
                .map(
                    s ->
                        new WorkingTimeReference.ReferenceSegment(
                            s.fromMicros() / 1_000_000,
                            s.toMicros() / 1_000_000,
                            WorkState.valueOf(s.state().name()),
                            s.onlinePlatforms(),
                            s.engagedPlatforms()))
                .toList())
        .isEqualTo(reference.segments(DAY_START, DAY_END));
  }

  private static void assertMatchesReference(WorkingDay actual, List<ReferenceEvent> events) {
    WorkingTimeReference reference =
        new WorkingTimeReference(
            events, CONFIG.silenceTimeout().toSeconds(), Long.MAX_VALUE / 2, CELL_SECONDS);
    assertThat(actual.totals())
        .isEqualTo(reference.totals(DAY_START, DAY_END, CONFIG.stretchJoinGap().toSeconds()));
    assertThat(
            actual.segments().stream()
                .map(
                    s ->
                        new WorkingTimeReference.ReferenceSegment(
                            s.from().getEpochSecond(),
                            s.to().getEpochSecond(),
                            s.state(),
                            s.onlinePlatforms(),
                            s.engagedPlatforms()))
                .toList())
        .isEqualTo(reference.segments(DAY_START, DAY_END));
    assertThat(
            actual.anomalies().stream()
                .map(
                    a ->
                        a.kind()
                            + " "
                            + a.platform()
                            + " "
                            + a.sessionId()
                            + " "
                            + a.at().getEpochSecond())
                .sorted()
                .toList())
        .isEqualTo(reference.anomalies(DAY_START, DAY_END));
  }

  /**
   * A courier's long day on two platforms, in application order: a heartbeat every 30 seconds while
   * online, an order every few minutes (some cancelled, some started without an assignment), a
   * phone that falls silent for a quarter of an hour, and a session that never sends {@code
   * OFFLINE}.
   */
  private static List<ReferenceEvent> longDay(Random random) {
    List<ReferenceEvent> events = new ArrayList<>();
    platformDay(events, random, "meituan", 7 * 3600, 22 * 3600, true);
    platformDay(events, random, "eleme", 10 * 3600, 20 * 3600, false);
    // In application order: events of one instant in the §5 type order, as a stream sorted by time
    // and type would bring them.
    events.sort(
        Comparator.comparingLong(ReferenceEvent::occurredAtSecond)
            .thenComparingInt(event -> SessionReplay.typeRank(event.type()))
            .thenComparing(ReferenceEvent::eventId));
    return events;
  }

  private static void platformDay(
      List<ReferenceEvent> events,
      Random random,
      String platform,
      long fromSecond,
      long toSecond,
      boolean sendsOffline) {
    String session = platform + "-s";
    int[] number = {0};
    Event add =
        (type, task, second) ->
            events.add(
                new ReferenceEvent(
                    platform,
                    session,
                    platform + "-" + number[0]++,
                    type,
                    task,
                    DAY_START + second));
    add.at(WorkEventType.ONLINE, "", fromSecond);
    long silentFrom = fromSecond + (toSecond - fromSecond) / 2;
    for (long second = fromSecond + CELL_SECONDS; second < toSecond; second += CELL_SECONDS) {
      if (second < silentFrom || second >= silentFrom + 900) {
        add.at(WorkEventType.HEARTBEAT, "", second);
      }
    }
    int task = 0;
    for (long second = fromSecond + 120;
        second < toSecond - 900;
        second += 240 + 30L * random.nextInt(8)) {
      String ref = "t" + task++;
      long started = second + 30L * (1 + random.nextInt(4));
      long ended = started + 30L * (2 + random.nextInt(8));
      if (random.nextInt(10) > 0) {
        add.at(WorkEventType.TASK_ASSIGNED, ref, second);
      }
      add.at(WorkEventType.TASK_STARTED, ref, started);
      add.at(
          random.nextInt(8) == 0 ? WorkEventType.TASK_CANCELLED : WorkEventType.TASK_COMPLETED,
          ref,
          ended);
    }
    if (sendsOffline) {
      add.at(WorkEventType.OFFLINE, "", toSecond);
    }
  }

  private interface Event {
    void at(WorkEventType type, String taskRef, long secondOfDay);
  }

  private static long mostEventsWithin(List<ReferenceEvent> sorted, long seconds) {
    long most = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to).occurredAtSecond() - sorted.get(from).occurredAtSecond() > seconds) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  private static RecordedEvent recorded(ReferenceEvent event, String batchId) {
    Instant at = Instant.ofEpochSecond(event.occurredAtSecond());
    WorkEvent work =
        new WorkEvent(
            event.eventId(),
            WORKER,
            event.sessionId(),
            event.type(),
            event.type().isTaskEvent() ? Optional.of(event.taskRef()) : Optional.empty(),
            at,
            at.atZone(SHANGHAI).toOffsetDateTime().toString(),
            Optional.empty());
    return new RecordedEvent(event.platform(), batchId, Instant.ofEpochSecond(DAY_END), work);
  }
}
