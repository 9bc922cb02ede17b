package io.shiftproof.gateway.ingest;

import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.schemas.wire.IndexedEvent;
import io.shiftproof.schemas.wire.WorkEventCodec;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each batch's provenance ({@code V11__platform_batches.sql}): its body hash, the platform's
 * signature, the certificate it was checked against and the Merkle root over its valid events, in
 * the caller's transaction, so a batch whose events were not made durable leaves no row either.
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
          + " signature_state, certificate_sha256, events_root, event_count)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /** The RFC 6962 root over the events' canonical bytes, in the order the batch lists them. */
  static Hash eventsRoot(List<IndexedEvent> events) {
    List<byte[]> leaves = new ArrayList<>(events.size());
    for (IndexedEvent e : events) {
      leaves.add(WorkEventCodec.canonical(e.event()));
    }
    return MerkleTree.fromLeaves(leaves).rootHash();
  }

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
   * Writes the batch's row in the connection's open transaction.
   *
   * @param certificateSha256 what {@link #storeCertificate} answered for the batch's certificate
   */
  void record(
      Connection connection,
      String platform,
      String batchId,
      List<IndexedEvent> events,
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
      s.setBytes(8, eventsRoot(events).bytes());
      s.setInt(9, events.size());
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
