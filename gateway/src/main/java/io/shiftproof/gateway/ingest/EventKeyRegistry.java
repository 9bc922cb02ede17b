package io.shiftproof.gateway.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claims idempotency keys {@code (platform, eventId)} in PostgreSQL.
 *
 * <p>Why PostgreSQL and not a cache in the gateway: the claim must hold across gateway restarts and
 * across several gateway instances behind a load balancer, so it lives where every instance sees
 * the same committed state. A claim inserts the keys inside the caller's transaction: the new rows'
 * locks make a second instance that claims the same key wait until the first commits (then it sees
 * a duplicate) or rolls back (then it wins). Keys are inserted in sorted order so two instances
 * claiming overlapping batches lock in the same order and cannot deadlock.
 *
 * <p>Most batches hold no duplicate, so the claim first tries a plain insert, which costs
 * PostgreSQL about a third less than {@code ON CONFLICT}; only when that hits an existing key does
 * it roll back to a savepoint and sort new from old with {@code ON CONFLICT DO NOTHING}.
 */
final class EventKeyRegistry {
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * The event ids travel as one newline-separated text: cheaper to encode and parse than a text
   * array, and safe because an eventId is printable ASCII without white space.
   */
  private static final String IDS = "unnest(string_to_array(?, E'\\n')) AS t(id) ORDER BY id";

  private static final String CLAIM_ALL =
      "INSERT INTO ingest_event_key (platform, event_id, batch_id) SELECT ?, id, ? FROM " + IDS;

  private static final String CLAIM_NEW =
      "INSERT INTO ingest_event_key (platform, event_id, batch_id) SELECT ?, id, ? FROM "
          + IDS
          + " ON CONFLICT DO NOTHING RETURNING event_id";

  /**
   * Claims the keys within the connection's open transaction.
   *
   * @return the event ids that were new; the others were accepted before
   */
  Set<String> claim(Connection connection, String platform, String batchId, List<String> eventIds)
      throws SQLException {
    String ids = String.join("\n", eventIds);
    Savepoint beforeClaim = connection.setSavepoint();
    try (PreparedStatement all = connection.prepareStatement(CLAIM_ALL)) {
      bind(all, platform, batchId, ids);
      all.executeUpdate();
      connection.releaseSavepoint(beforeClaim);
      return new HashSet<>(eventIds);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(beforeClaim);
    }
    Set<String> claimed = new HashSet<>(eventIds.size() * 2);
    try (PreparedStatement fresh = connection.prepareStatement(CLAIM_NEW)) {
      bind(fresh, platform, batchId, ids);
      try (ResultSet rows = fresh.executeQuery()) {
        while (rows.next()) {
          claimed.add(rows.getString(1));
        }
      }
    }
    return claimed;
  }

  private static void bind(PreparedStatement s, String platform, String batchId, String ids)
      throws SQLException {
    s.setString(1, platform);
    s.setString(2, batchId);
    s.setString(3, ids);
  }
}
