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

/**
 * Keeps each batch's provenance ({@code V11__platform_batches.sql}): its body hash, the platform's
 * signature, the certificate it was checked against and the Merkle root over its valid events, in
 * the caller's transaction, so a batch whose events were not made durable leaves no row either.
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

  void record(
      Connection connection,
      String platform,
      String batchId,
      List<IndexedEvent> events,
      BatchProvenance provenance,
      Instant receivedAt)
      throws SQLException {
    byte[] der = encoded(provenance.certificate());
    byte[] certificateSha256 = BatchSignatureCheck.sha256(der);
    try (PreparedStatement s = connection.prepareStatement(CERTIFICATE)) {
      s.setBytes(1, certificateSha256);
      s.setBytes(2, der);
      s.executeUpdate();
    }
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
