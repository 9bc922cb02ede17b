package io.shiftproof.records;

import io.shiftproof.ledger.merkle.Hash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the anchored batches the hub stores and the versions stored with each, for the record audit
 * (which checks them against the ledger) and for benchmarks. Each method reads with the caller's
 * connection, so a caller can make all its reads read-only on one.
 */
public final class StoredBatches {
  private static final String BATCHES =
      "SELECT batch_id, chain, sequence, previous_batch_id, root, tree_size, ledger_tx_id,"
          + " ledger_position FROM anchor_batch"
          + " ORDER BY chain, sequence";
  private static final String LEAVES =
      "SELECT worker_ref, day, version, record, leaf_index, inclusion_path"
          + " FROM day_record_version WHERE batch_id = ? ORDER BY leaf_index";
  private static final String UNANCHORED =
      "SELECT worker_ref, day, version FROM day_record_version WHERE batch_id IS NULL"
          + " ORDER BY worker_ref, day, version";
  private static final String SIZES =
      "SELECT count(*), coalesce(avg(tree_size), 0), coalesce(max(tree_size), 0)"
          + " FROM anchor_batch";

  private StoredBatches() {}

  /** Every stored batch, chain by chain in sequence order. */
  public static List<StoredBatch> all(Connection c) throws SQLException {
    List<StoredBatch> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(BATCHES);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(
            new StoredBatch(
                r.getString("batch_id"),
                r.getString("chain"),
                r.getLong("sequence"),
                Optional.ofNullable(r.getString("previous_batch_id")),
                Hash.of(r.getBytes("root")),
                r.getLong("tree_size"),
                r.getString("ledger_tx_id"),
                r.getLong("ledger_position")));
      }
    }
    return out;
  }

  /**
   * Passes the versions stored with one batch to {@code leaf}, in leaf order, one at a time.
   *
   * @return how many there were
   */
  public static long forEachLeaf(Connection c, String batchId, Consumer<StoredLeaf> leaf)
      throws SQLException {
    long count = 0;
    try (PreparedStatement p = c.prepareStatement(LEAVES)) {
      p.setFetchSize(1_000);
      p.setString(1, batchId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          count++;
          leaf.accept(
              new StoredLeaf(
                  key(r),
                  r.getLong("leaf_index"),
                  r.getBytes("inclusion_path"),
                  r.getBytes("record")));
        }
      }
    }
    return count;
  }

  /**
   * Passes every sealed version stored without an anchor to {@code version}: only a job run without
   * a ledger (a benchmark) stores such versions, and nothing proves them unchanged.
   *
   * @return how many there were
   */
  public static long forEachUnanchored(Connection c, Consumer<VersionKey> version)
      throws SQLException {
    long count = 0;
    try (PreparedStatement p = c.prepareStatement(UNANCHORED);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        count++;
        version.accept(key(r));
      }
    }
    return count;
  }

  /** How many batches are stored, and how many versions they hold on average and at most. */
  public record Sizes(long batches, double meanVersions, long maxVersions) {}

  /** The {@link Sizes} of the stored batches. */
  public static Sizes sizes(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SIZES);
        ResultSet r = p.executeQuery()) {
      r.next();
      return new Sizes(r.getLong(1), r.getDouble(2), r.getLong(3));
    }
  }

  private static VersionKey key(ResultSet r) throws SQLException {
    return new VersionKey(
        r.getString("worker_ref"), r.getObject("day", LocalDate.class), r.getInt("version"));
  }
}
