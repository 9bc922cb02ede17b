package io.shiftproof.ledger.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** The NIST P-256 curve (secp256r1), the only curve the hub's keys and signatures use. */
public final class P256 {
  /** The curve's name in the JDK. */
  public static final String JCA_NAME = "secp256r1";

  /** The JCA name of ECDSA with SHA-256, the signature the hub's keys and certificates use. */
  public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final X9ECParameters X9 = CustomNamedCurves.getByName(JCA_NAME);
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(X9.getCurve(), X9.getG(), X9.getN(), X9.getH(), X9.getSeed());

  private P256() {}

  /** A fresh key pair on the curve. */
  public static KeyPair generateKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(JCA_NAME), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no P-256 key generation", e);
    }
  }

  /**
   * Whether a key lies on P-256. The group order and the field size together single out P-256 among
   * the curves a JDK or a PEM file can name.
   */
  public static boolean isP256(Key key) {
    if (!(key instanceof ECKey ecKey)) {
      return false;
    }
    ECParameterSpec params = ecKey.getParams();
    return params != null
        && params.getCurve().getField().getFieldSize() == 256
        && params.getOrder().equals(order());
  }

  /**
   * SHA-256 of {@code message} by the JDK, whose implementation uses the CPU's SHA instructions.
   */
  static byte[] sha256(byte[] message) {
    return newSha256().digest(message);
  }

  /** The JDK's SHA-256, which uses the CPU's SHA instructions (Bouncy Castle's does not). */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
    }
  }

  static BigInteger order() {
    return DOMAIN.getN();
  }
}
