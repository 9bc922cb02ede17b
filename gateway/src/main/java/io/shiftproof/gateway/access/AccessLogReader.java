package io.shiftproof.gateway.access;

import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.records.RecordStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the access log back: a worker's entries, or every entry for the operator, each with its
 * inclusion proof in its anchored batch once the batch is anchored.
 */
public final class AccessLogReader {
  /** An anchored batch as the proof names it. */
  public record Batch(String batchId, Hash root, int treeSize, String txId, long position) {}

  /** An entry with, once anchored, its batch and inclusion proof. */
  public record ProvenEntry(
      AccessLogLeaf leaf, Optional<Batch> batch, Optional<InclusionProof> proof) {}

  private static final String COLUMNS =
      "e.entry_id, e.worker_ref, e.accessor, e.role, e.purpose, e.claim_id, e.resource,"
          + " e.versions, e.accessed_at, m.batch_id, m.leaf_index";

  private final DataSource database;

  public AccessLogReader(DataSource database) {
    this.database = database;
  }

  /** The worker's entries, oldest first. */
  public List<ProvenEntry> entriesOf(String workerRef, int limit) {
    return read(
        "SELECT "
            + COLUMNS
            + " FROM access_log_entry e LEFT JOIN access_log_member m USING (entry_id)"
            + " WHERE e.worker_ref = ? ORDER BY e.entry_id LIMIT ?",
        workerRef,
        limit);
  }

  /** Every entry, newest first, for the operator. */
  public List<ProvenEntry> all(int limit) {
    return read(
        "SELECT "
            + COLUMNS
            + " FROM access_log_entry e LEFT JOIN access_log_member m USING (entry_id)"
            + " ORDER BY e.entry_id DESC LIMIT ?",
        limit);
  }

  private record Row(AccessLogLeaf leaf, String batchId, int leafIndex) {}

  private List<ProvenEntry> read(String sql, Object... args) {
    try (Connection c = database.getConnection()) {
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          p.setObject(i + 1, args[i]);
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            AccessLogLeaf leaf =
                new AccessLogLeaf(
                    r.getLong(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    Optional.ofNullable(r.getString(6)),
                    r.getString(7),
                    r.getString(8),
                    r.getTimestamp(9).toInstant());
            rows.add(new Row(leaf, r.getString(10), r.getInt(11)));
          }
        }
      }
      Map<String, Batch> batches = new HashMap<>();
      Map<String, MerkleTree> trees = new HashMap<>();
      List<ProvenEntry> proven = new ArrayList<>();
      for (Row row : rows) {
        if (row.batchId() == null) {
          proven.add(new ProvenEntry(row.leaf(), Optional.empty(), Optional.empty()));
          continue;
        }
        if (!batches.containsKey(row.batchId())) {
          batches.put(row.batchId(), batch(c, row.batchId()));
          trees.put(row.batchId(), MerkleTree.fromLeafHashes(leafHashes(c, row.batchId())));
        }
        proven.add(
            new ProvenEntry(
                row.leaf(),
                Optional.of(batches.get(row.batchId())),
                Optional.of(trees.get(row.batchId()).inclusionProof(row.leafIndex()))));
      }
      return proven;
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read the access log: " + e.getMessage(), e);
    }
  }

  private static Batch batch(Connection c, String batchId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT root, tree_size, tx_id, position FROM access_log_batch WHERE batch_id = ?")) {
      p.setString(1, batchId);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return new Batch(
            batchId, Hash.of(r.getBytes(1)), r.getInt(2), r.getString(3), r.getLong(4));
      }
    }
  }

  /** The batch's leaves in order: the stored hash of each member entry. */
  private static List<Hash> leafHashes(Connection c, String batchId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT e.leaf_hash FROM access_log_member m JOIN access_log_entry e USING (entry_id)"
                + " WHERE m.batch_id = ? ORDER BY m.leaf_index")) {
      p.setString(1, batchId);
      try (ResultSet r = p.executeQuery()) {
        List<Hash> hashes = new ArrayList<>();
        while (r.next()) {
          hashes.add(Hash.of(r.getBytes(1)));
        }
        return hashes;
      }
    }
  }
}
