package io.shiftproof.ledger.crypto;

/**
 * Signs messages with one private key: ECDSA over P-256 with SHA-256, the signature DER-encoded
 * (the X.509 / {@code openssl dgst -sha256 -sign} form). Platforms sign their event batches with
 * it; the hub signs evidence bundles.
 */
public interface Signer {
  /** The JCA name of the algorithm, as recorded next to a signature. */
  String ALGORITHM = "SHA256withECDSA";

  /** The DER-encoded signature of {@code message}. */
  byte[] sign(byte[] message);
}
