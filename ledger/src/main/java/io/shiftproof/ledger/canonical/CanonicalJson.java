package io.shiftproof.ledger.canonical;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one byte form of a JSON value that is hashed or signed: RFC 8785 (JCS) for the values this
 * project writes — objects with members sorted by key (UTF-16 code units), arrays, strings,
 * integers, booleans and null, no whitespace. Fractional and exponent numbers are refused rather
 * than given the ECMAScript number form: nothing signed here needs them, and refusing keeps two
 * implementations from disagreeing about one.
 */
public final class CanonicalJson {
  private static final BigInteger MAX_SAFE_INTEGER =
      BigInteger.ONE.shiftLeft(53).subtract(BigInteger.ONE);

  private CanonicalJson() {}

  /** The canonical bytes of the JSON text {@code json}. */
  public static byte[] canonicalize(byte[] json) {
    return canonical(JsonTree.parse(json));
  }

  /** The canonical bytes of the JSON text {@code json}. */
  public static byte[] canonicalize(String json) {
    return canonicalize(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The canonical bytes of a {@link JsonTree} value. */
  public static byte[] canonical(Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      // Sorted by UTF-16 code units, which is String's natural order.
      for (Map.Entry<String, Object> m : new TreeMap<>((Map<String, Object>) map).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(m.getKey(), out);
        out.append(':');
        write(m.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof BigInteger n) {
      // RFC 8785 prints numbers as IEEE doubles: beyond 2^53 an integer is not exact there, and
      // another implementation would print a different (rounded) number.
      if (n.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
        throw new IllegalArgumentException(
            "number: got " + n + ", want at most 2^53 - 1 in magnitude (exact as a double)");
      }
      out.append(n);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value == JsonTree.NULL || value == null) {
      out.append("null");
    } else {
      throw new IllegalArgumentException("value: got " + value.getClass() + ", want a JSON value");
    }
  }

  /** RFC 8785 §3.2.2.2: only '"', '\\' and control characters are escaped. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
