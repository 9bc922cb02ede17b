package io.shiftproof.ledger.evidence;

import static io.shiftproof.ledger.evidence.EvidenceFixture.DAY_1;
import static io.shiftproof.ledger.evidence.EvidenceFixture.DAY_2;
import static io.shiftproof.ledger.evidence.EvidenceFixture.WORKER;
import static io.shiftproof.ledger.evidence.EvidenceFixture.ZONE;
import static io.shiftproof.ledger.evidence.EvidenceFixture.local;
import static io.shiftproof.ledger.evidence.EvidenceFixture.micros;
import static io.shiftproof.ledger.evidence.EvidenceFixture.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageRulesTest {
  private static final List<String> A = List.of("platform-1");
  private static final List<String> B = List.of("platform-2");
  private static final List<String> AB = List.of("platform-1", "platform-2");
  private static final List<String> NONE = List.of();

  /** Day 2: A on task 10:00-11:00, online waiting 11:00-12:00, offline after. */
  private static final DayRecord WORK_THEN_WAIT =
      day(
          DAY_2,
          segment(DAY_2, "10:00", DAY_2, "11:00", WorkState.ON_TASK, A, A),
          segment(DAY_2, "11:00", DAY_2, "12:00", WorkState.AVAILABLE, A, NONE));

  @Test
  void engagedOnOnePlatformIsCoveredWithThatPlatformLiable() {
    CoverageDecision d = decide(List.of(WORK_THEN_WAIT), at(DAY_2, "10:30"));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.COVERED);
    assertThat(d.reason()).isEqualTo(CoverageReason.ENGAGED);
    assertThat(d.liablePlatforms()).containsExactly("platform-1");
    assertThat(d.flags()).isEmpty();
    assertThat(d.incidentState()).isEqualTo(WorkState.ON_TASK);
    assertThat(d.ruleSet()).isEqualTo("cn-pilot-2022");
  }

  @Test
  void enRouteCountsAsEngaged() {
    DayRecord enRoute =
        day(DAY_2, segment(DAY_2, "10:00", DAY_2, "11:00", WorkState.EN_ROUTE, AB, B));

    CoverageDecision d = decide(List.of(enRoute), at(DAY_2, "10:30"));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.COVERED);
    assertThat(d.liablePlatforms()).containsExactly("platform-2");
  }

  @Test
  void twoEngagedPlatformsAreBothLiableAndFlagged() {
    DayRecord both =
        day(
            DAY_2,
            segment(
                DAY_2,
                "10:00",
                DAY_2,
                "11:00",
                WorkState.ON_TASK,
                AB,
                List.of("platform-2", "platform-1")));

    CoverageDecision d = decide(List.of(both), at(DAY_2, "10:30"));

    assertThat(d.liablePlatforms()).containsExactly("platform-1", "platform-2");
    assertThat(d.flags()).containsExactly(CoverageFlag.MULTIPLE_LIABLE);
  }

  @Test
  void segmentStartIsInsideAndItsEndIsOutside() {
    assertThat(decide(List.of(WORK_THEN_WAIT), at(DAY_2, "10:00")).outcome())
        .isEqualTo(CoverageOutcome.COVERED);
    CoverageDecision atEnd = decide(List.of(WORK_THEN_WAIT), at(DAY_2, "11:00"));
    assertThat(atEnd.outcome()).isEqualTo(CoverageOutcome.REVIEW);
    assertThat(atEnd.incidentState()).isEqualTo(WorkState.AVAILABLE);
  }

  @Test
  void engagedWithinTwoMinutesAfterIsClockTolerance() {
    DayRecord laterTask =
        day(
            DAY_2,
            segment(DAY_2, "10:00", DAY_2, "10:30", WorkState.AVAILABLE, B, NONE),
            segment(DAY_2, "10:30", DAY_2, "11:00", WorkState.ON_TASK, B, B));

    CoverageDecision d = decide(List.of(laterTask), at(DAY_2, "10:28"));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.REVIEW);
    assertThat(d.reason()).isEqualTo(CoverageReason.CLOCK_TOLERANCE);
    assertThat(d.candidatePlatforms()).containsExactly("platform-2");
    assertThat(d.liablePlatforms()).isEmpty();
  }

  @Test
  void engagedJustBeyondTwoMinutesAfterIsNotClockTolerance() {
    DayRecord laterTask =
        day(
            DAY_2,
            segment(DAY_2, "10:00", DAY_2, "10:30", WorkState.AVAILABLE, B, NONE),
            segment(DAY_2, "10:30", DAY_2, "11:00", WorkState.ON_TASK, B, B));

    CoverageDecision d =
        decide(List.of(laterTask), at(DAY_2, "10:28").minus(Duration.ofNanos(1_000)));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.NOT_COVERED);
    assertThat(d.reason()).isEqualTo(CoverageReason.ONLINE_WAITING);
  }

  @Test
  void engagedUntilJustAfterTwoMinutesBeforeIsClockTolerance() {
    // The task ends at 11:00; at 11:02 minus 1 µs the window [t - 2 min, t + 2 min] still meets it.
    CoverageDecision d =
        decide(List.of(WORK_THEN_WAIT), at(DAY_2, "11:02").minus(Duration.ofNanos(1_000)));

    assertThat(d.reason()).isEqualTo(CoverageReason.CLOCK_TOLERANCE);
  }

  @Test
  void engagedEndingExactlyTwoMinutesBeforeIsAfterTaskNotClockTolerance() {
    // [from, to) ends before t - 2 min when to == t - 2 min: the engaged time does not reach it.
    CoverageDecision d = decide(List.of(WORK_THEN_WAIT), at(DAY_2, "11:02"));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.REVIEW);
    assertThat(d.reason()).isEqualTo(CoverageReason.AFTER_TASK);
    assertThat(d.candidatePlatforms()).containsExactly("platform-1");
  }

  @Test
  void taskEndedExactlyThirtyMinutesBeforeIsAfterTask() {
    CoverageDecision d = decide(List.of(WORK_THEN_WAIT), at(DAY_2, "11:30"));

    assertThat(d.reason()).isEqualTo(CoverageReason.AFTER_TASK);
  }

  @Test
  void taskEndedMoreThanThirtyMinutesBeforeIsOnlineWaiting() {
    CoverageDecision d =
        decide(List.of(WORK_THEN_WAIT), at(DAY_2, "11:30").plus(Duration.ofNanos(1_000)));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.NOT_COVERED);
    assertThat(d.reason()).isEqualTo(CoverageReason.ONLINE_WAITING);
    assertThat(d.incidentState()).isEqualTo(WorkState.AVAILABLE);
  }

  @Test
  void outsideEverySegmentIsOffline() {
    CoverageDecision d = decide(List.of(WORK_THEN_WAIT), at(DAY_2, "15:00"));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.NOT_COVERED);
    assertThat(d.reason()).isEqualTo(CoverageReason.OFFLINE);
    assertThat(d.incidentState()).isEqualTo(WorkState.OFFLINE);
  }

  @Test
  void anOfflineSegmentIsOffline() {
    DayRecord offline =
        day(DAY_2, segment(DAY_2, "10:00", DAY_2, "11:00", WorkState.OFFLINE, NONE, NONE));

    assertThat(decide(List.of(offline), at(DAY_2, "10:30")).reason())
        .isEqualTo(CoverageReason.OFFLINE);
  }

  @Test
  void taskBeforeMidnightMakesJustAfterMidnightAfterTask() {
    DayRecord before = day(DAY_1, segment(DAY_1, "23:30", DAY_2, "00:00", WorkState.ON_TASK, A, A));
    DayRecord after =
        day(DAY_2, segment(DAY_2, "00:00", DAY_2, "01:00", WorkState.AVAILABLE, A, NONE));

    CoverageDecision d = decide(List.of(before, after), at(DAY_2, "00:10"));

    assertThat(d.reason()).isEqualTo(CoverageReason.AFTER_TASK);
    assertThat(d.basedOn())
        .containsExactly(new RecordVersion(DAY_1, 1), new RecordVersion(DAY_2, 1));
  }

  @Test
  void taskSplitAtMidnightIsCoveredOnBothSides() {
    DayRecord before = day(DAY_1, segment(DAY_1, "23:30", DAY_2, "00:00", WorkState.ON_TASK, A, A));
    DayRecord after = day(DAY_2, segment(DAY_2, "00:00", DAY_2, "00:30", WorkState.ON_TASK, A, A));

    assertThat(decide(List.of(before, after), at(DAY_2, "00:00")).outcome())
        .isEqualTo(CoverageOutcome.COVERED);
    assertThat(
            decide(List.of(before, after), at(DAY_2, "00:00").minus(Duration.ofNanos(1_000)))
                .outcome())
        .isEqualTo(CoverageOutcome.COVERED);
  }

  @Test
  void onlyTheRecordsNearTheIncidentAreCited() {
    DayRecord before = day(DAY_1, segment(DAY_1, "10:00", DAY_1, "11:00", WorkState.ON_TASK, A, A));

    CoverageDecision d = decide(List.of(before, WORK_THEN_WAIT), at(DAY_2, "10:30"));

    assertThat(d.basedOn()).containsExactly(new RecordVersion(DAY_2, 1));
  }

  @Test
  void theHighestVersionOfADayIsUsed() {
    DayRecord corrected =
        EvidenceFixture.record(
            WORKER,
            DAY_2,
            2,
            micros(local(DAY_2, "00:00").plusSeconds(86_400)),
            List.of(segment(DAY_2, "10:00", DAY_2, "12:00", WorkState.AVAILABLE, A, NONE)),
            List.of());

    CoverageDecision d = decide(List.of(corrected, WORK_THEN_WAIT), at(DAY_2, "10:30"));

    assertThat(d.outcome()).isEqualTo(CoverageOutcome.NOT_COVERED);
    assertThat(d.basedOn()).containsExactly(new RecordVersion(DAY_2, 2));
  }

  @Test
  void noRecordForTheIncidentDayCannotBeEvaluated() {
    CoverageEvaluation e =
        CoverageRules.evaluate(List.of(WORK_THEN_WAIT), at(DAY_1, "23:00"), ZONE);

    assertThat(e).isInstanceOf(CoverageEvaluation.RecordMissing.class);
    assertThat(((CoverageEvaluation.RecordMissing) e).day()).isEqualTo(DAY_1);
  }

  @Test
  void anIncidentAtOrAfterCoveredUntilCannotBeEvaluated() {
    DayRecord interim =
        EvidenceFixture.record(
            WORKER,
            DAY_2,
            1,
            micros(local(DAY_2, "11:00")),
            List.of(segment(DAY_2, "10:00", DAY_2, "11:00", WorkState.ON_TASK, A, A)),
            List.of());

    assertThat(CoverageRules.evaluate(List.of(interim), at(DAY_2, "11:00"), ZONE))
        .isInstanceOf(CoverageEvaluation.RecordMissing.class);
    assertThat(
            CoverageRules.evaluate(
                List.of(interim), at(DAY_2, "11:00").minus(Duration.ofNanos(1_000)), ZONE))
        .isInstanceOf(CoverageEvaluation.Decided.class);
  }

  @Test
  void aProvisionalInterimRecordMustReachPastTheClockToleranceAfterTheIncident() {
    DayRecord interim =
        EvidenceFixture.record(
            WORKER,
            DAY_2,
            1,
            micros(local(DAY_2, "11:00")),
            List.of(segment(DAY_2, "10:00", DAY_2, "11:00", WorkState.ON_TASK, A, A)),
            List.of());
    interim.setProvisional(true);

    assertThat(CoverageRules.evaluate(List.of(interim), at(DAY_2, "10:58"), ZONE))
        .as("the REVIEW rule would need 10:58 + 2 min, which the record does not reach")
        .isInstanceOf(CoverageEvaluation.RecordMissing.class);
    assertThat(CoverageRules.evaluate(List.of(interim), at(DAY_2, "10:57"), ZONE))
        .isInstanceOf(CoverageEvaluation.Decided.class);
  }

  private static CoverageDecision decide(List<DayRecord> records, Instant t) {
    CoverageEvaluation e = CoverageRules.evaluate(records, t, ZONE);
    assertThat(e).isInstanceOf(CoverageEvaluation.Decided.class);
    return ((CoverageEvaluation.Decided) e).decision();
  }

  private static Instant at(String day, String time) {
    return local(day, time);
  }

  private static DayRecord day(String day, DaySegments.Segment... segments) {
    return EvidenceFixture.record(WORKER, day, List.of(segments), List.of());
  }
}
