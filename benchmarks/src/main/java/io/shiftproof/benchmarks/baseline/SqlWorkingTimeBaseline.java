package io.shiftproof.benchmarks.baseline;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.streamjobs.worktime.DayTotals;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The working-time day totals (docs/design.md §5) computed by PostgreSQL from the raw events with
 * window functions and range arithmetic, independently of the streaming job, so a benchmark can
 * compare both on the same data. The SQL, and how it maps the session rules onto ranges, is in
 * {@value #SCRIPT}.
 *
 * <p>Use: {@link #createTables}, then {@link #load} the events, then {@link #computeTotals}. The
 * result is that of a complete stream: every session is closed, as by a watermark at infinity.
 */
public final class SqlWorkingTimeBaseline {

  /** The classpath resource holding the DDL and the totals query. */
  public static final String SCRIPT = "baseline/working_time_totals.sql";

  /**
   * Memory for the sorts and hashes of the totals query, per operation; enough for about a million
   * events to be sorted in memory rather than on disk.
   */
  private static final String QUERY_WORK_MEM = "1GB";

  private static final int COPY_BUFFER_BYTES = 1 << 16;

  private static final String COPY =
      "COPY baseline_event (platform, event_id, worker_ref, session_id, type, task_ref,"
          + " occurred_at, received_at, batch_id) FROM STDIN";

  private static final Pattern SECTION =
      Pattern.compile("^-- section: (\\S+)\\s*$", Pattern.MULTILINE);

  private SqlWorkingTimeBaseline() {}

  /** Creates the raw table {@code baseline_event}, replacing an earlier one, and its helpers. */
  public static void createTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(section("create_tables"));
    }
  }

  /**
   * Appends the events, copies included, to {@code baseline_event} with one {@code COPY} and then
   * refreshes the table's statistics for the planner.
   *
   * <p>Event times are stored truncated to the microsecond, as the timeline truncates them
   * (PostgreSQL would round instead).
   */
  public static void load(Connection connection, Iterable<RecordedEvent> events)
      throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new PGCopyOutputStream(pg, COPY, COPY_BUFFER_BYTES), StandardCharsets.UTF_8),
            COPY_BUFFER_BYTES)) {
      StringBuilder row = new StringBuilder(256);
      for (RecordedEvent recorded : events) {
        row.setLength(0);
        appendRow(row, recorded);
        out.append(row);
      }
    } catch (IOException e) {
      // PGCopyOutputStream reports a failed COPY as an IOException caused by the SQLException.
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("COPY into baseline_event failed: " + e.getMessage(), e);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE baseline_event");
    }
  }

  /** The totals of every worker's days in {@code zone}, under the default timeout and gap. */
  public static Map<WorkerDay, DayTotals> computeTotals(Connection connection, ZoneId zone)
      throws SQLException {
    return computeTotals(connection, WorkingTimeConfig.defaults().withZone(zone));
  }

  /**
   * The totals of every (worker, local day) within the silence timeout of an event, as the
   * streaming job emits them; days without online time have zero totals. In worker and day order.
   *
   * <p>Engaged time that touches is one piece here, so with a stretch join gap of zero the longest
   * stretch can exceed {@code WorkerTimeline}'s, which then breaks a stretch at every slice
   * boundary; with any positive gap (the default is 20 minutes) both agree.
   *
   * @throws IllegalArgumentException when the zone is a fixed offset rather than a region id
   */
  public static Map<WorkerDay, DayTotals> computeTotals(
      Connection connection, WorkingTimeConfig config) throws SQLException {
    String zone = regionId(config.zone());
    // The settings below are transaction-local; run in a transaction of our own unless the caller
    // has one open, in which case they last until the caller ends it.
    boolean ownTransaction = connection.getAutoCommit();
    if (ownTransaction) {
      connection.setAutoCommit(false);
    }
    try {
      try (PreparedStatement settings =
          connection.prepareStatement(
              "SELECT set_config('baseline.zone', ?, true),"
                  + " set_config('baseline.silence_timeout', ?, true),"
                  + " set_config('baseline.stretch_join_gap', ?, true),"
                  + " set_config('work_mem', ?, true)")) {
        settings.setString(1, zone);
        settings.setString(2, microseconds(config.silenceTimeout()));
        settings.setString(3, microseconds(config.stretchJoinGap()));
        settings.setString(4, QUERY_WORK_MEM);
        settings.execute();
      }
      Map<WorkerDay, DayTotals> totals = new LinkedHashMap<>();
      try (Statement query = connection.createStatement();
          ResultSet rows = query.executeQuery(section("working_time_totals"))) {
        while (rows.next()) {
          totals.put(
              new WorkerDay(rows.getString("worker_ref"), rows.getObject("day", LocalDate.class)),
              new DayTotals(
                  rows.getLong("online_seconds"),
                  rows.getLong("engaged_seconds"),
                  rows.getLong("on_task_seconds"),
                  rows.getLong("multi_app_seconds"),
                  rows.getLong("platform_sum_seconds"),
                  rows.getLong("longest_stretch_seconds")));
        }
      }
      if (ownTransaction) {
        connection.commit();
      }
      return Collections.unmodifiableMap(totals);
    } catch (SQLException | RuntimeException e) {
      if (ownTransaction) {
        connection.rollback();
      }
      throw e;
    } finally {
      if (ownTransaction) {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void appendRow(StringBuilder row, RecordedEvent recorded) {
    WorkEvent event = recorded.event();
    appendText(row, recorded.platform()).append('\t');
    appendText(row, event.eventId()).append('\t');
    appendText(row, event.workerRef()).append('\t');
    appendText(row, event.sessionId()).append('\t');
    row.append(event.type().name()).append('\t');
    if (event.taskRef().isPresent()) {
      appendText(row, event.taskRef().get());
    } else {
      row.append("\\N");
    }
    row.append('\t');
    appendInstant(row, event.occurredAt()).append('\t');
    appendInstant(row, recorded.receivedAt()).append('\t');
    appendText(row, recorded.batchId()).append('\n');
  }

  /** COPY text format: backslash, tab, newline and carriage return are escaped. */
  private static StringBuilder appendText(StringBuilder row, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> row.append("\\\\");
        case '\t' -> row.append("\\t");
        case '\n' -> row.append("\\n");
        case '\r' -> row.append("\\r");
        default -> row.append(c);
      }
    }
    return row;
  }

  /** ISO 8601 in UTC, which PostgreSQL reads whatever the session's time zone. */
  private static StringBuilder appendInstant(StringBuilder row, Instant at) {
    return row.append(at.truncatedTo(ChronoUnit.MICROS));
  }

  private static String microseconds(Duration duration) {
    return duration.toNanos() / 1_000 + " microseconds";
  }

  /**
   * PostgreSQL reads a bare offset such as {@code +08:00} as a POSIX zone, whose sign is the
   * reverse of ISO 8601; only region ids mean the same to both.
   */
  private static String regionId(ZoneId zone) {
    if (zone.normalized() instanceof ZoneOffset offset) {
      if (offset.getTotalSeconds() == 0) {
        return "UTC";
      }
      throw new IllegalArgumentException(
          "zone: got " + zone + ", want a region id such as Asia/Shanghai");
    }
    return zone.getId();
  }

  private static String section(String name) {
    String script = script();
    Matcher matcher = SECTION.matcher(script);
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        int start = matcher.end();
        int end = matcher.find() ? matcher.start() : script.length();
        return script.substring(start, end).strip();
      }
    }
    throw new IllegalStateException(
        "section: got none named " + name + " in " + SCRIPT + ", want one; check the resource");
  }

  private static String script() {
    try (InputStream in =
        SqlWorkingTimeBaseline.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(
            SCRIPT + " is not on the classpath; rebuild the stream-jobs module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
