package io.shiftproof.ledger.crypto;

/**
 * Checks signatures made by one {@link Signer}'s key: ECDSA over P-256 with SHA-256, DER-encoded.
 */
public interface Verifier {
  /**
   * Whether {@code signature} is a valid signature of {@code message}. Malformed signatures are
   * simply invalid: they come from outside and must never surface as an exception.
   */
  boolean verify(byte[] message, byte[] signature);
}
