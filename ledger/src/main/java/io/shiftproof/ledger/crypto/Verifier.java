package io.shiftproof.ledger.crypto;

/**
 * Checks signatures made by one {@link Signer}'s key: ECDSA over P-256 with SHA-256, DER-encoded,
 * over {@code context || 0x00 || message}. A signature made for another {@link SignatureContext}
 * does not verify.
 */
public interface Verifier {
  /**
   * Whether {@code signature} is a valid signature of {@code message} as a message of kind {@code
   * context}. Malformed signatures are simply invalid: they come from outside and must never
   * surface as an exception.
   */
  boolean verify(SignatureContext context, byte[] message, byte[] signature);
}
