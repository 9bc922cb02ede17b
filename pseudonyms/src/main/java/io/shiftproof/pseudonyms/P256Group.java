package io.shiftproof.pseudonyms;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The prime-order group of the suite P256-SHA256 (RFC 9497 §4.3): elements are P-256 points in
 * compressed SEC1 form (33 bytes), scalars are integers modulo the group order in 32 big-endian
 * bytes. Bouncy Castle's curve arithmetic stays inside this package.
 */
final class P256Group {
  private static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = X9.getCurve();
  static final ECPoint GENERATOR = X9.getG();
  static final BigInteger ORDER = X9.getN();

  /** Ne: a serialized element. */
  static final int ELEMENT_BYTES = 33;

  /** Ns: a serialized scalar. */
  static final int SCALAR_BYTES = 32;

  private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  private P256Group() {}

  /** ScalarMultGen: {@code k·G}, with the generator's precomputed table. */
  static ECPoint multiplyGenerator(BigInteger k) {
    return BASE_MULTIPLIER.multiply(GENERATOR, k).normalize();
  }

  /** HashToGroup: hash_to_curve of RFC 9380 under the given tag. */
  static ECPoint hashToGroup(byte[] input, byte[] dst) {
    return HashToCurve.hashToCurve(input, dst);
  }

  /** HashToScalar: hash_to_field of RFC 9380 with the group order as modulus. */
  static BigInteger hashToScalar(byte[] input, byte[] dst) {
    return HashToCurve.hashToField(input, dst, 1, ORDER)[0];
  }

  /** RandomScalar: uniform in [1, n − 1]. */
  static BigInteger randomScalar(SecureRandom random) {
    while (true) {
      BigInteger k = new BigInteger(ORDER.bitLength(), random);
      if (k.signum() > 0 && k.compareTo(ORDER) < 0) {
        return k;
      }
    }
  }

  static byte[] serializeElement(ECPoint point) {
    if (point.isInfinity()) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_INPUT, "the identity element has no serialization");
    }
    return point.getEncoded(true);
  }

  /**
   * DeserializeElement with partial public-key validation: compressed form only, coordinates in
   * range, on the curve, not the identity.
   */
  static ECPoint deserializeElement(byte[] bytes, String field) {
    if (bytes.length != ELEMENT_BYTES || (bytes[0] != 0x02 && bytes[0] != 0x03)) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_ELEMENT,
          field
              + ": got "
              + bytes.length
              + " bytes"
              + (bytes.length > 0 ? String.format(" starting 0x%02x", bytes[0]) : "")
              + ", want a compressed P-256 point (33 bytes starting 0x02 or 0x03)");
    }
    ECPoint point;
    try {
      point = CURVE.decodePoint(bytes);
    } catch (IllegalArgumentException e) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_ELEMENT,
          field + ": got bytes that name no point of P-256, want a compressed P-256 point");
    }
    if (point.isInfinity() || !point.isValid()) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_ELEMENT,
          field + ": got no valid P-256 point, want a compressed P-256 point other than identity");
    }
    return point.normalize();
  }

  static byte[] serializeScalar(BigInteger k) {
    byte[] raw = k.toByteArray();
    byte[] out = new byte[SCALAR_BYTES];
    int copy = Math.min(raw.length, SCALAR_BYTES);
    System.arraycopy(raw, raw.length - copy, out, SCALAR_BYTES - copy, copy);
    return out;
  }

  static BigInteger deserializeScalar(byte[] bytes, String field) {
    if (bytes.length != SCALAR_BYTES) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_SCALAR,
          field + ": got " + bytes.length + " bytes, want a 32-byte scalar");
    }
    BigInteger k = new BigInteger(1, bytes);
    if (k.compareTo(ORDER) >= 0) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_SCALAR,
          field + ": got a value not below the group order, want a scalar modulo the order");
    }
    return k;
  }
}
