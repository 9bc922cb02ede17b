package io.shiftproof.ledger.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document held as plain Java values, enough to read a bundle, take parts of it out and
 * canonicalize them. Objects are {@link LinkedHashMap}s in document order, arrays {@link List}s,
 * numbers {@link BigInteger}s, and JSON null is {@link #NULL}.
 *
 * <p>The ledger module has only Jackson's streaming API; a tree this small is cheaper than a new
 * dependency. Like {@link CanonicalJson} it refuses duplicate members and non-integer numbers, so
 * that what is checked and what is signed can never be read two ways.
 */
public final class JsonTree {
  /** JSON null: a value of its own, so that a missing member and null are told apart. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  /**
   * The value of the JSON text {@code json}.
   *
   * @throws IllegalArgumentException if it is not one JSON value with integer numbers only
   */
  public static Object parse(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        throw new IllegalArgumentException("json: got no value, want one JSON value");
      }
      Object value = read(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("json: got text after the value, want one JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("json: not valid JSON: " + e.getMessage(), e);
    }
  }

  private static Object read(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> members = new LinkedHashMap<>();
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
        return NULL;
      }
      default ->
          throw new IllegalArgumentException(
              "json: got " + p.getText() + ", want only integers among numbers");
    }
  }

  /** Writes {@code value} with {@code json}. */
  public static void write(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        json.writeFieldName((String) member.getKey());
        write(json, member.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        write(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof BigInteger n) {
      json.writeNumber(n);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value == NULL) {
      json.writeNull();
    } else {
      throw new IllegalArgumentException("value: got " + value.getClass() + ", want a JSON value");
    }
  }

  /** The compact JSON text of {@code value}. */
  public static byte[] toBytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }
}
