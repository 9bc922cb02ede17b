package io.shiftproof.gateway.access;

import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.records.RecordStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Anchors the access log in Merkle batches (docs/design.md §8.5), like the day records: the entries
 * not yet in a batch become the leaves of one RFC 6962 tree whose root is anchored on the ledger's
 * chain {@value #CHAIN}, one transaction per batch rather than per read. One anchoring at a time
 * across every gateway instance (a transaction-scoped advisory lock).
 */
public final class AccessLogAnchoring {
  /** The ledger chain of access-log batches. */
  public static final String CHAIN = "shiftproof-access-log";

  /** An arbitrary constant naming the lock that serialises anchoring. */
  private static final long LOCK = 0x5348_4950_4143_4c47L;

  private static final int MAX_BATCH = 10_000;

  private final DataSource database;
  private final Ledger ledger;

  public AccessLogAnchoring(DataSource database, Ledger ledger) {
    this.database = database;
    this.ledger = ledger;
  }

  /**
   * Anchors the entries that are in no batch yet, if any.
   *
   * @return how many entries were anchored
   */
  public int anchorPending() {
    try (Connection c = database.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, LOCK);
          lock.execute();
        }
        List<Long> ids = new ArrayList<>();
        List<Hash> leaves = new ArrayList<>();
        Instant from = Instant.MAX;
        Instant to = Instant.MIN;
        try (PreparedStatement p =
            c.prepareStatement(
                "SELECT e.entry_id, e.leaf_hash, e.accessed_at FROM access_log_entry e"
                    + " WHERE NOT EXISTS (SELECT 1 FROM access_log_member m"
                    + " WHERE m.entry_id = e.entry_id) ORDER BY e.entry_id LIMIT ?")) {
          p.setInt(1, MAX_BATCH);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              ids.add(r.getLong(1));
              leaves.add(Hash.of(r.getBytes(2)));
              Instant at = r.getTimestamp(3).toInstant();
              from = at.isBefore(from) ? at : from;
              to = at.isAfter(to) ? at : to;
            }
          }
        }
        if (ids.isEmpty()) {
          return 0;
        }
        MerkleTree tree = MerkleTree.fromLeafHashes(leaves);
        String batchId =
            "access-log/" + ids.get(0) + "-" + ids.get(ids.size() - 1) + "/" + ids.size();
        Committed<Anchor> anchored =
            ledger.anchorBatch(
                new AnchorRequest(
                    batchId,
                    CHAIN,
                    // A retried batch the ledger already holds is answered before its previous
                    // is compared, so the head is right for new and retried batches alike.
                    ledger.head(CHAIN).map(Anchor::batchId),
                    tree.rootHash().toHex(),
                    ids.size(),
                    micros(from),
                    micros(to) + 1));
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO access_log_batch (batch_id, root, tree_size, tx_id, position,"
                    + " anchored_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          p.setString(1, batchId);
          p.setBytes(2, tree.rootHash().bytes());
          p.setInt(3, ids.size());
          p.setString(4, anchored.ref().txId());
          p.setLong(5, anchored.ref().position());
          p.setTimestamp(6, Timestamp.from(anchored.value().anchoredAt()));
          p.executeUpdate();
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO access_log_member (entry_id, batch_id, leaf_index) VALUES (?, ?, ?)")) {
          for (int i = 0; i < ids.size(); i++) {
            p.setLong(1, ids.get(i));
            p.setString(2, batchId);
            p.setInt(3, i);
            p.addBatch();
          }
          p.executeBatch();
        }
        c.commit();
        return ids.size();
      } finally {
        c.rollback(); // after a commit this is a no-op
      }
    } catch (SQLException e) {
      throw new RecordStoreException("cannot anchor the access log: " + e.getMessage(), e);
    }
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }
}
