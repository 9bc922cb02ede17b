package io.shiftproof.records;

import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.schemas.wire.BatchEncoding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads {@link SignedEvents} from {@code platform_event} and the batch rows they belong to ({@code
 * V12__platform_events.sql}). An inclusion path is made from the batch's stored leaf hashes, so
 * only the worker's own events are read, never the rest of a batch's body.
 */
public final class PostgresSignedEvents implements SignedEvents {
  private static final String QUERY =
      "SELECT e.platform, e.leaf_index, e.event_bytes, b.batch_id, b.received_at, b.body_sha256,"
          + " b.events_root,"
          + " b.leaf_hashes, b.signature, b.signature_state, b.signature_context, b.content_type,"
          + " c.certificate"
          + " FROM platform_event e"
          + " JOIN platform_batch b USING (platform, body_sha256)"
          + " JOIN platform_certificate c ON c.certificate_sha256 = b.certificate_sha256"
          + " WHERE e.worker_ref = ? AND e.occurred_at >= ? AND e.occurred_at < ?"
          + " ORDER BY e.occurred_at, e.platform, e.body_sha256, e.leaf_index";

  private final DataSource dataSource;

  public PostgresSignedEvents(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public List<SignedEvent> ofWorker(String workerRef, Instant from, Instant to) {
    Objects.requireNonNull(workerRef, "workerRef");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(QUERY)) {
      s.setString(1, workerRef);
      s.setTimestamp(2, Timestamp.from(from));
      s.setTimestamp(3, Timestamp.from(to));
      List<SignedEvent> events = new ArrayList<>();
      // A worker's events often share batches: one tree per batch, built once.
      Map<String, MerkleTree> trees = new HashMap<>();
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          events.add(event(row, trees));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new RecordStoreException(
          "cannot read the signed events of a worker: " + e.getMessage(), e);
    }
  }

  private static SignedEvent event(ResultSet row, Map<String, MerkleTree> trees)
      throws SQLException {
    String platform = row.getString("platform");
    byte[] bodySha256 = row.getBytes("body_sha256");
    byte[] leafHashes = row.getBytes("leaf_hashes");
    MerkleTree tree =
        trees.computeIfAbsent(
            platform + " " + HexFormat.of().formatHex(bodySha256),
            k -> MerkleTree.fromPackedLeafHashes(leafHashes));
    SignedBatch batch =
        new SignedBatch(
            platform,
            row.getString("batch_id"),
            row.getTimestamp("received_at").toInstant(),
            Hash.of(bodySha256),
            Hash.of(row.getBytes("events_root")),
            Optional.ofNullable(row.getBytes("signature")),
            row.getString("signature_state"),
            row.getString("signature_context"),
            row.getBytes("certificate"));
    return new SignedEvent(
        row.getBytes("event_bytes"),
        BatchEncoding.ofMediaType(row.getString("content_type")),
        tree.inclusionProof(row.getInt("leaf_index")),
        batch);
  }
}
