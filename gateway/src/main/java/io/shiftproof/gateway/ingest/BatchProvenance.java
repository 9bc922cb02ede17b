package io.shiftproof.gateway.ingest;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who sent a batch and what proves it: the body's SHA-256, the platform's signature over the body
 * (when it sent one) and the client certificate whose key the signature was checked against.
 *
 * @param signature the signature's DER bytes; empty when the batch came unsigned (warn mode only)
 * @param state how the signature checked out; {@link SignatureState#VALID} whenever signatures are
 *     required
 */
public record BatchProvenance(
    byte[] bodySha256,
    Optional<byte[]> signature,
    SignatureState state,
    X509Certificate certificate) {

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
