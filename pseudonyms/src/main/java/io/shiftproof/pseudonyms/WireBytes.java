package io.shiftproof.pseudonyms;

import java.util.Base64;

/** Elements, scalars and proofs travel as base64url without padding; one decoder for them all. */
public final class WireBytes {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private WireBytes() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** Decodes base64url (padding optional), naming {@code field} when the text is not base64url. */
  public static byte[] decode(String text, String field) {
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_ELEMENT,
          field + ": got text that is not base64url, want base64url without padding");
    }
  }
}
