package io.shiftproof.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftproof.gateway.api.ApiException;
import io.shiftproof.records.DayRecords;
import io.shiftproof.records.InMemoryDayRecordReader;
import io.shiftproof.schemas.avro.WorkState;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DayRecordLookupTest {
  private static final String REF = "wr_" + "B".repeat(43);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Berlin, 29 March 2026 (a 23-hour day), and the evening of the day before. */
  private final InMemoryDayRecordReader reader =
      new InMemoryDayRecordReader()
          .add(
              DayRecords.worker(REF)
                  .day("2026-03-28")
                  .zone("Europe/Berlin")
                  .version(1)
                  .coveredUntil("2026-03-29T00:00:00+01:00")
                  .engagedSeconds(3_600)
                  .segment(
                      "2026-03-28T23:00:00+01:00",
                      "2026-03-29T00:00:00+01:00",
                      WorkState.AVAILABLE,
                      List.of("platform-1"),
                      List.of())
                  .build())
          .add(
              DayRecords.worker(REF)
                  .day("2026-03-29")
                  .zone("Europe/Berlin")
                  .liveUntil("2026-03-29T04:00:00+02:00")
                  .engagedSeconds(3_600)
                  .segment(
                      "2026-03-29T00:00:00+01:00",
                      "2026-03-29T03:30:00+02:00",
                      WorkState.ON_TASK,
                      List.of("platform-1"),
                      List.of("platform-1"))
                  .build());

  private final DayRecordLookup lookup = new DayRecordLookup(reader, BERLIN);

  @Test
  void statusReadsTheLocalDayOfTheHubZoneNotOfUtc() {
    // 23:30Z on the 28th is already 00:30 on the 29th in Berlin.
    WorkerStatus status = lookup.status(new StatusQuery(REF, instant("2026-03-28T23:30:00Z")));
    assertThat(status.state()).isEqualTo(WorkState.ON_TASK);
    assertThat(status.recordVersion()).isZero();
    assertThat(status.provisional()).isTrue();
  }

  @Test
  void statusJustBeforeLocalMidnightReadsThePreviousDay() {
    WorkerStatus status = lookup.status(new StatusQuery(REF, instant("2026-03-28T22:59:59Z")));
    assertThat(status.state()).isEqualTo(WorkState.AVAILABLE);
    assertThat(status.recordVersion()).isEqualTo(1);
  }

  @Test
  void statusPastCoveredUntilSaysUpToWhenEventsAreProcessed() {
    assertThatThrownBy(() -> lookup.status(new StatusQuery(REF, instant("2026-03-29T02:00:00Z"))))
        .isInstanceOf(ApiException.class)
        .hasFieldOrPropertyWithValue("code", "STATUS_NOT_YET_KNOWN")
        .hasMessageContaining("2026-03-29T04:00:00+02:00");
  }

  @Test
  void aQuietWorkersLiveRecordAnswersOfflineUpToTheJobsCommittedWatermark() {
    String quietRef = "wr_" + "Q".repeat(43);
    // Last event 00:37:29; the session timed out at 00:47:29, when the job last wrote the record.
    reader
        .addQuiet(
            DayRecords.worker(quietRef)
                .day("2026-03-29")
                .zone("Europe/Berlin")
                .liveUntil("2026-03-29T00:47:29+01:00")
                .segment(
                    "2026-03-29T00:30:00+01:00",
                    "2026-03-29T00:37:29+01:00",
                    WorkState.AVAILABLE,
                    List.of("platform-1"),
                    List.of())
                .build())
        .committedWatermark(instant("2026-03-29T15:09:00+02:00"));

    WorkerStatus atTheIncident =
        lookup.status(new StatusQuery(quietRef, instant("2026-03-29T00:40:00+01:00")));
    WorkerStatus hoursLater =
        lookup.status(new StatusQuery(quietRef, instant("2026-03-29T03:00:00+02:00")));

    assertThat(atTheIncident.state()).isEqualTo(WorkState.OFFLINE);
    assertThat(hoursLater.state()).isEqualTo(WorkState.OFFLINE);
    assertThat(hoursLater.knownUntil()).isEqualTo(instant("2026-03-29T15:09:00+02:00"));
    assertThat(lookup.day(new DayQuery(quietRef, day("2026-03-29"), none())).knownUntil())
        .isEqualTo(instant("2026-03-29T15:09:00+02:00"));
    assertThatThrownBy(
            () -> lookup.status(new StatusQuery(quietRef, instant("2026-03-29T15:09:00+02:00"))))
        .hasFieldOrPropertyWithValue("code", "STATUS_NOT_YET_KNOWN")
        .hasMessageContaining("known only up to 2026-03-29T15:09:00+02:00");
    // The worker with a session open where the live record ends is not extended.
    assertThatThrownBy(() -> lookup.status(new StatusQuery(REF, instant("2026-03-29T02:00:00Z"))))
        .hasFieldOrPropertyWithValue("code", "STATUS_NOT_YET_KNOWN");
  }

  @Test
  void unknownWorkerAndEmptyDayAreAnsweredAlikeAndAMissingVersionApart() {
    Throwable unknownWorker =
        catchThrowable(
            () -> lookup.day(new DayQuery("wr_" + "C".repeat(43), day("2026-03-30"), none())));
    Throwable emptyDay =
        catchThrowable(() -> lookup.day(new DayQuery(REF, day("2026-03-30"), none())));
    assertThat(unknownWorker).hasFieldOrPropertyWithValue("code", "DAY_NOT_FOUND");
    assertThat(emptyDay).hasFieldOrPropertyWithValue("code", "DAY_NOT_FOUND");
    assertThat(unknownWorker).hasMessage(emptyDay.getMessage());
    assertThatThrownBy(() -> lookup.day(new DayQuery(REF, day("2026-03-28"), OptionalInt.of(2))))
        .hasFieldOrPropertyWithValue("code", "VERSION_NOT_FOUND")
        .hasMessageContaining("latest version is 1");
    assertThatThrownBy(() -> lookup.day(new DayQuery(REF, day("2026-03-29"), OptionalInt.of(1))))
        .hasFieldOrPropertyWithValue("code", "VERSION_NOT_FOUND")
        .hasMessageContaining("no version is sealed yet");
  }

  private static java.time.Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  private static LocalDate day(String text) {
    return LocalDate.parse(text);
  }

  private static OptionalInt none() {
    return OptionalInt.empty();
  }
}
