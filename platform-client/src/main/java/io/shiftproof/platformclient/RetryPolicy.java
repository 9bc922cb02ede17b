package io.shiftproof.platformclient;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the client resends a request the hub answered busy ({@code 429},
 * {@code 503}) or could not be reached for: the hub's {@code Retry-After} when it gives one, else
 * exponential backoff with jitter. Resending is safe: events are de-duplicated by (platform,
 * eventId), and an evaluation has no effect but its answer.
 *
 * @param attempts tries in all, the first included
 * @param firstBackoff the wait before the second try without Retry-After
 * @param maxBackoff the longest wait between tries
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
  public RetryPolicy {
    if (attempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "retry policy: got "
              + attempts
              + " attempts, backoff "
              + firstBackoff
              + " to "
              + maxBackoff
              + "; want at least 1 attempt and 0 <= first <= max");
    }
  }

  /** Eight tries over about half a minute. */
  public static RetryPolicy standard() {
    return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(10));
  }

  /** The wait before try {@code attempt + 1} after try {@code attempt} (1-based) failed. */
  Duration backoff(int attempt) {
    long max = maxBackoff.toMillis();
    long exponential = Math.min(max, firstBackoff.toMillis() << Math.min(20, attempt - 1));
    // Full jitter: platforms retrying together do not come back together.
    return Duration.ofMillis(
        ThreadLocalRandom.current().nextLong(exponential / 2, exponential + 1));
  }
}
