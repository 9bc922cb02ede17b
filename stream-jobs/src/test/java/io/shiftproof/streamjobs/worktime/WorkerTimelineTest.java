package io.shiftproof.streamjobs.worktime;

import static io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT;
import static io.shiftproof.schemas.wire.WorkEventType.OFFLINE;
import static io.shiftproof.schemas.wire.WorkEventType.ONLINE;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_ASSIGNED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_CANCELLED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_COMPLETED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WorkerTimelineTest {

  private static final String WORKER = "wr_" + "B".repeat(43);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  private static final Instant COMPLETE = Instant.MAX;

  private final WorkerTimeline timeline = new WorkerTimeline(WORKER, WorkingTimeConfig.defaults());
  private final List<RecordedEvent> added = new ArrayList<>();
  private int eventNumber;
  private String batchId = "b-1";

  @Test
  void multiAppTimeIsCountedOnce() {
    online("didi", "s1", at("10:00"), at("11:00"));
    online("eleme", "e7", at("10:30"), at("11:30"));

    DayTotals totals = day().totals();

    assertThat(totals.onlineSeconds()).isEqualTo(90 * 60);
    assertThat(totals.multiAppSeconds()).isEqualTo(30 * 60);
    assertThat(totals.platformSumSeconds()).isEqualTo(120 * 60);
    assertThat(totals.engagedSeconds()).isZero();
    assertThat(day().segments())
        .containsExactly(
            new Segment(at("10:00"), at("10:30"), WorkState.AVAILABLE, List.of("didi"), List.of()),
            new Segment(
                at("10:30"), at("11:00"), WorkState.AVAILABLE, List.of("didi", "eleme"), List.of()),
            new Segment(
                at("11:00"), at("11:30"), WorkState.AVAILABLE, List.of("eleme"), List.of()));
  }

  @Test
  void engagementOnOnePlatformIsNotCountedTwiceWhenBothAreBusy() {
    online("didi", "s1", at("10:00"), at("11:00"));
    online("eleme", "e7", at("10:00"), at("11:00"));
    event("didi", "s1", at("10:10"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("10:20"), TASK_COMPLETED, "ride-1");
    event("eleme", "e7", at("10:15"), TASK_STARTED, "order-1");
    event("eleme", "e7", at("10:25"), TASK_COMPLETED, "order-1");

    DayTotals totals = day().totals();

    assertThat(totals.engagedSeconds()).isEqualTo(15 * 60);
    assertThat(totals.onTaskSeconds()).isEqualTo(10 * 60);
    assertThat(totals.onlineSeconds()).isEqualTo(60 * 60);
    assertThat(totals.platformSumSeconds()).isEqualTo(120 * 60);
  }

  @Test
  void silentSessionClosesAtLastEvent() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:05"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("10:09"), HEARTBEAT);

    WorkingDay day = day();

    assertThat(day.totals().onlineSeconds()).isEqualTo(9 * 60);
    assertThat(day.totals().engagedSeconds()).isEqualTo(4 * 60);
    assertThat(day.anomalies())
        .containsExactly(
            new Anomaly(AnomalyKind.TIMEOUT, "didi", "s1", Optional.empty(), "e3", at("10:09")));
  }

  @Test
  void silenceOfExactlyTheTimeoutClosesTheSessionAndTheNextEventReopensIt() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:10"), HEARTBEAT);
    event("didi", "s1", at("10:15"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().onlineSeconds()).isEqualTo(5 * 60);
    assertThat(day.anomalies())
        .extracting(Anomaly::kind, Anomaly::at)
        .containsExactly(
            tuple(AnomalyKind.TIMEOUT, at("10:00")),
            tuple(AnomalyKind.IMPLIED_ONLINE, at("10:10")));
  }

  @Test
  void silenceJustUnderTheTimeoutKeepsTheSessionOnline() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:09:59.999"), HEARTBEAT);
    event("didi", "s1", at("10:15"), OFFLINE);

    assertThat(day().totals().onlineSeconds()).isEqualTo(15 * 60);
    assertThat(day().anomalies()).isEmpty();
  }

  @Test
  void stackedOrdersStayEngagedUntilLastEnds() {
    event("eleme", "e1", at("12:00"), ONLINE);
    event("eleme", "e1", at("12:01"), TASK_ASSIGNED, "order-a");
    event("eleme", "e1", at("12:02"), TASK_ASSIGNED, "order-b");
    event("eleme", "e1", at("12:05"), TASK_STARTED, "order-a");
    event("eleme", "e1", at("12:06"), TASK_STARTED, "order-b");
    event("eleme", "e1", at("12:08"), TASK_COMPLETED, "order-a");
    event("eleme", "e1", at("12:09:30"), TASK_COMPLETED, "order-b");
    event("eleme", "e1", at("12:15"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().engagedSeconds()).isEqualTo(8 * 60 + 30);
    assertThat(day.totals().onTaskSeconds()).isEqualTo(4 * 60 + 30);
    assertThat(day.segments())
        .extracting(Segment::state)
        .containsExactly(
            WorkState.AVAILABLE, WorkState.EN_ROUTE, WorkState.ON_TASK, WorkState.AVAILABLE);
    assertThat(day.segments().get(2))
        .isEqualTo(
            new Segment(
                at("12:05"),
                at("12:09:30"),
                WorkState.ON_TASK,
                List.of("eleme"),
                List.of("eleme")));
  }

  @Test
  void startedWithoutAssignmentIsFlagged() {
    event("didi", "s1", at("12:00"), ONLINE);
    event("didi", "s1", at("12:03"), TASK_STARTED, "ride-9");
    event("didi", "s1", at("12:07"), TASK_COMPLETED, "ride-9");
    event("didi", "s1", at("12:08"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().onTaskSeconds()).isEqualTo(4 * 60);
    assertThat(day.totals().engagedSeconds()).isEqualTo(4 * 60);
    assertThat(day.anomalies())
        .containsExactly(
            new Anomaly(
                AnomalyKind.IMPLIED_ASSIGNMENT,
                "didi",
                "s1",
                Optional.of("ride-9"),
                "e2",
                at("12:03")));
  }

  @Test
  void taskEventWithoutOnlineImpliesOnline() {
    event("didi", "s1", at("12:00"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("12:04"), TASK_COMPLETED, "ride-1");
    event("didi", "s1", at("12:05"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().onlineSeconds()).isEqualTo(5 * 60);
    assertThat(day.totals().engagedSeconds()).isEqualTo(4 * 60);
    assertThat(day.anomalies())
        .containsExactly(
            new Anomaly(
                AnomalyKind.IMPLIED_ONLINE,
                "didi",
                "s1",
                Optional.of("ride-1"),
                "e1",
                at("12:00")));
  }

  @Test
  void offlineEndsOpenTasks() {
    event("didi", "s1", at("12:00"), ONLINE);
    event("didi", "s1", at("12:01"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("12:02"), TASK_STARTED, "ride-1");
    event("didi", "s1", at("12:05"), OFFLINE);

    DayTotals totals = day().totals();

    assertThat(totals.onlineSeconds()).isEqualTo(5 * 60);
    assertThat(totals.onTaskSeconds()).isEqualTo(3 * 60);
  }

  @Test
  void completionAfterOfflineReopensTheSessionButNotTheTask() {
    event("didi", "s1", at("12:00"), ONLINE);
    event("didi", "s1", at("12:02"), TASK_STARTED, "ride-1");
    event("didi", "s1", at("12:05"), OFFLINE);
    event("didi", "s1", at("12:06"), TASK_COMPLETED, "ride-1");

    WorkingDay day = day();

    assertThat(day.totals().onTaskSeconds()).isEqualTo(3 * 60);
    assertThat(day.totals().onlineSeconds()).isEqualTo(5 * 60);
    assertThat(day.anomalies())
        .extracting(Anomaly::kind)
        .containsExactly(
            AnomalyKind.IMPLIED_ASSIGNMENT, AnomalyKind.IMPLIED_ONLINE, AnomalyKind.TIMEOUT);
  }

  @Test
  void cancelledTaskCountsAsEnRouteUntilCancelled() {
    event("didi", "s1", at("12:00"), ONLINE);
    event("didi", "s1", at("12:01"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("12:04"), TASK_CANCELLED, "ride-1");
    event("didi", "s1", at("12:05"), OFFLINE);

    assertThat(day().totals().engagedSeconds()).isEqualTo(3 * 60);
    assertThat(day().totals().onTaskSeconds()).isZero();
  }

  @Test
  void repeatedOnlineReassignmentAndEndsOfUnknownTasksChangeNothing() {
    event("didi", "s1", at("12:00"), ONLINE);
    event("didi", "s1", at("12:01"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("12:02"), ONLINE);
    event("didi", "s1", at("12:03"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("12:03"), TASK_COMPLETED, "ride-unknown");
    event("didi", "s1", at("12:04"), TASK_COMPLETED, "ride-1");
    event("didi", "s1", at("12:05"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().engagedSeconds()).isEqualTo(3 * 60);
    assertThat(day.totals().onlineSeconds()).isEqualTo(5 * 60);
    assertThat(day.anomalies()).isEmpty();
  }

  @Test
  void taskBelongsToTheSessionItWasAssignedIn() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:01"), TASK_ASSIGNED, "ride-1");
    event("didi", "s2", at("10:02"), ONLINE);
    event("didi", "s2", at("10:03"), TASK_COMPLETED, "ride-1");
    event("didi", "s2", at("10:04"), OFFLINE);
    event("didi", "s1", at("10:05"), OFFLINE);

    DayTotals totals = day().totals();

    assertThat(totals.engagedSeconds()).isEqualTo(4 * 60);
    // Two sessions of one platform are still one platform: counted once, never as multi-app.
    assertThat(totals.platformSumSeconds()).isEqualTo(5 * 60);
    assertThat(totals.multiAppSeconds()).isZero();
  }

  @Test
  void equalTimesApplyInTheTypeOrderOfTheDesign() {
    event("didi", "s1", at("10:00"), OFFLINE);
    event("didi", "s1", at("10:00"), TASK_COMPLETED, "ride-1");
    event("didi", "s1", at("10:00"), TASK_STARTED, "ride-1");
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:05"), ONLINE);
    event("didi", "s1", at("10:06"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().onlineSeconds()).isEqualTo(60);
    assertThat(day.totals().engagedSeconds()).isZero();
    assertThat(day.anomalies())
        .extracting(Anomaly::kind)
        .containsExactly(AnomalyKind.IMPLIED_ASSIGNMENT);
  }

  @Test
  void midnightSplitsTheDay() {
    event("didi", "s1", at("23:50"), ONLINE);
    event("didi", "s1", at("23:55"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("23:58"), TASK_STARTED, "ride-1");
    batchId = "b-2";
    event("didi", "s1", nextDayAt("00:04"), TASK_COMPLETED, "ride-1");
    event("didi", "s1", nextDayAt("00:06"), OFFLINE);

    WorkingDay first = timeline.workingDay(DAY, COMPLETE);
    WorkingDay second = timeline.workingDay(DAY.plusDays(1), COMPLETE);

    assertThat(first.totals())
        .isEqualTo(new DayTotals(10 * 60, 5 * 60, 2 * 60, 0, 10 * 60, 5 * 60));
    assertThat(second.totals()).isEqualTo(new DayTotals(6 * 60, 4 * 60, 4 * 60, 0, 6 * 60, 4 * 60));
    assertThat(first.segments()).last().extracting(Segment::to).isEqualTo(nextDayAt("00:00"));
    assertThat(second.segments()).first().extracting(Segment::from).isEqualTo(nextDayAt("00:00"));
    assertThat(first.dayEnd()).isEqualTo(second.dayStart());
    assertThat(first.sources()).isEqualTo(sourcesOfBatches("b-1", "b-2"));
    assertThat(second.sources()).isEqualTo(sourcesOfBatches("b-1", "b-2"));
  }

  @Test
  void lineageCountsAndDigestsTheEventsThatShapedTheDay() {
    online("didi", "s1", at("09:00"), at("09:30"));
    batchId = "b-2";
    event("didi", "s1", at("12:00"), OFFLINE);
    batchId = "b-3";
    online("didi", "s2", nextDayAt("09:00"), nextDayAt("09:30"));

    assertThat(day().sources()).isEqualTo(sourcesOfBatches("b-1", "b-2"));
    assertThat(day().sources().get(0).eventCount()).isEqualTo(8);
    assertThat(timeline.workingDay(DAY.plusDays(1), COMPLETE).sources())
        .isEqualTo(sourcesOfBatches("b-3"));
  }

  @Test
  void lineageDigestIsSha256OverSortedIdsEachEndedByAZeroByte() throws Exception {
    event("didi", "s1", at("09:00"), ONLINE);
    event("didi", "s1", at("09:10"), OFFLINE);
    event("eleme", "e7", at("09:05"), ONLINE);
    event("eleme", "e7", at("09:06"), OFFLINE);

    MessageDigest didi = MessageDigest.getInstance("SHA-256");
    didi.update("e1\u0000e2\u0000".getBytes(StandardCharsets.UTF_8));
    MessageDigest eleme = MessageDigest.getInstance("SHA-256");
    eleme.update("e3\u0000e4\u0000".getBytes(StandardCharsets.UTF_8));
    assertThat(day().sources())
        .containsExactly(
            new PlatformSources("didi", 2, didi.digest()),
            new PlatformSources("eleme", 2, eleme.digest()));
  }

  @Test
  void duplicatesNeverChangeTotals() {
    stackedOrdersStayEngagedUntilLastEnds();
    WorkingDay before = day();

    List<RecordedEvent> resent = List.copyOf(added);
    for (RecordedEvent original : resent) {
      RecordedEvent copy =
          new RecordedEvent(
              original.platform(),
              "b-resend",
              original.receivedAt().plusSeconds(5),
              original.event());
      assertThat(timeline.add(copy)).isFalse();
    }
    WorkingDay after = day();

    assertThat(after).isEqualTo(before);
    assertThat(timeline.events()).hasSize(resent.size());
  }

  @Test
  void longestStretchJoinsGapsUnderTwentyMinutes() {
    online("didi", "s1", at("09:55"), at("12:00"));
    task("didi", "s1", "ride-1", at("10:00"), at("10:30"));
    task("didi", "s1", "ride-2", at("10:49:59"), at("11:00"));
    task("didi", "s1", "ride-3", at("11:20"), at("11:30"));

    // 10:30 to 10:49:59 is under 20 minutes and joins; 11:00 to 11:20 is exactly 20 and does not.
    assertThat(day().totals().longestStretchSeconds()).isEqualTo(60 * 60);
    assertThat(day().totals().engagedSeconds()).isEqualTo((30 + 10 + 10) * 60 + 1);
  }

  @Test
  void longestStretchJoinsEngagementAcrossPlatforms() {
    online("didi", "s1", at("09:55"), at("12:00"));
    online("eleme", "e1", at("09:55"), at("12:00"));
    task("didi", "s1", "ride-1", at("10:00"), at("10:30"));
    task("eleme", "e1", "order-1", at("10:40"), at("11:10"));

    assertThat(day().totals().longestStretchSeconds()).isEqualTo(70 * 60);
  }

  @Test
  void totalsAreExactDurationsRoundedDownToWholeSeconds() {
    event("didi", "s1", at("10:00:00.250"), ONLINE);
    event("didi", "s1", at("10:00:10.999"), OFFLINE);

    WorkingDay day = day();

    assertThat(day.totals().onlineSeconds()).isEqualTo(10);
    assertThat(day.segments().get(0).length()).isEqualTo(Duration.ofMillis(10_749));
  }

  @Test
  void eventTimesAreKeptToTheMicrosecond() {
    event("didi", "s1", at("10:00:00.000000999"), ONLINE);
    event("didi", "s1", at("10:00:01.000001999"), OFFLINE);

    Segment segment = day().segments().get(0);

    assertThat(segment.from()).isEqualTo(at("10:00"));
    assertThat(segment.length()).isEqualTo(Duration.ofNanos(1_000_001_000));
  }

  @Test
  void openSessionIsKnownOnlyUpToItsLastEventUntilItsTimeoutPasses() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:05"), TASK_ASSIGNED, "ride-1");
    event("didi", "s1", at("10:09"), HEARTBEAT);

    WorkingDay live = timeline.workingDay(DAY, at("10:12"));
    WorkingDay timedOut = timeline.workingDay(DAY, at("10:19"));

    // Whether the worker was still en route after 10:09 depends on an event not yet due.
    assertThat(live.provisional()).isTrue();
    assertThat(live.coveredUntil()).isEqualTo(at("10:09"));
    assertThat(live.totals().onlineSeconds()).isEqualTo(9 * 60);
    assertThat(live.totals().engagedSeconds()).isEqualTo(4 * 60);
    assertThat(live.anomalies()).isEmpty();
    assertThat(timedOut.coveredUntil()).isEqualTo(at("10:19"));
    assertThat(timedOut.totals().onlineSeconds()).isEqualTo(9 * 60);
    assertThat(timedOut.totals().engagedSeconds()).isEqualTo(4 * 60);
    assertThat(timedOut.anomalies()).extracting(Anomaly::kind).containsExactly(AnomalyKind.TIMEOUT);
    assertThat(timedOut.segments()).isEqualTo(live.segments());
  }

  @Test
  void frontierNamesTheSilenceTimeoutThatWillCloseTheOpenSession() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:05"), TASK_ASSIGNED, "ride-1");
    event("eleme", "e1", at("10:01"), ONLINE);
    event("eleme", "e1", at("10:08"), HEARTBEAT);
    event("eleme", "e1", at("10:10"), OFFLINE);

    Frontier open = timeline.frontier(at("10:12"));
    Frontier closed = timeline.frontier(at("10:15"));

    assertThat(open)
        .isEqualTo(
            new Frontier(at("10:12"), at("10:05"), Optional.of(at("10:15")), Optional.empty()));
    assertThat(open.quiet()).isFalse();
    assertThat(closed)
        .isEqualTo(new Frontier(at("10:15"), at("10:15"), Optional.empty(), Optional.empty()));
    assertThat(closed.quiet()).isTrue();
  }

  @Test
  void aHeldBackEventThatKeepsTheSessionAliveCancelsItsSilenceClosure() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:08"), HEARTBEAT);
    event("eleme", "e1", at("10:30"), ONLINE);

    assertThat(timeline.frontier(at("10:05")))
        .isEqualTo(
            new Frontier(at("10:05"), at("10:00"), Optional.empty(), Optional.of(at("10:08"))));
    assertThat(timeline.frontier(at("10:09")))
        .isEqualTo(
            new Frontier(
                at("10:09"), at("10:08"), Optional.of(at("10:18")), Optional.of(at("10:30"))));
  }

  @Test
  void eventsAtOrAfterTheWatermarkAreHeldBack() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:05"), OFFLINE);

    WorkingDay beforeOffline = timeline.workingDay(DAY, at("10:05"));
    assertThat(beforeOffline.coveredUntil()).as("the session is still open").isEqualTo(at("10:00"));
    assertThat(beforeOffline.segments()).isEmpty();
    WorkingDay afterOffline = timeline.workingDay(DAY, at("10:05").plusNanos(1_000));
    assertThat(afterOffline.totals().onlineSeconds()).isEqualTo(5 * 60);
    assertThat(afterOffline.coveredUntil()).isEqualTo(at("10:05").plusNanos(1_000));
  }

  @Test
  void daySettlesOnceTheWatermarkPassesMidnightPlusTheTimeout() {
    online("didi", "s1", at("23:00"), at("23:30"));

    assertThat(timeline.workingDay(DAY, nextDayAt("00:09:59")).provisional()).isTrue();
    assertThat(timeline.workingDay(DAY, nextDayAt("00:10")).provisional()).isFalse();
  }

  @Test
  void statusNamesTheEngagedPlatforms() {
    online("didi", "s1", at("10:00"), at("11:00"));
    online("eleme", "e1", at("10:00"), at("11:00"));
    task("didi", "s1", "ride-1", at("10:20"), at("10:40"));

    Status status = timeline.statusAt(at("10:30"), COMPLETE);
    Status boundary = timeline.statusAt(at("10:40"), COMPLETE);

    assertThat(status)
        .isEqualTo(
            new Status(
                at("10:30"), WorkState.ON_TASK, List.of("didi", "eleme"), List.of("didi"), false));
    assertThat(boundary.state()).isEqualTo(WorkState.AVAILABLE);
    assertThat(timeline.statusAt(at("11:00"), COMPLETE).state()).isEqualTo(WorkState.OFFLINE);
  }

  @Test
  void statusOfAnOpenSessionIsRefusedAfterItsLastEventUntilItsTimeoutPasses() {
    event("didi", "s1", at("10:00"), ONLINE);
    event("didi", "s1", at("10:02"), TASK_ASSIGNED, "ride-1");

    Status before = timeline.statusAt(at("10:01"), at("10:05"));
    assertThat(before.state()).isEqualTo(WorkState.AVAILABLE);
    assertThat(before.provisional()).isTrue();
    assertThatThrownBy(() -> timeline.statusAt(at("10:03"), at("10:05")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("at: got");
    assertThat(timeline.statusAt(at("10:03"), at("10:12")).state())
        .as("closed at its last event once silent for the timeout")
        .isEqualTo(WorkState.OFFLINE);
    assertThatThrownBy(() -> timeline.statusAt(at("10:12"), at("10:12")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusIsProvisionalUntilItsDaySettles() {
    online("didi", "s1", at("10:00"), at("11:00"));

    assertThat(timeline.statusAt(at("10:30"), nextDayAt("00:09:59")).provisional()).isTrue();
    assertThat(timeline.statusAt(at("10:30"), nextDayAt("00:10")).provisional()).isFalse();
  }

  @Test
  void eventsOfAnotherWorkerAreRefused() {
    WorkEvent other =
        new WorkEvent(
            "x",
            "wr_" + "C".repeat(43),
            "s1",
            ONLINE,
            Optional.empty(),
            at("10:00"),
            "t",
            Optional.empty());

    assertThatThrownBy(() -> timeline.add(new RecordedEvent("didi", "b", at("10:00"), other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workerRef: got");
  }

  @Test
  void restoredTimelineGivesTheSameDay() {
    midnightSplitsTheDay();

    WorkerTimeline restored =
        WorkerTimeline.restore(WORKER, WorkingTimeConfig.defaults(), timeline.events());

    assertThat(restored.workingDay(DAY, COMPLETE)).isEqualTo(timeline.workingDay(DAY, COMPLETE));
    assertThat(restored.events()).isEqualTo(timeline.events());
  }

  @Test
  void eventIdsArePerPlatform() {
    added.clear();
    addEvent("didi", "s1", "same-id", at("10:00"), ONLINE, Optional.empty());
    addEvent("eleme", "e1", "same-id", at("10:00"), ONLINE, Optional.empty());
    event("didi", "s1", at("10:05"), OFFLINE);
    event("eleme", "e1", at("10:05"), OFFLINE);

    assertThat(day().totals().platformSumSeconds()).isEqualTo(10 * 60);
  }

  private WorkingDay day() {
    return timeline.workingDay(DAY, COMPLETE);
  }

  /** A session online over {@code [from, to)}, alive through a heartbeat every five minutes. */
  private void online(String platform, String session, Instant from, Instant to) {
    event(platform, session, from, ONLINE);
    for (Instant beat = from.plus(Duration.ofMinutes(5));
        beat.isBefore(to);
        beat = beat.plus(Duration.ofMinutes(5))) {
      event(platform, session, beat, HEARTBEAT);
    }
    event(platform, session, to, OFFLINE);
  }

  private void task(String platform, String session, String task, Instant from, Instant to) {
    event(platform, session, from, TASK_STARTED, task);
    event(platform, session, to, TASK_COMPLETED, task);
  }

  private void event(String platform, String session, Instant at, WorkEventType type) {
    addEvent(platform, session, "e" + ++eventNumber, at, type, Optional.empty());
  }

  private void event(String platform, String session, Instant at, WorkEventType type, String task) {
    addEvent(platform, session, "e" + ++eventNumber, at, type, Optional.of(task));
  }

  private void addEvent(
      String platform,
      String session,
      String eventId,
      Instant at,
      WorkEventType type,
      Optional<String> task) {
    WorkEvent event =
        new WorkEvent(
            eventId,
            WORKER,
            session,
            type,
            task,
            at,
            at.atZone(SHANGHAI).toOffsetDateTime().toString(),
            Optional.empty());
    RecordedEvent recorded = new RecordedEvent(platform, batchId, at.plusSeconds(1), event);
    added.add(recorded);
    assertThat(timeline.add(recorded)).isTrue();
  }

  /** The lineage of the events added in the batches named, computed here from their ids. */
  private List<PlatformSources> sourcesOfBatches(String... batchIds) {
    TreeSet<SourceEvent> events = new TreeSet<>();
    for (RecordedEvent e : added) {
      if (List.of(batchIds).contains(e.batchId())) {
        events.add(new SourceEvent(e.platform(), e.event().eventId()));
      }
    }
    return PlatformSources.of(events);
  }

  private static Instant at(String localTime) {
    return DAY.atTime(LocalTime.parse(localTime)).atZone(SHANGHAI).toInstant();
  }

  private static Instant nextDayAt(String localTime) {
    return DAY.plusDays(1).atTime(LocalTime.parse(localTime)).atZone(SHANGHAI).toInstant();
  }
}
