package io.shiftproof.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Small, readable JSON batches for tests. */
public final class Batches {
  private Batches() {}

  /** A well-formed pseudonym derived from a number. */
  public static String workerRef(int n) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("worker-" + n).getBytes(StandardCharsets.UTF_8));
      return "wr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A recent timestamp, minutes ago, in China Standard Time. */
  public static String minutesAgo(int minutes) {
    return OffsetDateTime.now(ZoneOffset.ofHours(8))
        .minusMinutes(minutes)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** A valid ONLINE event as JSON. */
  public static String online(String eventId, int worker) {
    return "{\"eventId\":\"%s\",\"workerRef\":\"%s\",\"sessionId\":\"s-%d\",\"type\":\"ONLINE\",\"occurredAt\":\"%s\"}"
        .formatted(eventId, workerRef(worker), worker, minutesAgo(10));
  }

  /** A batch of the given event JSON objects. */
  public static String batch(String batchId, List<String> events) {
    return "{\"batchId\":\"" + batchId + "\",\"events\":[" + String.join(",", events) + "]}";
  }

  /** A batch of {@code count} valid events with ids {@code prefix-0 .. prefix-(count-1)}. */
  public static String validBatch(String batchId, String prefix, int count) {
    return batch(
        batchId,
        java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> online(prefix + "-" + i, i))
            .collect(Collectors.toList()));
  }
}
