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
import static org.assertj.core.api.Assertions.tuple;

import io.shiftproof.records.LateEvent;
import io.shiftproof.records.RecordReach;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.SealRequest;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.DayRecordUpdate.UpdateKind;
import io.shiftproof.streamjobs.records.DayRecords;
import io.shiftproof.streamjobs.worktime.WorkState;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerDayFunctionTest {

  private static final String WORKER = "wr_" + "B".repeat(43);
  private static final WorkingTimeConfig CONFIG = WorkingTimeConfig.defaults();
  private static final Duration HORIZON = Duration.ofHours(72);
  private static final Instant DAY_SETTLES = settles(DAY);

  private KeyedOneInputStreamOperatorTestHarness<String, WorkInput, DayRecordUpdate> harness;
  private final List<RecordedEvent> sent = new ArrayList<>();
  private int eventNumber;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new WorkerDayFunction(CONFIG, Duration.ofSeconds(5), HORIZON)),
            WorkInput::workerRef,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void liveDayIsProvisionalThenSealedAsVersionOneAndStateClearedAfterTheHorizon() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:05"));
    send("didi", "s1", TASK_STARTED, "ride-1", at("10:10"));
    send("didi", "s1", TASK_COMPLETED, "ride-1", at("10:15"));
    send("didi", "s1", OFFLINE, null, at("10:20"));

    harness.processWatermark(at("12:00").toEpochMilli());

    assertThat(live())
        .singleElement()
        .satisfies(
            live -> {
              assertThat(live.getProvisional()).isTrue();
              assertThat(live.getVersion()).isZero();
              assertThat(live.getDay()).isEqualTo(DAY.toString());
              assertThat(live.getTotals())
                  .isEqualTo(new DayTotals(1200L, 600L, 300L, 0L, 1200L, 600L));
            });
    assertThat(sealed()).isEmpty();

    harness.processWatermark(DAY_SETTLES.toEpochMilli());

    assertThat(live()).hasSize(1);
    assertThat(sealed())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(UpdateKind.SETTLED);
              assertThat(v.version()).isEqualTo(1);
              assertThat(v.record()).isEqualTo(oracle(DAY, 1));
            });
    assertThat(harness.numEventTimeTimers()).as("the day's expiry").isEqualTo(1);

    harness.processWatermark(DAY_SETTLES.plus(HORIZON).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void stateIsClearedAfterTheHorizonOnRocksDb() throws Exception {
    harness.close();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new WorkerDayFunction(CONFIG, Duration.ofSeconds(5), HORIZON)),
            WorkInput::workerRef,
            Types.STRING);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.open();
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", OFFLINE, null, at("10:20"));

    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    assertThat(sealed())
        .singleElement()
        .satisfies(v -> assertThat(v.record()).isEqualTo(oracle(DAY, 1)));
    assertThat(workersWithState("events")).containsExactly(WORKER);
    assertThat(workersWithState("worker-days")).containsExactly(WORKER);

    harness.processWatermark(DAY_SETTLES.plus(HORIZON).toEpochMilli());
    assertThat(workersWithState("events")).isEmpty();
    assertThat(workersWithState("worker-days")).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  /** The keys holding the named state; unlike numKeyedStateEntries(), works on RocksDB too. */
  private List<String> workersWithState(String state) {
    KeyedStateBackend<String> backend =
        ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    try (Stream<String> keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.toList();
    }
  }

  @Test
  void duplicatesNeverChangeTheDay() throws Exception {
    RecordedEvent online = send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", OFFLINE, null, at("10:05"));
    RecordedEvent resend =
        new RecordedEvent(
            online.platform(), "b-resend", online.receivedAt().plusSeconds(60), online.event());
    harness.processElement(WorkInput.of(resend), online.event().occurredAt().toEpochMilli());

    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    harness.processElement(WorkInput.of(resend), online.event().occurredAt().toEpochMilli());
    harness.processWatermark(DAY_SETTLES.plusSeconds(60).toEpochMilli());

    DayRecord settled = decode(sealed().get(0));
    assertThat(sealed()).hasSize(1);
    assertThat(settled.getTotals().getOnlineSeconds()).isEqualTo(5 * 60);
    assertThat(settled.getSources())
        .singleElement()
        .satisfies(s -> assertThat(s.getEventCount()).as("the resend counts once").isEqualTo(2));
    assertThat(sealed().get(0).record()).isEqualTo(oracle(DAY, 1));
  }

  @Test
  void liveUpdatesComeAtMostOncePerIntervalOfEventTime() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:00:01"));
    send("didi", "s1", TASK_STARTED, "ride-1", at("10:00:02"));

    harness.processWatermark(at("10:00:05").toEpochMilli());
    assertThat(live()).hasSize(1);

    harness.processWatermark(at("10:00:30").toEpochMilli());
    assertThat(live()).as("no new events, no update").hasSize(1);

    send("eleme", "e7", ONLINE, null, at("10:01:00"));
    harness.processWatermark(at("10:01:10").toEpochMilli());
    List<DayRecord> output = live();
    assertThat(output).hasSize(2);
    assertThat(output.get(1).getProvisional()).isTrue();
    assertThat(DaySegments.of(output.get(1))).isNotEmpty();
    assertThat(harness.numEventTimeTimers())
        .as("the day's settling timer and the live update at the open sessions' timeout")
        .isEqualTo(2);
  }

  @Test
  void aSessionSilentWithATaskAssignedClosesInTheLiveRecordOnceItsTimeoutPasses() throws Exception {
    send("didi", "s1", ONLINE, null, at("00:30"));
    send("didi", "s1", HEARTBEAT, null, at("00:35"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("00:37:29"));

    harness.processWatermark(at("00:40").toEpochMilli());
    DayRecordUpdate open = lastLive();
    assertThat(open.coveredUntilMillis())
        .as("the session may still send an event: known only up to its last one")
        .isEqualTo(at("00:37:29").toEpochMilli());
    assertThat(open.liveRecord().quiet()).isFalse();
    assertThat(statusAt(open, at("00:37")).orElseThrow()).isEqualTo(WorkState.AVAILABLE);
    assertThat(statusAt(open, at("00:38"))).as("not yet known").isEmpty();
    assertThat(harness.numEventTimeTimers()).as("settling, and the silence timeout").isEqualTo(2);

    harness.processWatermark(at("00:47:29").toEpochMilli() - 2);
    assertThat(liveUpdates()).as("the timeout has not passed").hasSize(1);

    // A Flink watermark w says every event up to w has arrived: at 00:47:28.999 the session has
    // been silent for ten minutes.
    harness.processWatermark(at("00:47:29").toEpochMilli() - 1);
    DayRecordUpdate closed = lastLive();
    assertThat(liveUpdates()).hasSize(2);
    assertThat(closed.coveredUntilMillis()).isEqualTo(at("00:47:29").toEpochMilli());
    assertThat(closed.liveRecord().quiet()).isTrue();
    assertThat(closed.record()).isEqualTo(oracleAt(DAY, 0, at("00:47:29")));
    DayRecord closedRecord = decode(closed);
    assertThat(closedRecord.getTotals().getEngagedSeconds()).isZero();
    assertThat(closedRecord.getFlags())
        .singleElement()
        .satisfies(flag -> assertThat(flag.getKind().name()).isEqualTo("TIMEOUT"));
    assertThat(harness.numEventTimeTimers()).as("only the day's settling").isEqualTo(1);

    // Hours later, without a write: the quiet record holds up to the committed watermark.
    Instant committed = at("03:00");
    harness.processWatermark(committed.toEpochMilli());
    assertThat(liveUpdates()).hasSize(2);
    assertThat(statusAt(closed, at("00:40"), Optional.of(committed)).orElseThrow())
        .isEqualTo(WorkState.OFFLINE);
    assertThat(statusAt(closed, at("02:59"), Optional.of(committed)).orElseThrow())
        .isEqualTo(WorkState.OFFLINE);
    assertThat(statusAt(closed, at("03:00"), Optional.of(committed))).isEmpty();

    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    DayRecord settled = decode(sealed().get(0));
    assertThat(DaySegments.of(settled)).isEqualTo(DaySegments.of(closedRecord));
    assertThat(settled.getTotals()).isEqualTo(closedRecord.getTotals());
    assertThat(settled.getFlags()).isEqualTo(closedRecord.getFlags());

    harness.processWatermark(DAY_SETTLES.plus(HORIZON).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theFirstEventAfterAQuietSpellIsLiveAsSoonAsTheWatermarkPassesIt() throws Exception {
    online("didi", "s1", at("10:00"), at("10:20"));
    harness.processWatermark(at("11:00").toEpochMilli());
    assertThat(lastLive().liveRecord().quiet()).isTrue();

    Instant back = at("11:00:02.250");
    send("eleme", "e1", ONLINE, null, back);
    harness.processWatermark(back.toEpochMilli());

    // Readers took the worker as offline up to the committed watermark: the next event cannot
    // wait for the update interval, or a watermark committed past it would vouch for a stale
    // record.
    assertThat(liveUpdates()).hasSize(2);
    assertThat(lastLive().coveredUntilMillis()).isEqualTo(back.toEpochMilli());
    assertThat(lastLive().liveRecord().quiet()).isFalse();
    assertThat(lastLive().record()).isEqualTo(oracleAt(DAY, 0, back.plusMillis(1)));
  }

  @Test
  void withoutSilenceTimersAQuietWorkersLiveRecordWaitsForTheirNextEvent() throws Exception {
    harness.close();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new WorkerDayFunction(CONFIG, Duration.ofSeconds(5), HORIZON, false)),
            WorkInput::workerRef,
            Types.STRING);
    harness.open();
    send("didi", "s1", ONLINE, null, at("00:30"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("00:37:29"));

    harness.processWatermark(at("03:00").toEpochMilli());

    assertThat(liveUpdates()).singleElement();
    assertThat(harness.numEventTimeTimers()).as("only the day's settling").isEqualTo(1);
  }

  @Test
  void eventNotYetCompleteAtAnUpdateIsEmittedByTheNextOne() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:00:20"));
    send("didi", "s1", HEARTBEAT, null, at("10:00:30"));

    harness.processWatermark(at("10:00:06").toEpochMilli());
    assertThat(live())
        .singleElement()
        .satisfies(live -> assertThat(live.getTotals().getEngagedSeconds()).isZero());

    // The session is open: its time is known up to its last event, the heartbeat at 10:00:30.
    harness.processWatermark(at("10:00:35").toEpochMilli());
    List<DayRecord> output = live();
    assertThat(output).hasSize(2);
    assertThat(output.get(1).getTotals().getEngagedSeconds()).isEqualTo(10);
  }

  @Test
  void sessionAcrossMidnightSealsBothDays() throws Exception {
    send("didi", "s1", ONLINE, null, at("23:55"));
    send("didi", "s1", OFFLINE, null, at("23:55").plus(Duration.ofMinutes(8)));

    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    assertThat(sealed()).extracting(DayRecordUpdate::day).containsExactly(DAY);

    harness.processWatermark(settles(DAY.plusDays(1)).toEpochMilli());
    assertThat(sealed()).extracting(DayRecordUpdate::day).containsExactly(DAY, DAY.plusDays(1));
    DayRecord nextDay = decode(sealed().get(1));
    assertThat(nextDay.getTotals().getOnlineSeconds()).isEqualTo(3 * 60);
    assertThat(sealed().get(1).record()).isEqualTo(oracle(DAY.plusDays(1), 1));

    harness.processWatermark(settles(DAY.plusDays(1)).plus(HORIZON).toEpochMilli());
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

    assertThat(sealed()).singleElement().satisfies(v -> assertThat(v.version()).isEqualTo(1));
    assertThat(decode(sealed().get(0)).getTotals().getMultiAppSeconds()).isEqualTo(10 * 60);
    assertThat(sealed().get(0).record()).isEqualTo(oracle(DAY, 1));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void lateEventInsideTheHorizonSealsTheNextVersion() throws Exception {
    online("didi", "s1", at("10:00"), at("11:00"));
    harness.processWatermark(DAY_SETTLES.plus(Duration.ofHours(30)).toEpochMilli());
    byte[] versionOne = sealed().get(0).record();

    online("eleme", "e1", at("10:30"), at("10:50"));
    harness.processWatermark(DAY_SETTLES.plus(Duration.ofHours(31)).toEpochMilli());

    assertThat(sealed()).extracting(DayRecordUpdate::version).containsExactly(1, 2);
    DayRecordUpdate correction = sealed().get(1);
    assertThat(correction.kind()).isEqualTo(UpdateKind.CORRECTION);
    assertThat(correction.record()).isEqualTo(oracle(DAY, 2));
    assertThat(decode(correction).getTotals().getMultiAppSeconds()).isEqualTo(20 * 60);
    assertThat(sealed().get(0).record()).as("version 1 is untouched").isEqualTo(versionOne);
    assertThat(live()).as("the late events made no live record").isEmpty();
  }

  @Test
  void lateEventThatChangesNothingSealsNothing() throws Exception {
    online("didi", "s1", at("10:00"), at("11:00"));
    harness.processWatermark(DAY_SETTLES.toEpochMilli());

    send("didi", "s1", HEARTBEAT, null, at("10:32"));
    harness.processWatermark(DAY_SETTLES.plus(Duration.ofHours(1)).toEpochMilli());

    assertThat(sealed()).hasSize(1);
    assertThat(tooLate()).isEmpty();
  }

  @Test
  void lateEventForADayNeverWorkedSealsItsFirstVersionAsACorrection() throws Exception {
    harness.processWatermark(DAY_SETTLES.plus(Duration.ofHours(2)).toEpochMilli());

    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", OFFLINE, null, at("10:45"));
    harness.processWatermark(DAY_SETTLES.plus(Duration.ofHours(3)).toEpochMilli());

    assertThat(sealed())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.version()).isEqualTo(1);
              assertThat(v.kind()).isEqualTo(UpdateKind.CORRECTION);
              assertThat(v.record()).isEqualTo(oracle(DAY, 1));
            });
  }

  @Test
  void eventBeyondTheHorizonIsStoredTooLateAndChangesNothing() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", OFFLINE, null, at("11:00"));
    harness.processWatermark(DAY_SETTLES.plus(HORIZON).toEpochMilli());

    RecordedEvent late = send("eleme", "e1", ONLINE, null, at("10:30"));
    harness.processWatermark(DAY_SETTLES.plus(HORIZON).plusSeconds(60).toEpochMilli());

    assertThat(sealed()).hasSize(1);
    assertThat(tooLate())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.platform()).isEqualTo("eleme");
              assertThat(e.eventId()).isEqualTo(late.event().eventId());
              assertThat(e.workerRef()).isEqualTo(WORKER);
            });
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void correctionAfterOlderDaysExpiredStillMatchesTheFullTimeline() throws Exception {
    // Three working days; the second one runs across midnight into the third.
    for (int d = 0; d < 3; d++) {
      Instant start = at("09:00").plus(Duration.ofDays(d));
      send("didi", "s" + d, ONLINE, null, start);
      send("didi", "s" + d, TASK_STARTED, "ride-" + d, start.plus(Duration.ofMinutes(5)));
      send("didi", "s" + d, TASK_COMPLETED, "ride-" + d, start.plus(Duration.ofMinutes(25)));
      send("didi", "s" + d, OFFLINE, null, start.plus(Duration.ofHours(d == 1 ? 15 : 2)));
      if (d == 1) {
        for (int m = 1; m < 15 * 6; m++) {
          send("didi", "s1", HEARTBEAT, null, start.plus(Duration.ofMinutes(10L * m)));
        }
      }
    }
    // Day 1 leaves the horizon; days 2 and 3 stay correctable.
    harness.processWatermark(settles(DAY).plus(HORIZON).toEpochMilli());
    assertThat(sealed())
        .extracting(DayRecordUpdate::day)
        .containsExactly(DAY, DAY.plusDays(1), DAY.plusDays(2));

    send("eleme", "e1", ONLINE, null, at("20:00").plus(Duration.ofDays(2)));
    send("eleme", "e1", OFFLINE, null, at("21:00").plus(Duration.ofDays(2)));
    harness.processWatermark(settles(DAY).plus(HORIZON).plus(Duration.ofHours(1)).toEpochMilli());

    DayRecordUpdate correction = sealed().get(sealed().size() - 1);
    assertThat(correction.day()).isEqualTo(DAY.plusDays(2));
    assertThat(correction.version()).isEqualTo(2);
    assertThat(correction.record()).isEqualTo(oracle(DAY.plusDays(2), 2));
  }

  @Test
  void aSealRequestSealsAnInterimVersionUpToTheWatermarkAndTheDayStillSettles() throws Exception {
    send("didi", "s1", ONLINE, null, at("10:00"));
    send("didi", "s1", TASK_ASSIGNED, "ride-1", at("10:05"));
    send("didi", "s1", TASK_STARTED, "ride-1", at("10:10"));
    send("didi", "s1", HEARTBEAT, null, at("10:13"));
    harness.processWatermark(at("10:14").toEpochMilli());

    requestSeal(DAY);

    assertThat(sealed())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(UpdateKind.INTERIM);
              assertThat(v.version()).isEqualTo(1);
              // The session is still open: known up to its last event, not to the watermark.
              assertThat(v.coveredUntilMillis()).isEqualTo(at("10:13").toEpochMilli());
              assertThat(decode(v).getProvisional()).isTrue();
              // A watermark w means no more events at or before w: the timeline's is w + 1 ms.
              assertThat(v.record()).isEqualTo(oracleAt(DAY, 1, at("10:14").plusMillis(1)));
              assertThat(decode(v).getTotals().getOnTaskSeconds()).isPositive();
            });

    requestSeal(DAY);
    assertThat(sealed()).as("a repeated request with nothing new seals nothing").hasSize(1);

    send("didi", "s1", TASK_COMPLETED, "ride-1", at("10:40"));
    send("didi", "s1", OFFLINE, null, at("10:45"));
    harness.processWatermark(DAY_SETTLES.toEpochMilli());

    assertThat(sealed()).hasSize(2);
    assertThat(sealed().get(1))
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(UpdateKind.SETTLED);
              assertThat(v.version()).isEqualTo(2);
              assertThat(v.record()).isEqualTo(oracle(DAY, 2));
            });
  }

  @Test
  void aSealRequestAfterTheWatermarkMovedSealsAnInterimVersionCoveringMoreEvenIfNothingChanged()
      throws Exception {
    online("didi", "s1", at("10:00"), at("11:00"));
    harness.processWatermark(at("12:00").toEpochMilli());
    requestSeal(DAY);
    harness.processWatermark(at("15:00").toEpochMilli());

    requestSeal(DAY);

    // The later version vouches that nothing happened up to the later instant as well.
    assertThat(sealed())
        .extracting(
            DayRecordUpdate::kind, DayRecordUpdate::version, DayRecordUpdate::coveredUntilMillis)
        .containsExactly(
            tuple(UpdateKind.INTERIM, 1, at("12:00").plusMillis(1).toEpochMilli()),
            tuple(UpdateKind.INTERIM, 2, at("15:00").plusMillis(1).toEpochMilli()));
    DayRecord first = decode(sealed().get(0));
    DayRecord second = decode(sealed().get(1));
    assertThat(second.getTotals()).isEqualTo(first.getTotals());
    assertThat(DaySegments.of(second)).as("the same content").isEqualTo(DaySegments.of(first));
    assertThat(second.getFlags()).isEqualTo(first.getFlags());
  }

  @Test
  void theDaySettlesAfterAnInterimVersionEvenWhenNothingChanged() throws Exception {
    online("didi", "s1", at("10:00"), at("11:00"));
    harness.processWatermark(at("12:00").toEpochMilli());
    requestSeal(DAY);

    harness.processWatermark(DAY_SETTLES.toEpochMilli());

    assertThat(sealed())
        .extracting(DayRecordUpdate::kind)
        .containsExactly(UpdateKind.INTERIM, UpdateKind.SETTLED);
    assertThat(decode(sealed().get(1)).getProvisional()).isFalse();
  }

  @Test
  void aSealRequestForASettledDayOrADayWithoutEventsSealsNothing() throws Exception {
    requestSeal(DAY);
    assertThat(sealed()).as("no events at all").isEmpty();

    // An event just before midnight opens the next day too, without putting any time in it.
    online("didi", "s1", at("23:30"), at("23:58"));
    harness.processWatermark(DAY_SETTLES.toEpochMilli());
    requestSeal(DAY.plusDays(1));
    assertThat(sealed()).extracting(DayRecordUpdate::kind).containsExactly(UpdateKind.SETTLED);

    requestSeal(DAY);
    assertThat(sealed())
        .as("the settled day seals nothing more")
        .extracting(DayRecordUpdate::kind)
        .containsExactly(UpdateKind.SETTLED);
  }

  private void requestSeal(LocalDate day) throws Exception {
    harness.processElement(
        WorkInput.of(
            new SealRequest(WORKER, day, "seal-" + ++eventNumber, "insurer-1", at("12:00"))),
        Long.MIN_VALUE);
  }

  private RecordedEvent send(
      String platform, String session, WorkEventType type, String taskRef, Instant occurredAt)
      throws Exception {
    RecordedEvent recorded =
        WorkEvents.event(
            WORKER, platform, "b-1", "ev-" + ++eventNumber, session, type, taskRef, occurredAt);
    sent.add(recorded);
    harness.processElement(WorkInput.of(recorded), occurredAt.toEpochMilli());
    return recorded;
  }

  /** A session online over {@code [from, to)} with a heartbeat every five minutes. */
  private void online(String platform, String session, Instant from, Instant to) throws Exception {
    send(platform, session, ONLINE, null, from);
    for (Instant beat = from.plus(Duration.ofMinutes(5));
        beat.isBefore(to);
        beat = beat.plus(Duration.ofMinutes(5))) {
      send(platform, session, HEARTBEAT, null, beat);
    }
    send(platform, session, OFFLINE, null, to);
  }

  private List<DayRecord> live() {
    return liveUpdates().stream().map(WorkerDayFunctionTest::decode).toList();
  }

  private List<DayRecordUpdate> liveUpdates() {
    return harness.extractOutputValues();
  }

  private DayRecordUpdate lastLive() {
    List<DayRecordUpdate> updates = liveUpdates();
    return updates.get(updates.size() - 1);
  }

  /** The state at {@code at} as the day queries read it from this live record alone. */
  private static Optional<WorkState> statusAt(DayRecordUpdate live, Instant at) {
    return statusAt(live, at, Optional.empty());
  }

  /**
   * The state at {@code at} as the day queries read it from this live record, with the job's
   * committed watermark: time outside segments is offline, up to how far the record holds.
   */
  private static Optional<WorkState> statusAt(
      DayRecordUpdate live, Instant at, Optional<Instant> committed) {
    DayRecord record = decode(live);
    if (!at.isBefore(RecordReach.ofLive(record, live.liveRecord().quiet(), committed))) {
      return Optional.empty();
    }
    long micros = at.toEpochMilli() * 1_000;
    return Optional.of(
        DaySegments.of(record).stream()
            .filter(s -> s.fromMicros() <= micros && micros < s.toMicros())
            .map(s -> WorkState.valueOf(s.state().name()))
            .findFirst()
            .orElse(WorkState.OFFLINE));
  }

  private List<DayRecordUpdate> sealed() {
    return harness.getSideOutput(WorkerDayFunction.SEALED_VERSIONS) == null
        ? List.of()
        : harness.getSideOutput(WorkerDayFunction.SEALED_VERSIONS).stream()
            .map(StreamRecord::getValue)
            .toList();
  }

  private List<LateEvent> tooLate() {
    return harness.getSideOutput(WorkerDayFunction.TOO_LATE) == null
        ? List.of()
        : harness.getSideOutput(WorkerDayFunction.TOO_LATE).stream()
            .map(StreamRecord::getValue)
            .toList();
  }

  private static DayRecord decode(DayRecordUpdate update) {
    return DayRecordCodec.decode(update.record());
  }

  /** The sealed record as the tested core computes it from every event sent. */
  private byte[] oracle(LocalDate day, int version) {
    WorkerTimeline timeline = new WorkerTimeline(WORKER, CONFIG);
    sent.forEach(timeline::add);
    return DayRecords.encode(timeline.workingDay(day, Instant.MAX), version, ZONE);
  }

  /** The record as the tested core computes it from every event sent, as of {@code watermark}. */
  private byte[] oracleAt(LocalDate day, int version, Instant watermark) {
    WorkerTimeline timeline = new WorkerTimeline(WORKER, CONFIG);
    sent.forEach(timeline::add);
    return DayRecords.encode(timeline.workingDay(day, watermark), version, ZONE);
  }

  private static Instant settles(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZONE).toInstant().plus(CONFIG.silenceTimeout());
  }
}
