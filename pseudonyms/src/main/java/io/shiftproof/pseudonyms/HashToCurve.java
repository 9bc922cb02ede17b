package io.shiftproof.pseudonyms;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Hashing to the P-256 curve as RFC 9380 defines it for the suite {@code
 * P256_XMD:SHA-256_SSWU_RO_}: {@code expand_message_xmd} with SHA-256, {@code hash_to_field} with L
 * = 48, the simplified SWU map with Z = -10, two field elements added (a random oracle), and no
 * cofactor to clear. Not constant-time: the inputs hashed here are blinded before they leave the
 * caller, and the hub only ever hashes public transcripts.
 */
public final class HashToCurve {
  /** The suite's identifier in RFC 9380. */
  public static final String SUITE = "P256_XMD:SHA-256_SSWU_RO_";

  /** Bytes drawn per field element: ceil((ceil(log2(p)) + k) / 8) with k = 128. */
  static final int L = 48;

  private static final int B_IN_BYTES = 32;
  private static final int S_IN_BYTES = 64;

  private static final ECCurve CURVE = P256Group.CURVE;
  private static final BigInteger P = CURVE.getField().getCharacteristic();
  private static final ECFieldElement A = CURVE.getA();
  private static final ECFieldElement B = CURVE.getB();
  private static final ECFieldElement Z = CURVE.fromBigInteger(P.subtract(BigInteger.TEN));
  private static final ECFieldElement ONE = CURVE.fromBigInteger(BigInteger.ONE);

  private HashToCurve() {}

  /** {@code hash_to_curve(msg)} under the domain separation tag {@code dst}. */
  static ECPoint hashToCurve(byte[] msg, byte[] dst) {
    BigInteger[] u = hashToField(msg, dst, 2, P);
    ECPoint q0 = mapToCurve(u[0]);
    ECPoint q1 = mapToCurve(u[1]);
    // P-256 has cofactor 1: clear_cofactor is the identity.
    return q0.add(q1).normalize();
  }

  /** {@code hash_to_field(msg, count)} with elements reduced modulo {@code modulus}. */
  static BigInteger[] hashToField(byte[] msg, byte[] dst, int count, BigInteger modulus) {
    byte[] uniform = expandMessageXmd(msg, dst, count * L);
    BigInteger[] u = new BigInteger[count];
    for (int i = 0; i < count; i++) {
      byte[] tv = new byte[L];
      System.arraycopy(uniform, i * L, tv, 0, L);
      u[i] = new BigInteger(1, tv).mod(modulus);
    }
    return u;
  }

  /** The simplified Shallue-van de Woestijne-Ulas map of RFC 9380 §6.6.2, on P-256 directly. */
  static ECPoint mapToCurve(BigInteger uValue) {
    ECFieldElement u = CURVE.fromBigInteger(uValue);
    ECFieldElement zu2 = Z.multiply(u.square());
    ECFieldElement tv1 = zu2.square().add(zu2);
    ECFieldElement x1;
    if (tv1.isZero()) {
      x1 = B.divide(Z.multiply(A));
    } else {
      x1 = B.negate().divide(A).multiply(ONE.add(tv1.invert()));
    }
    ECFieldElement gx1 = curveRightSide(x1);
    ECFieldElement x;
    ECFieldElement y = gx1.sqrt();
    if (y != null) {
      x = x1;
    } else {
      x = zu2.multiply(x1);
      y = curveRightSide(x).sqrt();
    }
    if (sgn0(u) != sgn0(y)) {
      y = y.negate();
    }
    return CURVE.createPoint(x.toBigInteger(), y.toBigInteger());
  }

  private static ECFieldElement curveRightSide(ECFieldElement x) {
    return x.square().add(A).multiply(x).add(B);
  }

  private static boolean sgn0(ECFieldElement e) {
    return e.toBigInteger().testBit(0);
  }

  /**
   * {@code expand_message_xmd} with SHA-256 (RFC 9380 §5.3.1): {@code lenInBytes} uniform bytes
   * from {@code msg} under {@code dst}. A tag longer than 255 bytes is first hashed, as §5.3.3
   * requires.
   */
  public static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    if (dst.length > 255) {
      MessageDigest h = sha256();
      h.update("H2C-OVERSIZE-DST-".getBytes(StandardCharsets.US_ASCII));
      dst = h.digest(dst);
    }
    int ell = (lenInBytes + B_IN_BYTES - 1) / B_IN_BYTES;
    if (ell > 255 || lenInBytes > 65535 || lenInBytes < 0) {
      throw new IllegalArgumentException(
          "lenInBytes: got " + lenInBytes + ", want at most " + 255 * B_IN_BYTES);
    }
    byte[] dstPrime = concat(dst, new byte[] {(byte) dst.length});
    MessageDigest h = sha256();
    h.update(new byte[S_IN_BYTES]);
    h.update(msg);
    h.update(new byte[] {(byte) (lenInBytes >>> 8), (byte) lenInBytes, 0});
    h.update(dstPrime);
    byte[] b0 = h.digest();
    ByteArrayOutputStream uniform = new ByteArrayOutputStream(ell * B_IN_BYTES);
    byte[] previous = new byte[B_IN_BYTES];
    for (int i = 1; i <= ell; i++) {
      byte[] mixed = new byte[B_IN_BYTES];
      for (int j = 0; j < B_IN_BYTES; j++) {
        mixed[j] = (byte) (b0[j] ^ previous[j]);
      }
      h.update(i == 1 ? b0 : mixed);
      h.update((byte) i);
      h.update(dstPrime);
      previous = h.digest();
      uniform.writeBytes(previous);
    }
    byte[] all = uniform.toByteArray();
    byte[] out = new byte[lenInBytes];
    System.arraycopy(all, 0, out, 0, lenInBytes);
    return out;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
