package io.shiftproof.schemas.wire;

/**
 * The character-level rules of docs/design.md §4, as plain loops: they run for every field of every
 * ingested event, where a regular expression would dominate the cost. The workerRef rule is in
 * {@link WorkerRefs}, as the query routes share it.
 */
final class WireRules {
  static final int MAX_ID_CHARS = 128;
  static final int MAX_REF_CHARS = 64;
  static final int MAX_CELL_CHARS = 6;
  static final String GEOHASH_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

  private static final boolean[] GEOHASH = new boolean[128];

  static {
    for (char c : GEOHASH_ALPHABET.toCharArray()) {
      GEOHASH[c] = true;
    }
  }

  private WireRules() {}

  /** 1 to 128 printable ASCII characters without spaces (eventId, batchId). */
  static boolean isPrintableId(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_ID_CHARS) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * 1 to {@code maxChars} characters, none a control character or an unpaired surrogate (sessionId,
   * taskRef). Unpaired surrogates are refused because they cannot be encoded as UTF-8: the value
   * would change on its way to Avro and two ids could collide.
   */
  static boolean isPlainText(String s, int maxChars) {
    int n = s.length();
    if (n == 0 || n > maxChars) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A geohash of 1 to 6 characters of the geohash alphabet (lower case). */
  static boolean isCell(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_CELL_CHARS) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 128 || !GEOHASH[c]) {
        return false;
      }
    }
    return true;
  }

  /** The event type of an exact, case-sensitive name, or {@code null}. */
  static WorkEventType eventTypeOrNull(String s) {
    return switch (s) {
      case "ONLINE" -> WorkEventType.ONLINE;
      case "OFFLINE" -> WorkEventType.OFFLINE;
      case "TASK_ASSIGNED" -> WorkEventType.TASK_ASSIGNED;
      case "TASK_STARTED" -> WorkEventType.TASK_STARTED;
      case "TASK_COMPLETED" -> WorkEventType.TASK_COMPLETED;
      case "TASK_CANCELLED" -> WorkEventType.TASK_CANCELLED;
      case "HEARTBEAT" -> WorkEventType.HEARTBEAT;
      default -> null;
    };
  }
}
