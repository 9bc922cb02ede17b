package io.shiftproof.ledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * A {@link Verifier} for one P-256 public key, usually taken from an organisation's certificate.
 *
 * <p>Only the canonical DER encoding is accepted, so a signature has exactly one byte form and can
 * be compared or hashed as-is. ECDSA signatures stay malleable ({@code s} and {@code n - s} both
 * verify): do not use signature bytes as a replay key.
 */
public final class EcdsaP256Verifier implements Verifier {
  private final PublicKey publicKey;

  private EcdsaP256Verifier(PublicKey publicKey) {
    this.publicKey = publicKey;
  }

  /** A verifier for a P-256 public key. */
  public static EcdsaP256Verifier of(PublicKey publicKey) {
    if (!P256.isP256(publicKey)) {
      throw new IllegalArgumentException(
          "publicKey: got " + publicKey.getAlgorithm() + ", want an EC P-256 key");
    }
    return new EcdsaP256Verifier(publicKey);
  }

  /** A verifier for the key of a certificate. */
  public static EcdsaP256Verifier fromCertificate(X509Certificate certificate) {
    return of(certificate.getPublicKey());
  }

  @Override
  public boolean verify(SignatureContext context, byte[] message, byte[] signature) {
    return verifyBytes(context.frame(message), signature);
  }

  /**
   * Whether {@code signature} signs exactly {@code message}, with no context: test vectors only.
   */
  boolean verifyBytes(byte[] message, byte[] signature) {
    if (!isCanonical(signature)) {
      return false;
    }
    try {
      Signature ecdsa = Signature.getInstance(P256.SIGNATURE_ALGORITHM);
      ecdsa.initVerify(publicKey);
      ecdsa.update(message);
      return ecdsa.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * A SEQUENCE of two integers in [1, n-1], DER-encoded with nothing trailing. The range check
   * repeats the JDK's own so that no provider's leniency (the "psychic signatures" flaw accepted r
   * = s = 0) can matter here.
   */
  private static boolean isCanonical(byte[] signature) {
    if (signature == null || signature.length == 0 || signature.length > 72) {
      return false;
    }
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
      if (sequence.size() != 2
          || !Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), signature)) {
        return false;
      }
      return inRange(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue())
          && inRange(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue());
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean inRange(BigInteger value) {
    return value.signum() > 0 && value.compareTo(P256.order()) < 0;
  }
}
