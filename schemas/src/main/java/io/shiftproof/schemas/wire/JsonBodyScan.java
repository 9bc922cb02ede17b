package io.shiftproof.schemas.wire;

/**
 * A single pass over a JSON body before parsing that finds invalid UTF-8 and raw control bytes.
 *
 * <p>Jackson checks UTF-8 only inside the tokens it decodes and auto-detects UTF-16/32 from NUL
 * bytes, so without this pass a UTF-16 body or an overlong or surrogate encoding could slip
 * through. Raw control bytes other than tab, CR and LF are never valid in JSON text; rejecting them
 * here also rules out UTF-16/32. The pass is cheap next to parsing (ASCII fast path).
 */
final class JsonBodyScan {
  private JsonBodyScan() {}

  /** A message describing the first problem, or {@code null} when the body is clean UTF-8. */
  static String problemOrNull(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i];
      if (c >= 0x20) {
        i++;
        continue;
      }
      if (c >= 0) {
        if (c == '\t' || c == '\n' || c == '\r') {
          i++;
          continue;
        }
        return "body: got control byte 0x%02x at offset %d, want UTF-8 JSON (escape control characters in strings)"
            .formatted(c, i);
      }
      int length = sequenceLength(b, i);
      if (length < 0) {
        return "body: got invalid UTF-8 at byte offset %d, want UTF-8 JSON".formatted(i);
      }
      i += length;
    }
    return null;
  }

  /** Length of the well-formed multi-byte sequence at {@code i} (RFC 3629 table), or -1. */
  private static int sequenceLength(byte[] b, int i) {
    int lead = b[i] & 0xff;
    int n = b.length;
    if (lead >= 0xc2 && lead <= 0xdf) {
      return i + 1 < n && isContinuation(b[i + 1]) ? 2 : -1;
    }
    if (lead >= 0xe0 && lead <= 0xef) {
      if (i + 2 >= n) {
        return -1;
      }
      int second = b[i + 1] & 0xff;
      // E0 needs A0..BF (no overlongs); ED needs 80..9F (no UTF-16 surrogates).
      int min = lead == 0xe0 ? 0xa0 : 0x80;
      int max = lead == 0xed ? 0x9f : 0xbf;
      return second >= min && second <= max && isContinuation(b[i + 2]) ? 3 : -1;
    }
    if (lead >= 0xf0 && lead <= 0xf4) {
      if (i + 3 >= n) {
        return -1;
      }
      int second = b[i + 1] & 0xff;
      // F0 needs 90..BF (no overlongs); F4 needs 80..8F (nothing above U+10FFFF).
      int min = lead == 0xf0 ? 0x90 : 0x80;
      int max = lead == 0xf4 ? 0x8f : 0xbf;
      return second >= min && second <= max && isContinuation(b[i + 2]) && isContinuation(b[i + 3])
          ? 4
          : -1;
    }
    return -1;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xc0) == 0x80;
  }
}
