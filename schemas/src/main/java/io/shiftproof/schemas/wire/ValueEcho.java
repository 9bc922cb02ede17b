package io.shiftproof.schemas.wire;

/**
 * Renders client-supplied values for error messages: quoted, with control characters and unpaired
 * surrogates escaped, and cut to a few dozen characters so that a huge or hostile input never ends
 * up whole in a response or a log line. Every error message of the hub that repeats client input
 * renders it here, so the bound holds everywhere.
 */
public final class ValueEcho {
  /** The most characters of a client's value an error message repeats. */
  public static final int MAX_ECHO_CHARS = 40;

  private ValueEcho() {}

  /** The value as a quoted, escaped string of at most {@link #MAX_ECHO_CHARS} characters. */
  public static String quote(String value) {
    return quote(value, MAX_ECHO_CHARS);
  }

  /** Like {@link #quote(String)} with a chosen length limit. */
  public static String quote(String value, int maxChars) {
    int shown = Math.min(value.length(), maxChars);
    StringBuilder out = new StringBuilder(shown + 24).append('"');
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !pairedAt(value, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (value.length() > shown) {
      out.append("… (").append(value.length()).append(" chars)");
    }
    return out.toString();
  }

  /** Free text from a library (e.g. a parser's reason) made safe for a message. */
  public static String reason(String text) {
    if (text == null || text.isEmpty()) {
      return "no detail";
    }
    String quoted = quote(text.strip(), 120);
    return quoted.substring(1, quoted.lastIndexOf('"'));
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
