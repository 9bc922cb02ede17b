package io.shiftproof.streamjobs.worktime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.records.RecordReach;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.SealRequest;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.WorkInput;
import io.shiftproof.streamjobs.WorkerDayFunction;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.DayRecordUpdate.UpdateKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Random multi-platform event streams must give exactly the totals, segments and statuses of the
 * per-cell reference model: stacked and unopened tasks, cancellations, missing OFFLINEs, silences
 * of exactly the timeout, equal timestamps, midnight crossings, resent duplicates and shuffled
 * arrival included.
 */
class WorkingTimePropertiesTest {

  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 28);

  /** Generated streams are placed so that their middle falls on this local midnight. */
  private static final long MIDNIGHT_SECOND =
      FIRST_DAY.plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond();

  private static final long CELL_SECONDS = 30;
  private static final List<String> PLATFORMS = List.of("didi", "eleme", "meituan");

  @Property(tries = 400)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void totalsSegmentsAndFlagsMatchTheReference(@ForAll("scenarios") Scenario scenario) {
    WorkerTimeline timeline = timelineOf(scenario);
    WorkingTimeReference reference = referenceOf(scenario);
    long known = reference.knownUntil();
    assertThat(timeline.frontier(scenario.watermark()).knownUntil())
        .isEqualTo(Instant.ofEpochSecond(known));

    for (LocalDate day : List.of(FIRST_DAY, FIRST_DAY.plusDays(1))) {
      long dayStart = day.atStartOfDay(SHANGHAI).toEpochSecond();
      long dayEnd = day.plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond();
      // A record describes its day only as far as the time is known.
      long coveredUntil = Math.max(dayStart, Math.min(dayEnd, known));
      WorkingDay workingDay = timeline.workingDay(day, scenario.watermark());

      assertThat(workingDay.coveredUntil()).isEqualTo(Instant.ofEpochSecond(coveredUntil));
      assertThat(workingDay.totals())
          .as("totals of %s", day)
          .isEqualTo(reference.totals(dayStart, coveredUntil, scenario.joinGapSeconds()));
      assertThat(workingDay.segments().stream().map(WorkingTimePropertiesTest::inSeconds).toList())
          .as("segments of %s", day)
          .isEqualTo(reference.segments(dayStart, coveredUntil));
      assertThat(
              workingDay.anomalies().stream()
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
          .as("anomalies of %s", day)
          .isEqualTo(reference.anomalies(dayStart, coveredUntil));
    }
    collectCoverage(timeline, scenario);
  }

  /** Guards the generator: the corners this property is meant to reach must keep being reached. */
  private static void collectCoverage(WorkerTimeline timeline, Scenario scenario) {
    WorkingDay first = timeline.workingDay(FIRST_DAY, scenario.watermark());
    WorkingDay second = timeline.workingDay(FIRST_DAY.plusDays(1), scenario.watermark());
    List<AnomalyKind> kinds =
        Stream.concat(first.anomalies().stream(), second.anomalies().stream())
            .map(Anomaly::kind)
            .toList();
    coverage(
        "online on both sides of midnight",
        first.totals().onlineSeconds() > 0 && second.totals().onlineSeconds() > 0);
    coverage(
        "multi-app time", first.totals().multiAppSeconds() + second.totals().multiAppSeconds() > 0);
    coverage("on-task time", first.totals().onTaskSeconds() + second.totals().onTaskSeconds() > 0);
    coverage("timeout", kinds.contains(AnomalyKind.TIMEOUT));
    coverage("implied online", kinds.contains(AnomalyKind.IMPLIED_ONLINE));
    coverage("implied assignment", kinds.contains(AnomalyKind.IMPLIED_ASSIGNMENT));
    coverage("provisional first day", first.provisional());
    coverage(
        "a session undecided at the watermark",
        timeline.frontier(scenario.watermark()).knownUntil().isBefore(scenario.watermark()));
    coverage("resent events", scenario.resent().contains(true));
  }

  private static void coverage(String label, boolean reached) {
    coverage(label, reached, 5.0);
  }

  private static void coverage(String label, boolean reached, double minimumPercent) {
    Statistics.label(label).collect(reached);
    Statistics.label(label)
        .coverage(check -> check.check(true).percentage(p -> p >= minimumPercent));
  }

  @Property(tries = 200)
  void statusMatchesTheReferenceAtEveryEventAndAfter(@ForAll("scenarios") Scenario scenario) {
    WorkerTimeline timeline = timelineOf(scenario);
    WorkingTimeReference reference = referenceOf(scenario);
    long known = reference.knownUntil();

    for (ReferenceEvent event : scenario.events()) {
      for (long offset : new long[] {0, CELL_SECONDS, 11 * CELL_SECONDS}) {
        long second = event.occurredAtSecond() + offset;
        if (second >= known) {
          assertThatThrownBy(
                  () -> timeline.statusAt(Instant.ofEpochSecond(second), scenario.watermark()))
              .as("status at %s, past what is known", second)
              .isInstanceOf(IllegalArgumentException.class);
          continue;
        }
        Status status = timeline.statusAt(Instant.ofEpochSecond(second), scenario.watermark());
        var expected = reference.platformStatesAt(second);
        assertThat(status.onlinePlatforms()).isEqualTo(List.copyOf(expected.keySet()));
        assertThat(status.state())
            .isEqualTo(expected.values().stream().reduce(WorkState.OFFLINE, WorkState::max));
        assertThat(status.engagedPlatforms())
            .isEqualTo(
                expected.entrySet().stream()
                    .filter(entry -> entry.getValue().compareTo(WorkState.EN_ROUTE) >= 0)
                    .map(Map.Entry::getKey)
                    .toList());
      }
    }
  }

  @Property(tries = 300)
  void totalsAreOrderedAsTheirDefinitionsDemand(@ForAll("scenarios") Scenario scenario) {
    DayTotals totals = timelineOf(scenario).workingDay(FIRST_DAY, scenario.watermark()).totals();

    assertThat(totals.onTaskSeconds()).isLessThanOrEqualTo(totals.engagedSeconds());
    assertThat(totals.engagedSeconds()).isLessThanOrEqualTo(totals.onlineSeconds());
    assertThat(totals.onlineSeconds()).isLessThanOrEqualTo(totals.platformSumSeconds());
    assertThat(totals.multiAppSeconds()).isLessThanOrEqualTo(totals.onlineSeconds());
    assertThat(totals.platformSumSeconds() - totals.onlineSeconds())
        .isGreaterThanOrEqualTo(totals.multiAppSeconds());
    assertThat(totals.longestStretchSeconds()).isGreaterThanOrEqualTo(0);
  }

  @Property(tries = 200)
  void arrivalOrderAndResendsNeverChangeTheDay(@ForAll("scenarios") Scenario scenario) {
    WorkerTimeline shuffled = timelineOf(scenario);
    WorkerTimeline inOrder = new WorkerTimeline(WORKER, config(scenario));
    for (int i = 0; i < scenario.events().size(); i++) {
      inOrder.add(
          recorded(scenario.events().get(i), "b" + i, Instant.ofEpochSecond(MIDNIGHT_SECOND)));
    }
    for (LocalDate day : List.of(FIRST_DAY, FIRST_DAY.plusDays(1))) {
      WorkingDay expected = inOrder.workingDay(day, scenario.watermark());
      WorkingDay actual = shuffled.workingDay(day, scenario.watermark());
      assertThat(actual.totals()).isEqualTo(expected.totals());
      assertThat(actual.segments()).isEqualTo(expected.segments());
      assertThat(actual.anomalies()).isEqualTo(expected.anomalies());
      WorkerTimeline restored = WorkerTimeline.restore(WORKER, config(scenario), shuffled.events());
      assertThat(restored.workingDay(day, scenario.watermark())).isEqualTo(actual);
    }
  }

  /**
   * The same property through the Flink operator: events (and resends) arrive shuffled within a
   * lateness bound while the watermark trails the newest event by less than that bound, so some
   * events are late and correct days already sealed; seal requests arrive in between, sealing
   * interim versions of days still open. Once the stream is complete, each day's latest sealed
   * version is final (never an interim one) and equals the reference.
   */
  @Property(tries = 150)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void theOperatorsLatestSealedVersionsMatchTheReference(
      @ForAll("scenarios") Scenario scenario,
      @ForAll @IntRange(min = 0, max = 7200) int latenessSeconds,
      @ForAll @IntRange(min = 0, max = 900) int watermarkLagSeconds,
      @ForAll @IntRange(min = 0, max = 12) int sealRequestEvery)
      throws Exception {
    WorkingTimeConfig config = config(scenario);
    Instant received = Instant.ofEpochSecond(MIDNIGHT_SECOND);
    List<Arrival> arrivals =
        arrivals(scenario, new Random(scenario.shuffleSeed()), latenessSeconds);

    List<DayRecordUpdate> sealed = new ArrayList<>();
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, WorkInput, DayRecordUpdate>(
            new KeyedProcessOperator<>(
                new WorkerDayFunction(config, Duration.ofSeconds(5), Duration.ofHours(72))),
            WorkInput::workerRef,
            Types.STRING)) {
      harness.open();
      long watermark = Long.MIN_VALUE;
      int arrived = 0;
      for (Arrival arrival : arrivals) {
        long occurredMillis = arrival.event().event().occurredAt().toEpochMilli();
        harness.processElement(WorkInput.of(arrival.event()), occurredMillis);
        if (sealRequestEvery > 0 && ++arrived % sealRequestEvery == 0) {
          LocalDate day = FIRST_DAY.plusDays(arrived / sealRequestEvery % 2);
          harness.processElement(
              WorkInput.of(new SealRequest(WORKER, day, "seal-" + arrived, "insurer-1", received)),
              Long.MIN_VALUE);
        }
        long next = arrival.arrivesAtSecond() * 1000 - watermarkLagSeconds * 1000L - 1;
        if (next > watermark) {
          watermark = next;
          harness.processWatermark(watermark);
        }
      }
      harness.processWatermark(Long.MAX_VALUE);
      var output = harness.getSideOutput(WorkerDayFunction.SEALED_VERSIONS);
      if (output != null) {
        output.forEach(record -> sealed.add(record.getValue()));
      }
    }

    // Corrections need an event late past midnight plus the timeout: rarer than the other corners.
    coverage(
        "a late event sealed a correction",
        sealed.stream().anyMatch(v -> v.kind() == UpdateKind.CORRECTION),
        2.0);
    coverage(
        "a seal request sealed an interim version",
        sealed.stream().anyMatch(v -> v.kind() == UpdateKind.INTERIM),
        10.0);
    WorkingTimeReference reference =
        new WorkingTimeReference(
            scenario.events(), scenario.timeoutSeconds(), Long.MAX_VALUE / 2, CELL_SECONDS);
    for (LocalDate day : List.of(FIRST_DAY, FIRST_DAY.plusDays(1))) {
      long dayStart = day.atStartOfDay(SHANGHAI).toEpochSecond();
      long dayEnd = day.plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond();
      Optional<DayRecordUpdate> latestUpdate =
          sealed.stream()
              .filter(update -> update.day().equals(day))
              .max(Comparator.comparingInt(DayRecordUpdate::version));
      latestUpdate.ifPresent(
          update ->
              assertThat(update.kind()).as("latest of %s", day).isNotEqualTo(UpdateKind.INTERIM));
      Optional<DayRecord> latest =
          latestUpdate.map(update -> DayRecordCodec.decode(update.record()));
      List<WorkingTimeReference.ReferenceSegment> expectedSegments =
          reference.segments(dayStart, dayEnd);
      if (latest.isEmpty()) {
        assertThat(expectedSegments).as("segments of unsealed %s", day).isEmpty();
        continue;
      }
      DayTotals expected = reference.totals(dayStart, dayEnd, scenario.joinGapSeconds());
      var totals = latest.get().getTotals();
      assertThat(
              new DayTotals(
                  totals.getOnlineSeconds(),
                  totals.getEngagedSeconds(),
                  totals.getOnTaskSeconds(),
                  totals.getMultiAppSeconds(),
                  totals.getPlatformSumSeconds(),
                  totals.getLongestStretchSeconds()))
          .as("totals of %s", day)
          .isEqualTo(expected);
      // The job writes the compact form only; the field of schema version 1 stays empty.
      assertThat(latest.get().getSegments()).as("old segments of %s", day).isEmpty();
      assertThat(
              DaySegments.of(latest.get()).stream()
                  .map(
                      s ->
                          new WorkingTimeReference.ReferenceSegment(
                              s.fromMicros() / 1_000_000,
                              s.toMicros() / 1_000_000,
                              WorkState.valueOf(s.state().name()),
                              s.onlinePlatforms(),
                              s.engagedPlatforms()))
                  .toList())
          .as("segments of %s", day)
          .isEqualTo(expectedSegments);
    }
  }

  /**
   * Live records follow the watermark through the operator: at random watermarks, while events
   * arrive shuffled and late and then while only the watermark moves, each open day's latest live
   * record, read as the day queries read it (a quiet record holds, as offline, up to the committed
   * watermark), must say exactly what the reference says of the events that have arrived, with
   * silent sessions closed, for as far as it holds; and it never holds past what the reference
   * knows. Once nothing is left undecided, it holds up to the committed watermark without a new
   * event.
   */
  @Property(tries = 80)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void theOperatorsLiveRecordsFollowTheWatermark(
      @ForAll("scenarios") Scenario scenario,
      @ForAll @IntRange(min = 0, max = 900) int latenessSeconds,
      @ForAll @IntRange(min = 0, max = 120) int watermarkLagSeconds,
      @ForAll @IntRange(min = 2, max = 10) int checkOneIn,
      @ForAll("updateIntervals") Duration updateInterval)
      throws Exception {
    WorkingTimeConfig config = config(scenario);
    Random random = new Random(scenario.shuffleSeed());
    List<Arrival> arrivals = arrivals(scenario, random, latenessSeconds);
    List<ReferenceEvent> arrived = new ArrayList<>();
    LiveChecks checks = new LiveChecks(scenario);
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, WorkInput, DayRecordUpdate>(
            new KeyedProcessOperator<>(
                new WorkerDayFunction(config, updateInterval, Duration.ofHours(72))),
            WorkInput::workerRef,
            Types.STRING)) {
      harness.open();
      // Watermarks on whole cells, as the reference needs; a Flink watermark w means every event up
      // to w has arrived, so w = cell - 1 ms makes the timeline's watermark the cell itself.
      long watermarkSecond = Long.MIN_VALUE;
      for (Arrival arrival : arrivals) {
        long occurredMillis = arrival.event().event().occurredAt().toEpochMilli();
        harness.processElement(WorkInput.of(arrival.event()), occurredMillis);
        arrived.add(arrival.reference());
        long next =
            Math.floorDiv(arrival.arrivesAtSecond() - watermarkLagSeconds, CELL_SECONDS)
                * CELL_SECONDS;
        if (next > watermarkSecond) {
          watermarkSecond = next;
          harness.processWatermark(watermarkSecond * 1000 - 1);
          if (random.nextInt(checkOneIn) == 0) {
            checks.check(harness.extractOutputValues(), arrived, watermarkSecond, false);
          }
        }
      }
      // Then only the watermark moves, past every silence timeout and into the next days.
      long lastEvent =
          scenario.events().stream().mapToLong(ReferenceEvent::occurredAtSecond).max().orElse(0);
      long quietFrom = Math.max(watermarkSecond, lastEvent);
      for (int step = 0; step < 6; step++) {
        long next = quietFrom + (1 + random.nextInt(60)) * CELL_SECONDS * (step + 1);
        if (next > watermarkSecond) {
          watermarkSecond = next;
          harness.processWatermark(watermarkSecond * 1000 - 1);
          boolean allDecided =
              watermarkSecond >= lastEvent + scenario.timeoutSeconds() + updateInterval.toSeconds();
          checks.check(harness.extractOutputValues(), arrived, watermarkSecond, allDecided);
        }
      }
    }
    coverage("a quiet live record held past its end", checks.heldPastItsEnd, 10.0);
    coverage("a live record ended at an undecided session", checks.endedUndecided, 10.0);
  }

  /**
   * The job's 5 seconds, and intervals longer than a cell, under which an update that waited for
   * the interval would show between watermarks.
   */
  @Provide
  Arbitrary<Duration> updateIntervals() {
    return Arbitraries.of(Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofMinutes(7));
  }

  /** The checks of {@link #theOperatorsLiveRecordsFollowTheWatermark} at one watermark. */
  private static final class LiveChecks {
    private final Scenario scenario;
    boolean heldPastItsEnd;
    boolean endedUndecided;

    LiveChecks(Scenario scenario) {
      this.scenario = scenario;
    }

    void check(
        List<DayRecordUpdate> output,
        List<ReferenceEvent> arrived,
        long watermarkSecond,
        boolean allDecided) {
      WorkingTimeReference reference =
          new WorkingTimeReference(
              arrived, scenario.timeoutSeconds(), watermarkSecond, CELL_SECONDS);
      // What stream_progress would hold: the Flink watermark.
      Instant committed = Instant.ofEpochSecond(watermarkSecond).minusMillis(1);
      for (LocalDate day : List.of(FIRST_DAY, FIRST_DAY.plusDays(1))) {
        long dayStart = day.atStartOfDay(SHANGHAI).toEpochSecond();
        long dayEnd = day.plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond();
        if (watermarkSecond >= dayEnd + scenario.timeoutSeconds()) {
          continue; // settled: its sealed version answers, checked by the property above
        }
        Optional<DayRecordUpdate> latest =
            output.stream()
                .filter(u -> u.kind() == UpdateKind.LIVE && u.day().equals(day))
                .reduce((first, second) -> second);
        if (latest.isEmpty()) {
          continue; // no record: the day queries claim nothing about the day
        }
        DayRecord live = DayRecordCodec.decode(latest.get().record());
        boolean quiet = latest.get().liveRecord().quiet();
        Instant reach = RecordReach.ofLive(live, quiet, Optional.of(committed));
        long coveredUntil = live.getCoveredUntilMicros() / 1_000_000;
        heldPastItsEnd |= reach.getEpochSecond() > coveredUntil;
        endedUndecided |= !quiet && coveredUntil < Math.min(dayEnd, watermarkSecond);
        // The reference is constant over each cell, so the cell holding the record's last instant
        // is compared whole.
        long end = Math.min(dayEnd, ceilToCell(reach));
        String at = day + " at watermark " + Instant.ofEpochSecond(watermarkSecond);

        assertThat(end)
            .as("how far %s holds, against what the reference knows", at)
            .isLessThanOrEqualTo(Math.max(dayStart, Math.min(dayEnd, reference.knownUntil())));
        if (allDecided) {
          assertThat(reach)
              .as("%s follows the committed watermark", at)
              .isAfterOrEqualTo(committed.isBefore(instant(dayEnd)) ? committed : instant(dayEnd));
        }
        var totals = live.getTotals();
        assertThat(
                new DayTotals(
                    totals.getOnlineSeconds(),
                    totals.getEngagedSeconds(),
                    totals.getOnTaskSeconds(),
                    totals.getMultiAppSeconds(),
                    totals.getPlatformSumSeconds(),
                    totals.getLongestStretchSeconds()))
            .as("totals of %s", at)
            .isEqualTo(reference.totals(dayStart, end, scenario.joinGapSeconds()));
        assertThat(DaySegments.of(live).stream().map(WorkingTimePropertiesTest::inSeconds).toList())
            .as("segments of %s", at)
            .isEqualTo(reference.segments(dayStart, end));
        assertThat(
                live.getFlags().stream()
                    .map(
                        f ->
                            f.getKind()
                                + " "
                                + f.getPlatform()
                                + " "
                                + f.getSessionId()
                                + " "
                                + f.getAtMicros() / 1_000_000)
                    .sorted()
                    .toList())
            .as("flags of %s", at)
            .isEqualTo(reference.anomalies(dayStart, end));
        for (long second = dayStart; second < end; second += CELL_SECONDS) {
          assertThat(stateAt(live, second))
              .as("status of %s at %s", at, Instant.ofEpochSecond(second))
              .isEqualTo(
                  reference.platformStatesAt(second).values().stream()
                      .reduce(WorkState.OFFLINE, WorkState::max));
        }
      }
    }

    private static long ceilToCell(Instant instant) {
      long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
      return Math.floorDiv(seconds + CELL_SECONDS - 1, CELL_SECONDS) * CELL_SECONDS;
    }

    private static Instant instant(long second) {
      return Instant.ofEpochSecond(second);
    }

    /** The state as the status query reads it: the segment holding the instant, else offline. */
    private static WorkState stateAt(DayRecord live, long second) {
      long micros = second * 1_000_000;
      return DaySegments.of(live).stream()
          .filter(s -> s.fromMicros() <= micros && micros < s.toMicros())
          .map(s -> WorkState.valueOf(s.state().name()))
          .findFirst()
          .orElse(WorkState.OFFLINE);
    }
  }

  private static WorkingTimeReference.ReferenceSegment inSeconds(DaySegments.Segment segment) {
    return new WorkingTimeReference.ReferenceSegment(
        segment.fromMicros() / 1_000_000,
        segment.toMicros() / 1_000_000,
        WorkState.valueOf(segment.state().name()),
        segment.onlinePlatforms(),
        segment.engagedPlatforms());
  }

  /** Every event and resend with the second it arrives at, in arrival order. */
  private static List<Arrival> arrivals(Scenario scenario, Random random, int latenessSeconds) {
    List<Arrival> arrivals = new ArrayList<>();
    Instant received = Instant.ofEpochSecond(MIDNIGHT_SECOND);
    for (int i = 0; i < scenario.events().size(); i++) {
      ReferenceEvent event = scenario.events().get(i);
      arrivals.add(
          new Arrival(
              recorded(event, "b" + i, received),
              event,
              event.occurredAtSecond() + delay(random, latenessSeconds)));
      if (scenario.resent().get(i)) {
        arrivals.add(
            new Arrival(
                recorded(event, "r" + i, received.plusSeconds(i % 2 == 0 ? 60 : -60)),
                event,
                event.occurredAtSecond() + delay(random, latenessSeconds)));
      }
    }
    arrivals.sort(Comparator.comparingLong(Arrival::arrivesAtSecond));
    return arrivals;
  }

  private record Arrival(RecordedEvent event, ReferenceEvent reference, long arrivesAtSecond) {}

  private static long delay(Random random, int latenessSeconds) {
    return latenessSeconds == 0 ? 0 : random.nextInt(latenessSeconds + 1);
  }

  private static WorkingTimeReference.ReferenceSegment inSeconds(Segment segment) {
    assertThat(segment.from().getNano()).isZero();
    assertThat(segment.to().getNano()).isZero();
    return new WorkingTimeReference.ReferenceSegment(
        segment.from().getEpochSecond(),
        segment.to().getEpochSecond(),
        segment.state(),
        segment.onlinePlatforms(),
        segment.engagedPlatforms());
  }

  static WorkerTimeline timelineOf(Scenario scenario) {
    List<RecordedEvent> arrivals = new ArrayList<>();
    Instant received = Instant.ofEpochSecond(MIDNIGHT_SECOND);
    for (int i = 0; i < scenario.events().size(); i++) {
      ReferenceEvent event = scenario.events().get(i);
      arrivals.add(recorded(event, "b" + i, received));
      if (scenario.resent().get(i)) {
        // A resend arrives in another batch; it may even be received first.
        arrivals.add(recorded(event, "r" + i, received.plusSeconds(i % 2 == 0 ? 60 : -60)));
      }
    }
    Collections.shuffle(arrivals, new Random(scenario.shuffleSeed()));
    WorkerTimeline timeline = new WorkerTimeline(WORKER, config(scenario));
    arrivals.forEach(timeline::add);
    return timeline;
  }

  static WorkingTimeReference referenceOf(Scenario scenario) {
    return new WorkingTimeReference(
        scenario.events(), scenario.timeoutSeconds(), scenario.watermarkSecond(), CELL_SECONDS);
  }

  private static WorkingTimeConfig config(Scenario scenario) {
    return new WorkingTimeConfig(
        Duration.ofSeconds(scenario.timeoutSeconds()),
        SHANGHAI,
        Duration.ofSeconds(scenario.joinGapSeconds()));
  }

  private static RecordedEvent recorded(ReferenceEvent event, String batchId, Instant receivedAt) {
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
    return new RecordedEvent(event.platform(), batchId, receivedAt, work);
  }

  /**
   * A generated stream: events in generation order, which copies are resent, and how to shuffle.
   */
  record Scenario(
      List<ReferenceEvent> events,
      List<Boolean> resent,
      long shuffleSeed,
      long timeoutSeconds,
      long joinGapSeconds,
      long watermarkSecond) {

    Instant watermark() {
      return Instant.ofEpochSecond(watermarkSecond);
    }
  }

  /**
   * One generated event; {@code sameSession} sends it to the previous event's session, so that
   * sessions get dense runs of events (and ties) rather than a thin spread over all sessions.
   */
  private record Draft(
      boolean sameSession,
      int platform,
      int session,
      WorkEventType type,
      int task,
      int stepCells,
      boolean resent) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<WorkEventType> types =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(WorkEventType.ONLINE)),
            Tuple.of(2, Arbitraries.just(WorkEventType.OFFLINE)),
            Tuple.of(4, Arbitraries.just(WorkEventType.TASK_ASSIGNED)),
            Tuple.of(3, Arbitraries.just(WorkEventType.TASK_STARTED)),
            Tuple.of(3, Arbitraries.just(WorkEventType.TASK_COMPLETED)),
            Tuple.of(1, Arbitraries.just(WorkEventType.TASK_CANCELLED)),
            Tuple.of(5, Arbitraries.just(WorkEventType.HEARTBEAT)));
    // Steps are in cells of 30 s: many ties, many short gaps, and silences around the timeout.
    Arbitrary<Integer> steps =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just(0)),
            Tuple.of(8, Arbitraries.integers().between(1, 3)),
            Tuple.of(3, Arbitraries.integers().between(4, 12)),
            Tuple.of(1, Arbitraries.integers().between(13, 45)));
    Arbitrary<Draft> drafts =
        Combinators.combine(
                Arbitraries.integers().between(0, 1).map(n -> n > 0),
                Arbitraries.integers().between(0, 2),
                Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(1, 1)),
                types,
                Arbitraries.frequency(
                    Tuple.of(4, 0), Tuple.of(2, 1), Tuple.of(1, 2), Tuple.of(1, 3)),
                steps,
                Arbitraries.integers().between(0, 9).map(n -> n == 0))
            .as(Draft::new);
    Arbitrary<Integer> platformCounts = Arbitraries.integers().between(2, 3);
    Arbitrary<Long> timeouts = Arbitraries.of(10 * 60L, 5 * 60L);
    // The docs/design.md §5 join gap of 20 minutes, and a short one so that gaps of exactly the
    // limit are common.
    Arbitrary<Long> joinGaps = Arbitraries.of(20 * 60L, 2 * 60L);
    // A watermark in cells after the base, or none (the stream is complete).
    Arbitrary<Optional<Integer>> watermarkCells =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(Optional.<Integer>empty())),
            Tuple.of(1, Arbitraries.integers().between(0, 300).map(Optional::of)));
    return Combinators.combine(
            drafts.list().ofMaxSize(60),
            platformCounts,
            timeouts,
            joinGaps,
            watermarkCells,
            Arbitraries.longs())
        .as(WorkingTimePropertiesTest::scenario);
  }

  private static Scenario scenario(
      List<Draft> drafts,
      int platformCount,
      long timeoutSeconds,
      long joinGapSeconds,
      Optional<Integer> watermarkCells,
      long shuffleSeed) {
    List<ReferenceEvent> events = new ArrayList<>();
    List<Boolean> resent = new ArrayList<>();
    long totalCells = drafts.stream().mapToLong(Draft::stepCells).sum();
    long startSecond = MIDNIGHT_SECOND - totalCells / 2 * CELL_SECONDS;
    long cell = 0;
    String platform = PLATFORMS.get(0);
    String session = "s0";
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      cell += draft.stepCells();
      if (i == 0 || !draft.sameSession()) {
        platform = PLATFORMS.get(draft.platform() % platformCount);
        session = "s" + draft.session();
      }
      events.add(
          new ReferenceEvent(
              platform,
              session,
              "e" + i,
              draft.type(),
              "t" + draft.task(),
              startSecond + cell * CELL_SECONDS));
      resent.add(draft.resent());
    }
    long watermark =
        watermarkCells
            .map(cells -> startSecond + cells * CELL_SECONDS)
            .orElse(startSecond + 3 * 86_400L);
    return new Scenario(events, resent, shuffleSeed, timeoutSeconds, joinGapSeconds, watermark);
  }
}
