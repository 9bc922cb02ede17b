package io.shiftproof.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecords;
import io.shiftproof.records.RecordReach;
import io.shiftproof.records.StoredDayRecord;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerStatusTest {
  private static final String REF = "wr_" + "A".repeat(43);

  private static final DayRecord SHANGHAI =
      DayRecords.worker(REF)
          .day("2026-11-21")
          .zone("Asia/Shanghai")
          .version(2)
          .coveredUntil("2026-11-22T00:00:00+08:00")
          .engagedSeconds(5_400)
          .segment(
              "2026-11-21T09:00:00+08:00",
              "2026-11-21T10:00:00+08:00",
              WorkState.AVAILABLE,
              List.of("platform-1"),
              List.of())
          .segment(
              "2026-11-21T10:00:00+08:00",
              "2026-11-21T11:30:00+08:00",
              WorkState.ON_TASK,
              List.of("platform-1", "platform-2"),
              List.of("platform-2"))
          .build();

  /** 29 March 2026: Berlin's clocks jump from 02:00 (+01:00) to 03:00 (+02:00). */
  private static final DayRecord BERLIN_SPRING =
      DayRecords.worker(REF)
          .day("2026-03-29")
          .zone("Europe/Berlin")
          .version(1)
          .coveredUntil("2026-03-30T00:00:00+02:00")
          .engagedSeconds(3_600)
          .segment(
              "2026-03-29T01:30:00+01:00",
              "2026-03-29T03:30:00+02:00",
              WorkState.EN_ROUTE,
              List.of("platform-3"),
              List.of("platform-3"))
          .build();

  /**
   * 25 October 2026: Berlin's local 02:00..03:00 happens twice, first at +02:00, then at +01:00.
   */
  private static final DayRecord BERLIN_AUTUMN =
      DayRecords.worker(REF)
          .day("2026-10-25")
          .zone("Europe/Berlin")
          .version(1)
          .coveredUntil("2026-10-26T00:00:00+01:00")
          .engagedSeconds(3_600)
          .segment(
              "2026-10-25T02:15:00+02:00",
              "2026-10-25T02:45:00+02:00",
              WorkState.AVAILABLE,
              List.of("platform-1"),
              List.of())
          .segment(
              "2026-10-25T02:15:00+01:00",
              "2026-10-25T02:45:00+01:00",
              WorkState.ON_TASK,
              List.of("platform-2"),
              List.of("platform-2"))
          .build();

  @Test
  void segmentStartIsInsideAndSegmentEndIsNot() {
    assertThat(stateAt(SHANGHAI, "2026-11-21T10:00:00+08:00")).isEqualTo(WorkState.ON_TASK);
    assertThat(stateAt(SHANGHAI, "2026-11-21T09:59:59.999999999+08:00"))
        .isEqualTo(WorkState.AVAILABLE);
    assertThat(stateAt(SHANGHAI, "2026-11-21T11:29:59.9999995+08:00")).isEqualTo(WorkState.ON_TASK);
    assertThat(stateAt(SHANGHAI, "2026-11-21T11:30:00+08:00")).isEqualTo(WorkState.OFFLINE);
  }

  @Test
  void instantOutsideEverySegmentIsOfflineWithNoPlatforms() {
    WorkerStatus status = statusAt(SHANGHAI, "2026-11-21T08:59:59+08:00").orElseThrow();
    assertThat(status.state()).isEqualTo(WorkState.OFFLINE);
    assertThat(status.onlinePlatforms()).isEmpty();
    assertThat(status.engagedPlatforms()).isEmpty();
    assertThat(status.recordVersion()).isEqualTo(2);
    assertThat(status.provisional()).isFalse();
  }

  @Test
  void statusNamesOnlineAndEngagedPlatformsOfTheSegment() {
    WorkerStatus status = statusAt(SHANGHAI, "2026-11-21T02:15:00Z").orElseThrow();
    assertThat(status.state()).isEqualTo(WorkState.ON_TASK);
    assertThat(status.onlinePlatforms()).containsExactly("platform-1", "platform-2");
    assertThat(status.engagedPlatforms()).containsExactly("platform-2");
  }

  @Test
  void instantAtOrAfterCoveredUntilIsNotYetKnown() {
    DayRecord live =
        DayRecords.worker(REF)
            .day("2026-11-21")
            .zone("Asia/Shanghai")
            .liveUntil("2026-11-21T10:30:00+08:00")
            .engagedSeconds(1_800)
            .segments(DaySegments.of(SHANGHAI))
            .build();
    assertThat(statusAt(live, "2026-11-21T10:29:59+08:00")).isPresent();
    assertThat(statusAt(live, "2026-11-21T10:30:00+08:00")).isEmpty();
    assertThat(statusAt(live, "2026-11-21T12:00:00+08:00")).isEmpty();
  }

  @Test
  void segmentAcrossTheSpringGapIsFoundByInstant() {
    // 02:30 local does not exist that night; 01:30 +01:00 to 03:30 +02:00 is one hour.
    assertThat(stateAt(BERLIN_SPRING, "2026-03-29T01:29:59+01:00")).isEqualTo(WorkState.OFFLINE);
    assertThat(stateAt(BERLIN_SPRING, "2026-03-29T01:59:59+01:00")).isEqualTo(WorkState.EN_ROUTE);
    assertThat(stateAt(BERLIN_SPRING, "2026-03-29T03:00:00+02:00")).isEqualTo(WorkState.EN_ROUTE);
    assertThat(stateAt(BERLIN_SPRING, "2026-03-29T01:29:59Z")).isEqualTo(WorkState.EN_ROUTE);
    assertThat(stateAt(BERLIN_SPRING, "2026-03-29T01:30:00Z")).isEqualTo(WorkState.OFFLINE);
  }

  @Test
  void repeatedAutumnHourTellsItsTwoLocalTimesApart() {
    assertThat(stateAt(BERLIN_AUTUMN, "2026-10-25T02:30:00+02:00")).isEqualTo(WorkState.AVAILABLE);
    assertThat(stateAt(BERLIN_AUTUMN, "2026-10-25T02:30:00+01:00")).isEqualTo(WorkState.ON_TASK);
    assertThat(stateAt(BERLIN_AUTUMN, "2026-10-25T02:50:00+02:00")).isEqualTo(WorkState.OFFLINE);
  }

  private static WorkState stateAt(DayRecord record, String at) {
    return statusAt(record, at).orElseThrow().state();
  }

  private static Optional<WorkerStatus> statusAt(DayRecord record, String at) {
    Instant instant = OffsetDateTime.parse(at).toInstant();
    return WorkerStatus.at(
        new StoredDayRecord(
            record,
            Optional.empty(),
            Optional.empty(),
            0,
            RecordReach.ofLive(record, false, Optional.empty())),
        instant);
  }
}
