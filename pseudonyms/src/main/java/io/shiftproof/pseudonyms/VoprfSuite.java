package io.shiftproof.pseudonyms;

import java.nio.charset.StandardCharsets;

/**
 * The one VOPRF configuration the hub speaks: RFC 9497, suite {@code P256-SHA256}, mode VOPRF
 * (0x01). Its context string separates every hash of the protocol from those of any other suite or
 * mode.
 */
public final class VoprfSuite {
  /** The suite's identifier in RFC 9497. */
  public static final String IDENTIFIER = "P256-SHA256";

  /** Mode VOPRF: the server proves which key it used. */
  public static final int MODE = 0x01;

  /** A serialized element (compressed P-256 point). */
  public static final int ELEMENT_BYTES = P256Group.ELEMENT_BYTES;

  /** A serialized scalar. */
  public static final int SCALAR_BYTES = P256Group.SCALAR_BYTES;

  /** A serialized proof: the challenge and the response, two scalars. */
  public static final int PROOF_BYTES = 2 * SCALAR_BYTES;

  /** Nh: the output of Finalize, a SHA-256 digest. */
  public static final int OUTPUT_BYTES = 32;

  static final byte[] CONTEXT =
      HashToCurve.concat(
          "OPRFV1-".getBytes(StandardCharsets.US_ASCII),
          new byte[] {MODE},
          ("-" + IDENTIFIER).getBytes(StandardCharsets.US_ASCII));

  static final byte[] HASH_TO_GROUP_DST = dst("HashToGroup-");
  static final byte[] HASH_TO_SCALAR_DST = dst("HashToScalar-");
  static final byte[] DERIVE_KEY_PAIR_DST = dst("DeriveKeyPair");
  static final byte[] SEED_DST = dst("Seed-");

  private VoprfSuite() {}

  private static byte[] dst(String label) {
    return HashToCurve.concat(label.getBytes(StandardCharsets.US_ASCII), CONTEXT);
  }

  /** I2OSP(n, 2): a two-byte length prefix. */
  static byte[] length2(int n) {
    return new byte[] {(byte) (n >>> 8), (byte) n};
  }
}
