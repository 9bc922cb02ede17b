package io.shiftproof.gateway.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claims idempotency keys {@code (platform, eventId)} in PostgreSQL.
 *
 * <p>Why PostgreSQL and not a cache in the gateway: the claim must hold across gateway restarts and
 * across several gateway instances behind a load balancer, so it lives where every instance sees
 * the same committed state. A claim is an {@code INSERT ... ON CONFLICT DO NOTHING} inside the
 * caller's transaction: the new row's lock makes a second instance that claims the same key wait
 * until the first commits (then it sees a duplicate) or rolls back (then it wins). Keys are
 * inserted in sorted order so two instances claiming overlapping batches lock in the same order and
 * cannot deadlock.
 */
final class EventKeyRegistry {
  private static final String CLAIM =
      "INSERT INTO ingest_event_key (platform, event_id, batch_id)"
          + " SELECT ?, id, ? FROM unnest(?::text[]) AS t(id) ORDER BY id"
          + " ON CONFLICT DO NOTHING RETURNING event_id";

  /**
   * Claims the keys within the connection's open transaction.
   *
   * @return the event ids that were new; the others were accepted before
   */
  Set<String> claim(Connection connection, String platform, String batchId, List<String> eventIds)
      throws SQLException {
    Set<String> claimed = new HashSet<>(eventIds.size() * 2);
    try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
      Array ids = connection.createArrayOf("text", eventIds.toArray());
      statement.setString(1, platform);
      statement.setString(2, batchId);
      statement.setArray(3, ids);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          claimed.add(rows.getString(1));
        }
      }
      ids.free();
    }
    return claimed;
  }
}
