package io.shiftproof.schemas.wire;

/**
 * The workerRef rule of docs/design.md §4: {@code wr_} plus 43 base64url characters without padding
 * that decode to exactly 32 bytes. Ingest and the query routes both use it, so a worker whose
 * events were accepted can always be queried.
 */
public final class WorkerRefs {
  /** What a valid workerRef looks like, for "got ..., want ..." messages. */
  public static final String WANTED =
      "wr_ followed by 43 base64url characters without padding (32 bytes)";

  /** Base64url characters whose value has its two low bits clear (see {@link #isWorkerRef}). */
  public static final String CANONICAL_LAST_CHARS = "AEIMQUYcgkosw048";

  private static final String PREFIX = "wr_";
  private static final int BASE64_CHARS = 43;

  private WorkerRefs() {}

  /**
   * Whether {@code s} is a canonical workerRef. 43 characters carry 258 bits, so the last
   * character's two low bits must be zero; otherwise two different strings would name the same
   * pseudonym and a worker's events would not join.
   */
  public static boolean isWorkerRef(String s) {
    if (!hasShape(s)) {
      return false;
    }
    int last = -1;
    for (int i = PREFIX.length(); i < s.length(); i++) {
      last = base64UrlValue(s.charAt(i));
      if (last < 0) {
        return false;
      }
    }
    return (last & 0b11) == 0;
  }

  /** Whether a workerRef fails only because its last character is not canonical. */
  public static boolean isNonCanonical(String s) {
    if (!hasShape(s)) {
      return false;
    }
    for (int i = PREFIX.length(); i < s.length(); i++) {
      if (base64UrlValue(s.charAt(i)) < 0) {
        return false;
      }
    }
    return !isWorkerRef(s);
  }

  private static boolean hasShape(String s) {
    return s.length() == PREFIX.length() + BASE64_CHARS && s.startsWith(PREFIX);
  }

  private static int base64UrlValue(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    if (c == '_') {
      return 63;
    }
    return -1;
  }
}
