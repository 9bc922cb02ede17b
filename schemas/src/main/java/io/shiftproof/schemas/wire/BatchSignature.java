package io.shiftproof.schemas.wire;

import io.shiftproof.schemas.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * A platform's signature over a batch exactly as it sends it, provable one event at a time: ECDSA
 * P-256 with SHA-256 over
 *
 * <pre>"shiftproof/platform-batch/v2" || 0x00 || SHA-256(body) || eventsRoot</pre>
 *
 * (the last two 32 bytes each), made with the private key of the client certificate the batch
 * travels under, DER-encoded, base64 (standard alphabet, padded) in the {@value #HEADER} header.
 *
 * <p>{@code eventsRoot} is the RFC 6962 Merkle tree hash with one leaf per element of the body's
 * {@code events} array, valid or not, in order: leaf {@code i} is {@code SHA-256(0x00 || bytes of
 * events[i])}, those bytes exactly as they lie in the body ({@link EventSpans}). The body hash
 * binds the whole batch as sent, as the first version did; the root lets one event later be shown
 * to be in a batch the platform signed, with its inclusion path, without showing any other event.
 * The same bytes in another encoding are another body: a platform signs what it sends and sends
 * what it signed.
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
  public static final String CONTEXT = "shiftproof/platform-batch/v2";

  /**
   * The first version's context, over the body alone; the hub no longer takes it, and names it only
   * to say so.
   */
  public static final String V1_CONTEXT = "shiftproof/platform-batch/v1";

  /** What a platform signs, in the words of the hub's refusals and of the documentation. */
  public static final String WHAT_TO_SIGN =
      "\""
          + CONTEXT
          + "\", a 0x00 byte, SHA-256 of the exact body, then the RFC 6962 root over the body's"
          + " events (leaf i = SHA-256(0x00 || the exact bytes of events[i] in the body))";

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

  /**
   * The bytes a batch signature covers: {@code context || 0x00 || SHA-256(body) || eventsRoot}, the
   * events found in the body itself ({@link EventSpans#of}).
   */
  public static byte[] signedBytes(byte[] body) {
    Objects.requireNonNull(body, "body");
    return frame(message(sha256(body), eventsRoot(body, EventSpans.of(body))));
  }

  /**
   * What follows the context and separator: {@code bodySha256 || eventsRoot}, the message the hub's
   * {@code SignatureContext.PLATFORM_BATCH} frames.
   */
  public static byte[] message(byte[] bodySha256, byte[] eventsRoot) {
    requireHash(bodySha256, "bodySha256");
    requireHash(eventsRoot, "eventsRoot");
    byte[] message = new byte[2 * Rfc6962.HASH_LENGTH];
    System.arraycopy(bodySha256, 0, message, 0, Rfc6962.HASH_LENGTH);
    System.arraycopy(eventsRoot, 0, message, Rfc6962.HASH_LENGTH, Rfc6962.HASH_LENGTH);
    return message;
  }

  /** The events root of {@code body} whose elements lie at {@code spans}. */
  public static byte[] eventsRoot(byte[] body, EventSpans spans) {
    return Rfc6962.root(spans.leafHashes(body));
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    MessageDigest digest = Rfc6962.newDigest();
    return digest.digest(bytes);
  }

  private static byte[] frame(byte[] message) {
    byte[] context = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[context.length + 1 + message.length];
    System.arraycopy(context, 0, framed, 0, context.length);
    System.arraycopy(message, 0, framed, context.length + 1, message.length);
    return framed;
  }

  private static void requireHash(byte[] hash, String name) {
    Objects.requireNonNull(hash, name);
    if (hash.length != Rfc6962.HASH_LENGTH) {
      throw new IllegalArgumentException(
          name + ": got " + hash.length + " bytes, want " + Rfc6962.HASH_LENGTH + " (SHA-256)");
    }
  }
}
