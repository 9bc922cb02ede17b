package io.shiftproof.ledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * A {@link Verifier} for one P-256 public key, usually taken from an organisation's certificate.
 *
 * <p>Only the canonical DER encoding is accepted, so a signature has exactly one byte form and can
 * be compared or hashed as-is. ECDSA signatures stay malleable ({@code s} and {@code n - s} both
 * verify): do not use signature bytes as a replay key.
 *
 * <p>The message is hashed with the JDK's SHA-256 (which uses the CPU's SHA instructions) and the
 * curve arithmetic is Bouncy Castle's for P-256: together about a seventh of the JDK 17 {@code
 * SHA256withECDSA}'s time on a 120 KB platform batch, which the gateway checks for every batch.
 */
public final class EcdsaP256Verifier implements Verifier {
  private final ECPublicKeyParameters publicKey;

  private EcdsaP256Verifier(ECPublicKeyParameters publicKey) {
    this.publicKey = publicKey;
  }

  /** A verifier for a P-256 public key. */
  public static EcdsaP256Verifier of(PublicKey publicKey) {
    if (!P256.isP256(publicKey)) {
      throw new IllegalArgumentException(
          "publicKey: got " + publicKey.getAlgorithm() + ", want an EC P-256 key");
    }
    java.security.spec.ECPoint w = ((ECPublicKey) publicKey).getW();
    // The constructor checks that the point lies on the curve and in its group.
    return new EcdsaP256Verifier(
        new ECPublicKeyParameters(
            P256.DOMAIN.getCurve().createPoint(w.getAffineX(), w.getAffineY()), P256.DOMAIN));
  }

  /** A verifier for the key of a certificate. */
  public static EcdsaP256Verifier fromCertificate(X509Certificate certificate) {
    return of(certificate.getPublicKey());
  }

  @Override
  public boolean verify(SignatureContext context, byte[] message, byte[] signature) {
    return verifyDigest(context.digest(message), signature);
  }

  /**
   * Whether {@code signature} signs exactly {@code message}, with no context: test vectors only.
   */
  boolean verifyBytes(byte[] message, byte[] signature) {
    return verifyDigest(P256.sha256(message), signature);
  }

  private boolean verifyDigest(byte[] digest, byte[] signature) {
    BigInteger[] rs = canonical(signature);
    if (rs == null) {
      return false;
    }
    ECDSASigner ecdsa = new ECDSASigner();
    ecdsa.init(false, publicKey);
    return ecdsa.verifySignature(digest, rs[0], rs[1]);
  }

  /**
   * {@code r} and {@code s} of a SEQUENCE of two integers in [1, n-1], DER-encoded with nothing
   * trailing; null for anything else. The range check is made here, not left to a library, so that
   * no leniency (the "psychic signatures" flaw accepted r = s = 0) can matter.
   */
  private static BigInteger[] canonical(byte[] signature) {
    if (signature == null || signature.length == 0 || signature.length > 72) {
      return null;
    }
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
      if (sequence.size() != 2
          || !Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), signature)) {
        return null;
      }
      BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
      return inRange(r) && inRange(s) ? new BigInteger[] {r, s} : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean inRange(BigInteger value) {
    return value.signum() > 0 && value.compareTo(P256.order()) < 0;
  }
}
