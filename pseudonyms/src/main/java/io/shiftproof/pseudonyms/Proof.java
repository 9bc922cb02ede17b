package io.shiftproof.pseudonyms;

import java.math.BigInteger;

/**
 * A DLEQ proof (RFC 9497 §2.2): that the evaluated elements are the blinded ones times the same
 * scalar as the evaluator's public key is the generator's. Two scalars, the challenge {@code c} and
 * the response {@code s}; 64 bytes on the wire.
 */
public final class Proof {
  final BigInteger c;
  final BigInteger s;

  Proof(BigInteger c, BigInteger s) {
    this.c = c;
    this.s = s;
  }

  /** A proof from its 64 bytes, {@code c ‖ s}. */
  public static Proof fromBytes(byte[] bytes) {
    if (bytes.length != VoprfSuite.PROOF_BYTES) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_SCALAR,
          "proof: got " + bytes.length + " bytes, want " + VoprfSuite.PROOF_BYTES);
    }
    byte[] c = new byte[P256Group.SCALAR_BYTES];
    byte[] s = new byte[P256Group.SCALAR_BYTES];
    System.arraycopy(bytes, 0, c, 0, c.length);
    System.arraycopy(bytes, c.length, s, 0, s.length);
    return new Proof(
        P256Group.deserializeScalar(c, "proof"), P256Group.deserializeScalar(s, "proof"));
  }

  public byte[] toBytes() {
    return HashToCurve.concat(P256Group.serializeScalar(c), P256Group.serializeScalar(s));
  }
}
