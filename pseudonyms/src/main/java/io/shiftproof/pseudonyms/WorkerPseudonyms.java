package io.shiftproof.pseudonyms;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;

/**
 * How a worker's national identifier becomes the VOPRF input, and how the VOPRF output becomes a
 * {@code workerRef}. Every platform must produce the same bytes for the same person, or one worker
 * would get one pseudonym per platform and the hub could not join their time.
 *
 * <p>The normal form: Unicode NFKC (full-width digits and letters become ASCII), every whitespace
 * character and hyphen removed, upper case; what remains must be 1 to 64 ASCII letters and digits.
 * The input is then {@code "shiftproof-worker-v1:" + normal form} in UTF-8, so an identifier can
 * never collide with a VOPRF input of any other use.
 */
public final class WorkerPseudonyms {
  /** Names the input's normal form; a new form would be a new prefix and new pseudonyms. */
  public static final String INPUT_PREFIX = "shiftproof-worker-v1:";

  /** Longest normal form accepted. */
  public static final int MAX_ID_CHARS = 64;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private WorkerPseudonyms() {}

  /**
   * The normal form of a national identifier. The message of a refusal says what is wrong without
   * repeating the identifier, which must not reach a log.
   */
  public static String normalForm(String nationalId) {
    String folded = Normalizer.normalize(nationalId, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(folded.length());
    int other = 0;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isWhitespace(c) || c == '-') {
        continue;
      }
      char upper = Character.toUpperCase(c);
      if ((upper >= 'A' && upper <= 'Z') || (upper >= '0' && upper <= '9')) {
        out.append(upper);
      } else {
        other++;
      }
    }
    if (other > 0 || out.isEmpty() || out.length() > MAX_ID_CHARS) {
      throw new IllegalArgumentException(
          "nationalId: got "
              + out.length()
              + " letters and digits and "
              + other
              + " other characters, want 1 to "
              + MAX_ID_CHARS
              + " letters and digits (spaces and hyphens are ignored)");
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** The VOPRF input for a national identifier: the prefixed normal form in UTF-8. */
  public static byte[] input(String nationalId) {
    return (INPUT_PREFIX + normalForm(nationalId)).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code wr_} + base64url without padding of the 32-byte Finalize output: 43 characters. */
  public static String workerRef(byte[] output) {
    if (output.length != VoprfSuite.OUTPUT_BYTES) {
      throw new IllegalArgumentException(
          "output: got " + output.length + " bytes, want " + VoprfSuite.OUTPUT_BYTES);
    }
    return "wr_" + BASE64URL.encodeToString(output);
  }
}
