package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.IndexedEvent;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each batch's provenance ({@code V11__platform_batches.sql}, {@code
 * V12__platform_events.sql}): its body hash, events root and leaf hashes, the platform's signature,
 * the certificate it was checked against, and the exact bytes of each event it newly claimed at its
 * leaf index, in the caller's transaction, so a batch whose events were not made durable leaves no
 * row either. The events go in one statement per batch (arrays, unnested by PostgreSQL), not one
 * per event.
 *
 * <p>A certificate is written once, on its own and committed at once, the first time this gateway
 * sees it: a platform presents the same one for months, and a certificate row is a fact whether or
 * not the batch that brought it is kept, so it need not cost every batch a statement.
 */
final class PlatformBatches {
  private static final String CERTIFICATE =
      "INSERT INTO platform_certificate (certificate_sha256, certificate) VALUES (?, ?)"
          + " ON CONFLICT DO NOTHING";

  private static final String BATCH =
      "INSERT INTO platform_batch (platform, body_sha256, batch_id, received_at, signature,"
          + " signature_state, certificate_sha256, events_root, event_count, signature_context,"
          + " content_type, leaf_hashes)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /**
   * The body goes once, as one binary parameter, and each event's bytes are cut from it by offset
   * in the database: no copy per event, and no hex text of every event in an array literal.
   */
  private static final String EVENTS =
      "INSERT INTO platform_event (platform, body_sha256, leaf_index, event_id, worker_ref,"
          + " occurred_at, event_bytes)"
          + " SELECT ?, ?, e.leaf_index, e.event_id, e.worker_ref,"
          + " timestamptz 'epoch' + e.micros * interval '1 microsecond',"
          + " substring(b.body FROM e.start + 1 FOR e.length)"
          + " FROM (SELECT ?::bytea AS body) AS b,"
          + " unnest(?::integer[], ?::text[], ?::text[], ?::bigint[], ?::integer[], ?::integer[])"
          + " AS e (leaf_index, event_id, worker_ref, micros, start, length)";

  /** The SHA-256 of each certificate this gateway has stored, by certificate. */
  private final Map<X509Certificate, byte[]> stored = new ConcurrentHashMap<>();

  /**
   * The certificate's SHA-256, its row stored first if this gateway has not stored it yet.
   *
   * @param connection in auto-commit mode: the row is committed before any batch refers to it
   */
  byte[] storeCertificate(Connection connection, X509Certificate certificate) throws SQLException {
    byte[] known = stored.get(certificate);
    if (known != null) {
      return known;
    }
    byte[] der = encoded(certificate);
    byte[] sha256 = BatchSignatureCheck.sha256(der);
    try (PreparedStatement s = connection.prepareStatement(CERTIFICATE)) {
      s.setBytes(1, sha256);
      s.setBytes(2, der);
      s.executeUpdate();
    }
    stored.put(certificate, sha256);
    return sha256;
  }

  /**
   * Writes the batch's row, and a row for each event it newly claimed, in the connection's open
   * transaction.
   *
   * @param validEvents how many of the batch's events were valid
   * @param claimed the events this batch claimed first, the ones published
   * @param certificateSha256 what {@link #storeCertificate} answered for the batch's certificate
   */
  void record(
      Connection connection,
      String platform,
      String batchId,
      int validEvents,
      List<IndexedEvent> claimed,
      BatchProvenance provenance,
      byte[] certificateSha256,
      Instant receivedAt)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(BATCH)) {
      s.setString(1, platform);
      s.setBytes(2, provenance.bodySha256());
      s.setString(3, batchId);
      s.setTimestamp(4, Timestamp.from(receivedAt));
      if (provenance.signature().isPresent()) {
        s.setBytes(5, provenance.signature().get());
      } else {
        s.setNull(5, Types.BINARY);
      }
      s.setString(6, provenance.state().name());
      s.setBytes(7, certificateSha256);
      s.setBytes(8, provenance.eventsRoot());
      s.setInt(9, validEvents);
      s.setString(10, provenance.signatureContext());
      s.setString(11, provenance.spans().encoding().mediaType());
      s.setBytes(12, provenance.leafHashes());
      s.executeUpdate();
    }
    if (!claimed.isEmpty()) {
      recordEvents(connection, platform, claimed, provenance);
    }
  }

  private static void recordEvents(
      Connection connection, String platform, List<IndexedEvent> claimed, BatchProvenance batch)
      throws SQLException {
    int n = claimed.size();
    Integer[] leafIndexes = new Integer[n];
    String[] eventIds = new String[n];
    String[] workerRefs = new String[n];
    Long[] occurredAtMicros = new Long[n];
    Integer[] starts = new Integer[n];
    Integer[] lengths = new Integer[n];
    for (int i = 0; i < n; i++) {
      IndexedEvent e = claimed.get(i);
      int leaf = e.index();
      leafIndexes[i] = leaf;
      eventIds[i] = e.event().eventId();
      workerRefs[i] = e.event().workerRef();
      occurredAtMicros[i] = ChronoUnit.MICROS.between(Instant.EPOCH, e.event().occurredAt());
      starts[i] = batch.spans().start(leaf);
      lengths[i] = batch.spans().end(leaf) - batch.spans().start(leaf);
    }
    try (PreparedStatement s = connection.prepareStatement(EVENTS)) {
      s.setString(1, platform);
      s.setBytes(2, batch.bodySha256());
      s.setBytes(3, batch.body());
      s.setArray(4, connection.createArrayOf("integer", leafIndexes));
      s.setArray(5, connection.createArrayOf("text", eventIds));
      s.setArray(6, connection.createArrayOf("text", workerRefs));
      s.setArray(7, connection.createArrayOf("bigint", occurredAtMicros));
      s.setArray(8, connection.createArrayOf("integer", starts));
      s.setArray(9, connection.createArrayOf("integer", lengths));
      s.executeUpdate();
    }
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate the TLS layer accepted does not encode", e);
    }
  }
}
