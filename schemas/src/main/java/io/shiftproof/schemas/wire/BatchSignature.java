package io.shiftproof.schemas.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * A platform's signature over a batch exactly as it sends it: ECDSA P-256 with SHA-256 over {@code
 * "shiftproof/platform-batch/v1" || 0x00 || body}, made with the private key of the client
 * certificate the batch travels under, DER-encoded, base64 (standard alphabet, padded) in the
 * {@value #HEADER} header. The same bytes in another encoding are another body: a platform signs
 * what it sends and sends what it signed.
 *
 * <p>The context string keeps a batch signature from being replayed as any other kind of signed
 * message (the hub's {@code SignatureContext} lists every kind; this is its {@code
 * PLATFORM_BATCH}). It is written out here as well so that a platform's service can sign with
 * nothing but this wire-format module and the JDK.
 */
public final class BatchSignature {
  /** The request header that carries the signature. */
  public static final String HEADER = "Shiftproof-Batch-Signature";

  /** The context string every batch signature's signed bytes start with. */
  public static final String CONTEXT = "shiftproof/platform-batch/v1";

  private static final String ALGORITHM = "SHA256withECDSA";

  private BatchSignature() {}

  /** The header value for {@code body}: the platform's signature, base64. */
  public static String sign(PrivateKey platformKey, byte[] body) {
    Objects.requireNonNull(platformKey, "platformKey");
    if (!"EC".equals(platformKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "platformKey: got " + platformKey.getAlgorithm() + ", want the EC P-256 certificate key");
    }
    try {
      Signature ecdsa = Signature.getInstance(ALGORITHM);
      ecdsa.initSign(platformKey);
      ecdsa.update(signedBytes(body));
      return Base64.getEncoder().encodeToString(ecdsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("platformKey: cannot sign with it: " + e.getMessage(), e);
    }
  }

  /** The bytes a batch signature covers: {@code context || 0x00 || body}. */
  public static byte[] signedBytes(byte[] body) {
    Objects.requireNonNull(body, "body");
    byte[] context = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[context.length + 1 + body.length];
    System.arraycopy(context, 0, framed, 0, context.length);
    System.arraycopy(body, 0, framed, context.length + 1, body.length);
    return framed;
  }
}
