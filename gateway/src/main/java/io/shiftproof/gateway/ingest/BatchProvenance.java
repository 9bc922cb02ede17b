package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventSpans;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who sent a batch and what proves it, event by event: the body as sent and where each of its
 * events lies in it, the body's SHA-256, the leaf hash of each event and their events root (what
 * the platform signs, {@link BatchSignature}), the platform's signature (when it sent one) and the
 * client certificate whose key the signature was checked against.
 *
 * @param leafHashes each event's RFC 6962 leaf hash, 32 bytes apiece in batch order
 * @param signature the signature's DER bytes; empty when the batch came unsigned (warn mode only)
 * @param state how the signature checked out; {@link SignatureState#VALID} whenever signatures are
 *     required
 */
public record BatchProvenance(
    byte[] body,
    EventSpans spans,
    byte[] bodySha256,
    byte[] leafHashes,
    byte[] eventsRoot,
    Optional<byte[]> signature,
    SignatureState state,
    X509Certificate certificate) {

  /** The context string the signature was checked under, as stored with the batch. */
  public String signatureContext() {
    return BatchSignature.CONTEXT;
  }

  /** A batch signature's state, as stored and counted. */
  public enum SignatureState {
    VALID,
    MISSING,
    INVALID;

    /** The metric label. */
    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
