package io.shiftproof.ledger.crypto;

/**
 * Signs messages of a stated kind with one private key: ECDSA over P-256 with SHA-256, the
 * signature DER-encoded (the X.509 / {@code openssl dgst -sha256 -sign} form), over {@code context
 * || 0x00 || message} ({@link SignatureContext}). The hub signs its ledger entries and evidence
 * bundles with its signing key (never its TLS key).
 */
public interface Signer {
  /** The JCA name of the algorithm, as recorded next to a signature. */
  String ALGORITHM = "SHA256withECDSA";

  /** The DER-encoded signature of {@code message} as a message of kind {@code context}. */
  byte[] sign(SignatureContext context, byte[] message);
}
