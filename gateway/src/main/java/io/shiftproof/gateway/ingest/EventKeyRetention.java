package io.shiftproof.gateway.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Deletes idempotency keys older than the retention, so {@code ingest_event_key} stops growing with
 * all history.
 *
 * <p>Why that is safe: the retention is required to exceed the correction horizon by more than a
 * day (see {@code KeyRetentionConfig}), so an event whose key is gone could only be for a day past
 * its horizon. If a platform resends such an event, the gateway accepts it again, and the stream
 * job stores it as {@code TOO_LATE} (once, by key) without changing any record. Only the resend's
 * answer differs: {@code accepted} rather than {@code duplicate}.
 *
 * <p>Deletes go in chunks so no transaction holds many row locks against ingest, and several
 * gateway instances take turns through an advisory lock rather than all pruning at once.
 */
public final class EventKeyRetention {
  private static final long PRUNE_LOCK = 0x5348_4946_5450_524BL;
  private static final int CHUNK = 10_000;

  private final DataSource dataSource;
  private final Duration retention;

  public EventKeyRetention(DataSource dataSource, Duration retention) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /**
   * Deletes the keys accepted before {@code now - retention}.
   *
   * @return how many were deleted; 0 also when another instance is pruning
   */
  public long prune(Instant now) throws SQLException {
    OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.minus(retention), ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      if (!tryLock(c)) {
        return 0;
      }
      try (PreparedStatement delete =
          c.prepareStatement(
              "DELETE FROM ingest_event_key WHERE ctid = ANY(ARRAY("
                  + "SELECT ctid FROM ingest_event_key WHERE accepted_at < ? LIMIT "
                  + CHUNK
                  + "))")) {
        delete.setObject(1, cutoff);
        long total = 0;
        int deleted;
        do {
          deleted = delete.executeUpdate();
          total += deleted;
        } while (deleted == CHUNK);
        return total;
      } finally {
        try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          unlock.setLong(1, PRUNE_LOCK);
          unlock.execute();
        }
      }
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, PRUNE_LOCK);
      try (ResultSet r = lock.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }
}
