package io.shiftproof.streamjobs;

import static io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT;
import static io.shiftproof.schemas.wire.WorkEventType.OFFLINE;
import static io.shiftproof.schemas.wire.WorkEventType.ONLINE;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_ASSIGNED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_COMPLETED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_STARTED;
import static io.shiftproof.streamjobs.WorkEvents.DAY;
import static io.shiftproof.streamjobs.WorkEvents.ZONE;
import static io.shiftproof.streamjobs.WorkEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.worktime.DayTotals;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerDayFunctionTest {

  private static final String WORKER = "wr_" + "B".repeat(43);
  private static final WorkingTimeConfig CONFIG = WorkingTimeConfig.defaults();
  private static final Instant DAY_SETTLES =
      DAY.plusDays(1).atStartOfDay(ZONE).toInstant().plus(CONFIG.silenceTimeout());

  private KeyedOneInputStreamOperatorTestHarness<String, RecordedEvent, WorkingDay> harness;
  private final List<RecordedEvent> sent = new ArrayList<>();
  private int eventNumber;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new WorkerDayFunction(CONFIG, Duration.ofSeconds(5))),
            recorded -> recorded.event().workerRef(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void liveDayIsEmittedProvisionallyThenFinallyAndStateIsCleared() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:05"));
    send("didi", "s1", TASK_STARTED, "ride-1", at("10:10"));
    send("didi", "s1", TASK_COMPLETED, "ride-1", at("10:15"));
    send("didi", "s1", OFFLINE, null, at("10:20"));

    harness.processWatermark(at("12:00").toEpochMilli());

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            live -> {
              assertThat(live.provisional()).isTrue();
              assertThat(live.day()).isEqualTo(DAY);
              assertThat(live.totals()).isEqualTo(new DayTotals(1200, 600, 300, 0, 1200, 600));
            });

    harness.processWatermark(DAY_SETTLES.toEpochMilli());

    List<WorkingDay> output = harness.extractOutputValues();
    assertThat(output).hasSize(2);
    WorkingDay settled = output.get(1);
    assertThat(settled.provisional()).isFalse();
    assertThat(settled).isEqualTo(oracle());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void duplicatesNeverChangeTheDay() throws Exception {
    RecordedEvent online = send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", OFFLINE, null, at("10:05"));
    RecordedEvent resend =
        new RecordedEvent(
            online.platform(), "b-resend", online.receivedAt().plusSeconds(60), online.event());
    harness.processElement(resend, online.event().occurredAt().toEpochMilli());

    harness.processWatermark(DAY_SETTLES.toEpochMilli());

    WorkingDay settled = lastOutput();
    assertThat(settled.totals().onlineSeconds()).isEqualTo(5 * 60);
    assertThat(settled.sourceBatchIds()).containsExactly("b-1");
    assertThat(settled).isEqualTo(oracle());
  }

  @Test
  void liveUpdatesComeAtMostOncePerIntervalOfEventTime() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:00:01"));
    send("didi", "s1", TASK_STARTED, "ride-1", at("10:00:02"));

    harness.processWatermark(at("10:00:05").toEpochMilli());
    assertThat(harness.extractOutputValues()).hasSize(1);

    harness.processWatermark(at("10:00:30").toEpochMilli());
    assertThat(harness.extractOutputValues()).as("no new events, no update").hasSize(1);

    send("eleme", "e7", ONLINE, null, at("10:01:00"));
    harness.processWatermark(at("10:01:10").toEpochMilli());
    List<WorkingDay> output = harness.extractOutputValues();
    assertThat(output).hasSize(2);
    assertThat(output.get(1).provisional()).isTrue();
    assertThat(output.get(1).segments()).isNotEmpty();
    assertThat(harness.numEventTimeTimers()).as("only the day's settling timer").isEqualTo(1);
  }

  @Test
  void eventNotYetCompleteAtAnUpdateIsEmittedByTheNextOne() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:00:20"));

    harness.processWatermark(at("10:00:06").toEpochMilli());
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(live -> assertThat(live.totals().engagedSeconds()).isZero());

    harness.processWatermark(at("10:00:30").toEpochMilli());
    List<WorkingDay> output = harness.extractOutputValues();
    assertThat(output).hasSize(2);
    assertThat(output.get(1).totals().engagedSeconds()).isEqualTo(10);
  }

  @Test
  void sessionAcrossMidnightSettlesBothDaysBeforeStateIsCleared() throws Exception {
    send("didi", "s1", ONLINE, null, at("23:55"));
    send("didi", "s1", OFFLINE, null, at("23:55").plus(Duration.ofMinutes(8)));

    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    assertThat(harness.extractOutputValues())
        .filteredOn(day -> !day.provisional())
        .extracting(WorkingDay::day)
        .containsExactly(DAY);
    assertThat(harness.numKeyedStateEntries()).as("the next day is still open").isPositive();

    harness.processWatermark(DAY_SETTLES.plus(Duration.ofDays(1)).toEpochMilli());
    WorkingDay nextDay = lastOutput();
    assertThat(nextDay.day()).isEqualTo(DAY.plusDays(1));
    assertThat(nextDay.provisional()).isFalse();
    assertThat(nextDay.totals().onlineSeconds()).isEqualTo(3 * 60);
    assertThat(harness.extractOutputValues())
        .filteredOn(day -> !day.provisional())
        .extracting(WorkingDay::day)
        .containsExactly(DAY, DAY.plusDays(1));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void multiAppDayMatchesTheTimeline() throws Exception {
    send("didi", "s1", ONLINE, null, at("09:30"));
    send("eleme", "e7", ONLINE, null, at("09:35"));
    send("eleme", "e7", TASK_STARTED, "order-1", at("09:40"));
    send("didi", "s1", HEARTBEAT, null, at("09:38"));
    send("didi", "s1", OFFLINE, null, at("09:45"));
    send("eleme", "e7", TASK_COMPLETED, "order-1", at("09:48"));
    // Never closed: the session times out at its last event.
    send("eleme", "e7", TASK_ASSIGNED, "order-2", at("09:55"));

    harness.processWatermark(Long.MAX_VALUE);

    WorkingDay settled = lastOutput();
    assertThat(settled.provisional()).isFalse();
    assertThat(settled.totals().multiAppSeconds()).isEqualTo(10 * 60);

    assertThat(settled).isEqualTo(oracle());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void eventForASettledDayGoesToTheLateOutput() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", OFFLINE, null, at("11:00"));
    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    int emitted = harness.extractOutputValues().size();

    RecordedEvent late = send("didi", "s2", ONLINE, null, at("20:00"));

    assertThat(harness.extractOutputValues()).hasSize(emitted);
    assertThat(harness.getSideOutput(WorkerDayFunction.LATE_EVENTS))
        .extracting(StreamRecord::getValue)
        .containsExactly(late);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private RecordedEvent send(
      String platform, String session, WorkEventType type, String taskRef, Instant occurredAt)
      throws Exception {
    RecordedEvent recorded =
        WorkEvents.event(
            WORKER, platform, "b-1", "ev-" + ++eventNumber, session, type, taskRef, occurredAt);
    sent.add(recorded);
    harness.processElement(recorded, occurredAt.toEpochMilli());
    return recorded;
  }

  private WorkingDay lastOutput() {
    List<WorkingDay> output = harness.extractOutputValues();
    assertThat(output).isNotEmpty();
    return output.get(output.size() - 1);
  }

  /** The settled day as the tested core computes it from the same events. */
  private WorkingDay oracle() {
    WorkerTimeline timeline = new WorkerTimeline(WORKER, CONFIG);
    sent.forEach(timeline::add);
    return timeline.workingDay(DAY, Instant.MAX);
  }
}
