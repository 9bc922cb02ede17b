package io.shiftproof.ledger.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
  private static final JsonFactory FACTORY = new JsonFactory();

  private CanonicalJson() {}

  /** The canonical bytes of the JSON text {@code json}. */
  public static byte[] canonicalize(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("json: got no value, want one JSON value");
      }
      StringBuilder out = new StringBuilder(json.length);
      write(read(parser), out);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("json: got text after the value, want one JSON value");
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("json: not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The canonical bytes of the JSON text {@code json}. */
  public static byte[] canonicalize(String json) {
    return canonicalize(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Object read(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        // Sorted by UTF-16 code units, which is String's natural order.
        Map<String, Object> members = new TreeMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String name = p.currentName();
          p.nextToken();
          if (members.put(name, read(p)) != null) {
            throw new IllegalArgumentException("json: member \"" + name + "\" appears twice");
          }
        }
        return members;
      }
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p));
        }
        return items;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getBigIntegerValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default ->
          throw new IllegalArgumentException(
              "json: got " + p.currentToken() + ", want only integers among numbers");
    }
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> m : ((Map<String, Object>) map).entrySet()) {
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
    } else {
      out.append(value); // BigInteger, Boolean, or null
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
