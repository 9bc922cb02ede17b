package io.shiftproof.records;

import io.shiftproof.schemas.wire.MalformedRecordException;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.WorkEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the {@code late_event} table of {@code V2__day_records.sql}. */
public final class PostgresLateEventReader implements LateEventReader {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresLateEventReader.class);
  private static final String SELECT =
      "SELECT platform, event_id, worker_ref, batch_id, occurred_at, received_at, reason,"
          + " watermark, event, stored_at FROM late_event WHERE true";
  private static final String ORDER = " ORDER BY stored_at DESC, platform, event_id";

  private final DataSource dataSource;

  public PostgresLateEventReader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<StoredLateEvent> newestFirst(
      LateEventFilter filter, Optional<Instant> before, int count) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder(SELECT);
    where(filter, sql, parameters);
    before.ifPresent(
        at -> {
          sql.append(" AND stored_at < ?");
          parameters.add(utc(microsAbove(at)));
        });
    sql.append(ORDER).append(" LIMIT ?");
    parameters.add(count);
    return query(sql.toString(), parameters);
  }

  @Override
  public List<StoredLateEvent> storedAt(LateEventFilter filter, Instant storedAt) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder(SELECT);
    where(filter, sql, parameters);
    sql.append(" AND stored_at = ?");
    parameters.add(utc(storedAt));
    sql.append(ORDER);
    return query(sql.toString(), parameters);
  }

  /** Only the conditions asked for, so PostgreSQL can use the index on worker_ref. */
  private static void where(LateEventFilter filter, StringBuilder sql, List<Object> parameters) {
    filter
        .workerRef()
        .ifPresent(
            workerRef -> {
              sql.append(" AND worker_ref = ?");
              parameters.add(workerRef);
            });
    filter
        .platform()
        .ifPresent(
            platform -> {
              sql.append(" AND platform = ?");
              parameters.add(platform);
            });
  }

  private List<StoredLateEvent> query(String sql, List<Object> parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        p.setObject(i + 1, parameters.get(i));
      }
      List<StoredLateEvent> events = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          events.add(row(r));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read late events: " + e.getMessage(), e);
    }
  }

  private static StoredLateEvent row(ResultSet r) throws SQLException {
    String platform = r.getString("platform");
    String eventId = r.getString("event_id");
    return new StoredLateEvent(
        platform,
        eventId,
        r.getString("worker_ref"),
        r.getString("batch_id"),
        instant(r, "occurred_at"),
        instant(r, "received_at"),
        r.getString("reason"),
        instant(r, "watermark"),
        instant(r, "stored_at"),
        decode(r.getBytes("event"), platform, eventId));
  }

  /** A row whose bytes do not decode is still listed: hiding it would hide the corruption too. */
  private static Optional<WorkEvent> decode(byte[] bytes, String platform, String eventId) {
    try {
      return Optional.of(RecordedEventCodec.decode(bytes).event());
    } catch (MalformedRecordException e) {
      LOG.warn("late event {}/{} has undecodable bytes: {}", platform, eventId, e.getMessage());
      return Optional.empty();
    }
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    return r.getObject(column, OffsetDateTime.class).toInstant();
  }

  /**
   * PostgreSQL keeps microseconds and the driver rounds to them; "before" needs the bound rounded
   * up, or an event stored in the same microsecond, but earlier, would be left out.
   */
  private static Instant microsAbove(Instant at) {
    Instant micros = at.truncatedTo(ChronoUnit.MICROS);
    return micros.equals(at) ? at : micros.plus(1, ChronoUnit.MICROS);
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
