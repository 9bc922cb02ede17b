package io.shiftproof.schemas.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shiftproof.schemas.merkle.Rfc6962;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Where each element of a batch's {@code events} array lies in the body, valid or not, in order:
 * the byte range a platform's signature covers event by event (the leaves of its events root,
 * {@link BatchSignature}).
 *
 * <p>In JSON an element runs from its first byte to its last, without the whitespace or comma
 * around it; in Avro it is the binary encoding of the i-th record of the array, without the array's
 * block counts. These exact bytes are what is later shown of one event without the rest of its
 * batch, so they are taken from the body as sent, never re-encoded.
 */
public final class EventSpans {
  private static final JsonFactory JSON = new JsonFactory();

  private final BatchEncoding encoding;
  private final int[] bounds;
  private final int count;

  private EventSpans(BatchEncoding encoding, int[] bounds, int count) {
    this.encoding = encoding;
    this.bounds = bounds;
    this.count = count;
  }

  /**
   * The spans of {@code body}'s events, JSON or Avro by its first bytes ({@link
   * BatchEncoding#sniff}). A body that is not a readable batch at all has no events: its signature
   * still binds its hash, and the hub refuses it as malformed before it looks at the signature.
   */
  public static EventSpans of(byte[] body) {
    Objects.requireNonNull(body, "body");
    if (BatchEncoding.sniff(body) == BatchEncoding.JSON) {
      return ofJson(body);
    }
    try {
      return ofAvro(body);
    } catch (IllegalArgumentException unreadable) {
      return new Builder(BatchEncoding.AVRO).build();
    }
  }

  /**
   * The spans of a JSON body's top-level {@code events} array (the first, should it repeat); none
   * when the body is not a JSON object with such an array.
   */
  public static EventSpans ofJson(byte[] body) {
    Builder spans = new Builder(BatchEncoding.JSON);
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return spans.build();
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("events".equals(name) && value == JsonToken.START_ARRAY) {
          for (JsonToken e = p.nextToken(); e != null && e != JsonToken.END_ARRAY; ) {
            int start = jsonStart(p);
            p.skipChildren();
            spans.add(start, jsonEnd(p, body, start));
            e = p.nextToken();
          }
          return spans.build();
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      // Not JSON: no events to sign one by one; the hub refuses the body as malformed anyway.
    }
    return spans.build();
  }

  /**
   * The spans of an Avro single-object {@code EventBatch}, walked with the writer schema its
   * fingerprint names.
   *
   * @throws IllegalArgumentException when the body has no header, an unknown fingerprint or is cut
   *     short
   */
  public static EventSpans ofAvro(byte[] body) {
    return ofAvro(body, AvroBatchReader.HISTORY);
  }

  static EventSpans ofAvro(byte[] body, SchemaHistory history) {
    if (!SingleObjectEncoding.hasHeader(body)) {
      throw new IllegalArgumentException(
          "body: got no Avro single-object header (C3 01, 8-byte fingerprint)");
    }
    long fingerprint = SingleObjectEncoding.readFingerprint(body);
    Schema writer = history.writerOrNull(fingerprint);
    if (writer == null) {
      throw new IllegalArgumentException(
          "body: schema fingerprint " + SingleObjectEncoding.hex(fingerprint) + " is unknown");
    }
    try {
      return new AvroWalk(body).batch(writer);
    } catch (RuntimeException e) {
      // Any bytes may come here to be signed: a union branch, a length or a count out of range is
      // a malformed body, whatever the walk trips over first.
      throw new IllegalArgumentException("body: got malformed Avro (" + e.getMessage() + ")", e);
    }
  }

  /** The byte offset at which the current token (an element's first) starts. */
  static int jsonStart(JsonParser p) {
    return Math.toIntExact(p.currentTokenLocation().getByteOffset());
  }

  /**
   * The offset just past the element whose first byte is at {@code start}, once the parser is on
   * its last token: past the closing bracket of an object or array, or past a scalar, which is read
   * here from the body (Jackson does not finish a string until asked).
   */
  static int jsonEnd(JsonParser p, byte[] body, int start) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
      return Math.toIntExact(p.currentTokenLocation().getByteOffset()) + 1;
    }
    int i = start;
    if (body[i] == '"') {
      for (i++; i < body.length && body[i] != '"'; i++) {
        if (body[i] == '\\') {
          i++;
        }
      }
      return Math.min(i + 1, body.length);
    }
    while (i < body.length && !endsScalar(body[i])) {
      i++;
    }
    return i;
  }

  private static boolean endsScalar(byte b) {
    return b == ',' || b == ']' || b == '}' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  /** How the body is encoded. */
  public BatchEncoding encoding() {
    return encoding;
  }

  /** The number of elements. */
  public int count() {
    return count;
  }

  /** The offset of element {@code index}'s first byte. */
  public int start(int index) {
    Objects.checkIndex(index, count);
    return bounds[2 * index];
  }

  /** The offset just past element {@code index}'s last byte. */
  public int end(int index) {
    Objects.checkIndex(index, count);
    return bounds[2 * index + 1];
  }

  /** A copy of element {@code index}'s bytes in {@code body}. */
  public byte[] element(byte[] body, int index) {
    return Arrays.copyOfRange(body, start(index), end(index));
  }

  /** Each element's RFC 6962 leaf hash, packed 32 bytes apiece in order. */
  public byte[] leafHashes(byte[] body) {
    MessageDigest digest = Rfc6962.newDigest();
    byte[] packed = new byte[count * Rfc6962.HASH_LENGTH];
    for (int i = 0; i < count; i++) {
      int start = bounds[2 * i];
      Rfc6962.leafHash(
          digest, body, start, bounds[2 * i + 1] - start, packed, i * Rfc6962.HASH_LENGTH);
    }
    return packed;
  }

  /** Collects spans in order, as a reader meets the elements. */
  static final class Builder {
    private final BatchEncoding encoding;
    private int[] bounds = new int[64];
    private int count;

    Builder(BatchEncoding encoding) {
      this.encoding = encoding;
    }

    void add(int start, int end) {
      if (2 * count + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[2 * count] = start;
      bounds[2 * count + 1] = end;
      count++;
    }

    EventSpans build() {
      return new EventSpans(encoding, bounds, count);
    }
  }

  /**
   * Walks an Avro datum by its writer schema without decoding it, noting where each record of the
   * {@code events} array starts and ends.
   */
  private static final class AvroWalk {
    private final byte[] b;
    private int pos = SingleObjectEncoding.HEADER_LENGTH;

    AvroWalk(byte[] b) {
      this.b = b;
    }

    EventSpans batch(Schema writer) {
      Builder spans = new Builder(BatchEncoding.AVRO);
      for (Schema.Field field : writer.getFields()) {
        if (!"events".equals(field.name())) {
          skip(field.schema());
          continue;
        }
        Schema item = field.schema().getElementType();
        for (long n = readLong(); n != 0; n = readLong()) {
          if (n < 0) {
            readLong(); // the block's byte size; each item is still walked for its span
            n = -n;
          }
          for (long i = 0; i < n; i++) {
            int start = pos;
            skip(item);
            spans.add(start, pos);
          }
        }
      }
      if (pos != b.length) {
        throw new IllegalStateException((b.length - pos) + " bytes after the datum");
      }
      return spans.build();
    }

    private void skip(Schema s) {
      switch (s.getType()) {
        case NULL -> {}
        case BOOLEAN -> advance(1);
        case INT, LONG, ENUM -> readLong();
        case FLOAT -> advance(4);
        case DOUBLE -> advance(8);
        case STRING, BYTES -> advance(readLong());
        case FIXED -> advance(s.getFixedSize());
        case ARRAY -> skipBlocks(s.getElementType(), false);
        case MAP -> skipBlocks(s.getValueType(), true);
        case UNION -> skip(s.getTypes().get(Math.toIntExact(readLong())));
        case RECORD -> {
          for (Schema.Field f : s.getFields()) {
            skip(f.schema());
          }
        }
      }
    }

    private void skipBlocks(Schema item, boolean keyed) {
      for (long n = readLong(); n != 0; n = readLong()) {
        if (n < 0) {
          advance(readLong());
          continue;
        }
        for (long i = 0; i < n; i++) {
          if (keyed) {
            advance(readLong());
          }
          skip(item);
        }
      }
    }

    private void advance(long length) {
      if (length < 0 || length > b.length - pos) {
        throw new IllegalStateException("a length of " + length + " past the end");
      }
      pos += (int) length;
    }

    /** A zig-zag varint long. */
    private long readLong() {
      long raw = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift > 63) {
          throw new IllegalStateException("a varint longer than 10 bytes");
        }
        int x = b[pos++] & 0xff;
        raw |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          break;
        }
      }
      return (raw >>> 1) ^ -(raw & 1);
    }
  }
}
