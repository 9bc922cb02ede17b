package io.shiftproof.schemas.wire;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The framing of Avro single-object encoding: {@code C3 01}, then the writer schema's CRC-64-AVRO
 * fingerprint (of its parsing canonical form) in little-endian order, then the Avro binary datum.
 */
final class SingleObjectEncoding {
  static final int HEADER_LENGTH = 10;
  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = (byte) 0x01;

  private SingleObjectEncoding() {}

  static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  static boolean hasHeader(byte[] body) {
    return body.length >= HEADER_LENGTH && body[0] == MAGIC_0 && body[1] == MAGIC_1;
  }

  /** The fingerprint in a body that {@link #hasHeader has the header}. */
  static long readFingerprint(byte[] body) {
    long fp = 0;
    for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
      fp = fp << 8 | (body[i] & 0xff);
    }
    return fp;
  }

  static void writeHeader(byte[] target, long fingerprint) {
    target[0] = MAGIC_0;
    target[1] = MAGIC_1;
    for (int i = 2; i < HEADER_LENGTH; i++) {
      target[i] = (byte) fingerprint;
      fingerprint >>>= 8;
    }
  }

  static String hex(long fingerprint) {
    return String.format("0x%016x", fingerprint);
  }
}
