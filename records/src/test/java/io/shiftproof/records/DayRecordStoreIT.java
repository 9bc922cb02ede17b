package io.shiftproof.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.SealedVersion.Reason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job's writes against a real PostgreSQL server: each is idempotent and never goes back. */
class DayRecordStoreIT {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  private static RecordStoreFixture store;
  private Connection c;

  @BeforeAll
  static void startServer() throws SQLException {
    store = RecordStoreFixture.start();
  }

  @AfterAll
  static void stopServer() {
    store.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    c = store.connect();
    DayRecordStore.emptyTables(c);
    c.setAutoCommit(false);
  }

  @AfterEach
  void closeConnection() throws SQLException {
    c.close();
  }

  @Test
  void aLiveRecordIsNeverReplacedByOneMadeAtAnEarlierWatermark() throws SQLException {
    DayRecordStore.upsertLive(c, List.of(live(2_000, 2_001, true, "newer")));
    DayRecordStore.upsertLive(c, List.of(live(1_000, 1_001, false, "replayed after a restore")));
    c.commit();

    assertThat(text("SELECT record FROM day_record_live")).isEqualTo("newer");
    assertThat(text("SELECT quiet::text FROM day_record_live")).isEqualTo("true");
  }

  @Test
  void aLiveRecordMadeLaterReplacesTheStoredOneEvenReachingLess() throws SQLException {
    DayRecordStore.upsertLive(c, List.of(live(2_000, 2_001, true, "quiet")));
    // A late event opened a session before the stored record's end: it is known only to there.
    DayRecordStore.upsertLive(c, List.of(live(3_000, 1_500, false, "revised by a late event")));
    c.commit();

    assertThat(text("SELECT record FROM day_record_live")).isEqualTo("revised by a late event");
    assertThat(text("SELECT quiet::text FROM day_record_live")).isEqualTo("false");
  }

  @Test
  void ofSeveralLiveUpdatesInABatchTheLatestMadeIsWritten() throws SQLException {
    DayRecordStore.upsertLive(
        c, List.of(live(3_000, 2_500, false, "latest"), live(1_000, 2_900, true, "earlier")));
    c.commit();

    assertThat(text("SELECT record FROM day_record_live")).isEqualTo("latest");
  }

  @Test
  void aSealedVersionIsStoredOnceAndReplacesTheLiveRecord() throws SQLException {
    DayRecordStore.upsertLive(c, List.of(live(1_000, 1_001, true, "live")));
    SealedVersion v1 = sealed(1, Reason.SETTLED, "first");
    DayRecordStore.insertVersions(c, List.of(v1), 7);
    DayRecordStore.insertVersions(
        c, List.of(sealed(1, Reason.SETTLED, "other content, same number")), 8);
    c.commit();

    assertThat(text("SELECT record FROM day_record_version WHERE version = 1")).isEqualTo("first");
    assertThat(text("SELECT count(*)::text FROM day_record_version")).isEqualTo("1");
    assertThat(text("SELECT checkpoint_id::text FROM day_record_version")).isEqualTo("7");
    assertThat(text("SELECT count(*)::text FROM day_record_live")).isEqualTo("0");
  }

  @Test
  void anInterimVersionLeavesTheLiveRecordAndTheSettledOneRemovesIt() throws SQLException {
    DayRecordStore.upsertLive(c, List.of(live(1_000, 1_001, true, "live")));
    DayRecordStore.insertVersions(c, List.of(sealed(1, Reason.INTERIM, "interim")), 7);
    c.commit();

    assertThat(text("SELECT reason FROM day_record_version WHERE version = 1"))
        .isEqualTo("INTERIM");
    assertThat(text("SELECT record FROM day_record_live")).isEqualTo("live");

    DayRecordStore.insertVersions(c, List.of(sealed(2, Reason.SETTLED, "settled")), 8);
    c.commit();

    assertThat(text("SELECT count(*)::text FROM day_record_live")).isEqualTo("0");
  }

  @Test
  void aLateEventIsStoredOnceWithReasonTooLate() throws SQLException {
    LateEvent late =
        new LateEvent(
            "platform-1",
            "ev-9",
            WORKER,
            "b-3",
            1_764_300_000_000_000L,
            5L,
            9L,
            new byte[] {1, 2, 3});
    DayRecordStore.insertLateEvents(c, List.of(late, late));
    DayRecordStore.insertLateEvents(c, List.of(late));
    c.commit();

    assertThat(text("SELECT reason || ' ' || count(*) FROM late_event GROUP BY reason"))
        .isEqualTo("TOO_LATE 1");
    assertThat(text("SELECT occurred_at = to_timestamp(1764300000)::timestamptz FROM late_event"))
        .isEqualTo("true");
  }

  @Test
  void progressNeverMovesBackToAnOlderCheckpoint() throws SQLException {
    DayRecordStore.recordProgress(c, "job", 0, 2_000, 5);
    DayRecordStore.recordProgress(c, "job", 0, 1_000, 4);
    DayRecordStore.recordProgress(c, "job", 0, Long.MAX_VALUE, 6);
    c.commit();

    assertThat(text("SELECT checkpoint_id::text FROM stream_progress")).isEqualTo("6");
    assertThat(text("SELECT extract(year from watermark)::text FROM stream_progress"))
        .as("the final watermark is stored as the latest representable day")
        .isEqualTo("9999");
  }

  private static LiveRecord live(
      long watermarkMillis, long coveredUntilMillis, boolean quiet, String content) {
    return new LiveRecord(
        WORKER, DAY, watermarkMillis, coveredUntilMillis, quiet, content.getBytes());
  }

  private static SealedVersion sealed(int version, Reason reason, String content) {
    long end = Instant.parse("2026-11-28T16:10:00Z").toEpochMilli();
    return new SealedVersion(WORKER, DAY, version, reason, end, end, content.getBytes());
  }

  private String text(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      assertThat(r.next()).as(sql).isTrue();
      Object value = r.getObject(1);
      return value instanceof byte[] bytes ? new String(bytes) : String.valueOf(value);
    }
  }
}
