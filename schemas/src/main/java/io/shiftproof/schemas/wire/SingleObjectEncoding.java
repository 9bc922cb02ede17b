package io.shiftproof.schemas.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Avro's single-object encoding: {@code C3 01}, then the writer schema's CRC-64-AVRO fingerprint
 * (of its parsing canonical form) in little-endian order, then the Avro binary datum.
 *
 * <p>Writing is Avro's own {@link BinaryMessageEncoder}. Reading the header is done here because
 * the datum after it goes through {@link BoundedBinaryDecoder}, which Avro's {@code
 * BinaryMessageDecoder} cannot be given (see {@link SingleObjectReader}).
 */
final class SingleObjectEncoding {
  static final int HEADER_LENGTH = 10;

  /**
   * The marker of version 1 of the encoding, from the Avro specification. Avro's own constant
   * ({@code BinaryMessageEncoder.V1_HEADER}) is not public; {@code AvroMessageInteropTest} checks
   * that Avro writes and reads the same bytes.
   */
  private static final byte MARKER_0 = (byte) 0xC3;

  private static final byte MARKER_1 = (byte) 0x01;

  private SingleObjectEncoding() {}

  static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /**
   * The datum in single-object encoding. Pass an encoder made with {@code shouldCopy} false: the
   * copy made here is then the only one, from Avro's per-thread buffer. That buffer stays as large
   * as the largest datum its thread wrote, which for events, seal requests and day records is
   * small; only a client writing huge batches keeps up to one body's size per thread.
   */
  static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T datum) {
    try {
      ByteBuffer encoded = encoder.encode(datum);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      // Writing to memory does not fail; an IOException here is a bug.
      throw new UncheckedIOException(e);
    }
  }

  static boolean hasHeader(byte[] body) {
    return body.length >= HEADER_LENGTH && body[0] == MARKER_0 && body[1] == MARKER_1;
  }

  /** The fingerprint in a body that {@link #hasHeader has the header}. */
  static long readFingerprint(byte[] body) {
    return ByteBuffer.wrap(body, 2, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /**
   * Writes the header of {@code fingerprint} at the start of {@code target}, as Avro would; tests
   * forge bodies under any fingerprint with it.
   */
  static void writeHeader(byte[] target, long fingerprint) {
    target[0] = MARKER_0;
    target[1] = MARKER_1;
    ByteBuffer.wrap(target, 2, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
  }

  static String hex(long fingerprint) {
    return String.format("0x%016x", fingerprint);
  }
}
