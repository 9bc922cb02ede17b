package io.shiftproof.pseudonyms;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An evaluator's published key {@code pkS = skS·G}: what a client checks each evaluation's proof
 * against. Compressed SEC1 form, 33 bytes, base64url without padding on the wire.
 */
public final class EvaluationPublicKey {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  final ECPoint point;
  private final byte[] encoded;

  EvaluationPublicKey(ECPoint point) {
    this.point = point.normalize();
    this.encoded = P256Group.serializeElement(this.point);
  }

  /** A published key from its 33 bytes; refuses anything that is no valid point. */
  public static EvaluationPublicKey fromBytes(byte[] bytes) {
    return new EvaluationPublicKey(P256Group.deserializeElement(bytes, "publicKey"));
  }

  /** A published key from its base64url form. */
  public static EvaluationPublicKey fromBase64(String text) {
    return fromBytes(WireBytes.decode(text, "publicKey"));
  }

  public byte[] toBytes() {
    return encoded.clone();
  }

  public String toBase64() {
    return BASE64URL.encodeToString(encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvaluationPublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return toBase64();
  }
}
