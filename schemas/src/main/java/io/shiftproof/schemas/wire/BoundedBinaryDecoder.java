package io.shiftproof.schemas.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over a byte array that never trusts a length from the input.
 *
 * <p>Avro's own {@code BinaryDecoder} allocates a string or array of whatever length the input
 * claims before it finds the input too short, so a few hostile bytes can demand gigabytes. Here
 * every length is checked against the bytes that remain (every item of the schemas in this module
 * takes at least one byte) and against explicit limits, and strings must be valid UTF-8 instead of
 * being silently repaired.
 */
final class BoundedBinaryDecoder extends Decoder {
  private final byte[] buf;
  private final int limit;
  private final int maxStringBytes;
  private final long maxItems;
  private final ErrorCode tooManyItemsCode;
  private final String tooManyItemsMessage;
  private int pos;
  private long items;

  /**
   * @param maxItems most items over all arrays and maps of the datum
   * @param tooManyItemsCode the code reported when {@code maxItems} is exceeded
   */
  BoundedBinaryDecoder(
      byte[] buf,
      int offset,
      int maxStringBytes,
      long maxItems,
      ErrorCode tooManyItemsCode,
      String tooManyItemsMessage) {
    this.buf = buf;
    this.pos = offset;
    this.limit = buf.length;
    this.maxStringBytes = maxStringBytes;
    this.maxItems = maxItems;
    this.tooManyItemsCode = tooManyItemsCode;
    this.tooManyItemsMessage = tooManyItemsMessage;
  }

  /** Bytes not yet consumed; non-zero after a complete datum means trailing garbage. */
  int remaining() {
    return limit - pos;
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() throws IOException {
    int b = readByte();
    if (b > 1) {
      throw new IOException("boolean byte " + b + " is neither 0 nor 1");
    }
    return b == 1;
  }

  @Override
  public int readInt() throws IOException {
    long value = readVarLong(5);
    int raw = (int) value;
    if (value != (raw & 0xffffffffL)) {
      throw new IOException("int varint out of range");
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  @Override
  public long readLong() throws IOException {
    long raw = readVarLong(10);
    return (raw >>> 1) ^ -(raw & 1);
  }

  @Override
  public float readFloat() throws IOException {
    require(4);
    int bits =
        (buf[pos] & 0xff)
            | (buf[pos + 1] & 0xff) << 8
            | (buf[pos + 2] & 0xff) << 16
            | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    require(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = bits << 8 | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    return new Utf8(readString());
  }

  @Override
  public String readString() throws IOException {
    int length = readLength("string");
    if (length > maxStringBytes) {
      throw new AvroLimitException(
          ErrorCode.VALUE_TOO_LARGE,
          "body: got a string of " + length + " bytes, want at most " + maxStringBytes);
    }
    int start = pos;
    pos += length;
    for (int i = start; i < pos; i++) {
      if (buf[i] < 0) {
        return decodeUtf8Strictly(start, length);
      }
    }
    // All ASCII: every byte is its own char, the cheapest correct conversion.
    return new String(buf, start, length, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void skipString() throws IOException {
    pos += readLength("string");
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = readLength("bytes");
    ByteBuffer result = ByteBuffer.wrap(buf, pos, length).slice();
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    pos += readLength("bytes");
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    require(length);
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    require(length);
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return readItemCount();
  }

  @Override
  public long arrayNext() throws IOException {
    return readItemCount();
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks();
  }

  @Override
  public long readMapStart() throws IOException {
    return readItemCount();
  }

  @Override
  public long mapNext() throws IOException {
    return readItemCount();
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks();
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  private long readItemCount() throws IOException {
    long count = readLong();
    if (count < 0) {
      readLong(); // the block's byte size, only useful for skipping
      count = -count;
    }
    if (count < 0 || count > remaining()) {
      throw new IOException("block of " + count + " items exceeds the remaining input");
    }
    items += count;
    if (items > maxItems) {
      throw new AvroLimitException(tooManyItemsCode, tooManyItemsMessage);
    }
    return count;
  }

  /** Skips blocks that carry their byte size; returns the item count of one that does not. */
  private long skipBlocks() throws IOException {
    long count = readLong();
    while (count < 0) {
      long size = readLong();
      if (size < 0 || size > remaining()) {
        throw new IOException("block of " + size + " bytes exceeds the remaining input");
      }
      pos += (int) size;
      count = readLong();
    }
    if (count > remaining()) {
      throw new IOException("block of " + count + " items exceeds the remaining input");
    }
    return count;
  }

  private int readLength(String what) throws IOException {
    long length = readLong();
    if (length < 0 || length > remaining()) {
      throw new EOFException(what + " of " + length + " bytes exceeds the remaining input");
    }
    return (int) length;
  }

  private long readVarLong(int maxBytes) throws IOException {
    long value = 0;
    for (int i = 0; i < maxBytes; i++) {
      int b = readByte();
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("varint longer than " + maxBytes + " bytes");
  }

  private int readByte() throws IOException {
    if (pos >= limit) {
      throw new EOFException("unexpected end of input");
    }
    return buf[pos++] & 0xff;
  }

  private void require(int length) throws IOException {
    if (length < 0 || length > remaining()) {
      throw new EOFException("unexpected end of input");
    }
  }

  private String decodeUtf8Strictly(int start, int length) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(buf, start, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new IOException("string is not valid UTF-8", e);
    }
  }
}
