package io.shiftproof.pseudonyms;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An evaluator's secret key (or key share): a non-zero scalar modulo the P-256 group order, and the
 * public key it is proved against. With a split key each organisation holds one share and the
 * pseudonym is keyed by their product, which no single party ever holds.
 */
public final class EvaluationKey {
  final BigInteger secret;
  private final EvaluationPublicKey publicKey;

  EvaluationKey(BigInteger secret) {
    if (secret.signum() <= 0 || secret.compareTo(P256Group.ORDER) >= 0) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_INPUT,
          "evaluation key: got a scalar outside [1, n - 1], want a non-zero scalar below the order");
    }
    this.secret = secret;
    this.publicKey = new EvaluationPublicKey(P256Group.multiplyGenerator(secret));
  }

  /** A fresh random key. */
  public static EvaluationKey generate(SecureRandom random) {
    return new EvaluationKey(P256Group.randomScalar(random));
  }

  /** DeriveKeyPair of RFC 9497 §3.2.1: a key from a 32-byte seed and public key info. */
  public static EvaluationKey derive(byte[] seed, byte[] info) {
    byte[] deriveInput = HashToCurve.concat(seed, VoprfSuite.length2(info.length), info);
    for (int counter = 0; counter <= 255; counter++) {
      BigInteger k =
          P256Group.hashToScalar(
              HashToCurve.concat(deriveInput, new byte[] {(byte) counter}),
              VoprfSuite.DERIVE_KEY_PAIR_DST);
      if (k.signum() != 0) {
        return new EvaluationKey(k);
      }
    }
    throw new VoprfException(
        VoprfException.Reason.INVALID_INPUT, "seed: derives no key in 256 attempts, pick another");
  }

  /** A key read back from {@link #toBytes()}. */
  public static EvaluationKey fromBytes(byte[] bytes) {
    BigInteger k = P256Group.deserializeScalar(bytes, "evaluation key");
    return new EvaluationKey(k);
  }

  /** The scalar in 32 big-endian bytes, for the key file only. */
  public byte[] toBytes() {
    return P256Group.serializeScalar(secret);
  }

  public EvaluationPublicKey publicKey() {
    return publicKey;
  }

  /**
   * The key that evaluates as this one and {@code other} one after the other do: their product.
   * Only tests and benchmarks hold both shares; no organisation does.
   */
  EvaluationKey times(EvaluationKey other) {
    return new EvaluationKey(secret.multiply(other.secret).mod(P256Group.ORDER));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvaluationKey other
        && Arrays.equals(toBytes(), other.toBytes()); // only for tests; not constant-time
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    // A secret never reaches a log through toString.
    return "EvaluationKey[" + publicKey + "]";
  }
}
