package io.shiftproof.schemas.wire;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits the {@link BatchDecoder} enforces.
 *
 * @param maxEvents most events one batch may carry (default 5000)
 * @param maxFutureSkew how far ahead of the hub's clock an occurredAt may be (default 5 minutes)
 * @param maxBodyBytes largest body accepted in bytes (default 8 MiB, room for 5000 events with long
 *     ids)
 */
public record BatchLimits(int maxEvents, Duration maxFutureSkew, int maxBodyBytes) {
  public static final int DEFAULT_MAX_EVENTS = 5000;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

  public BatchLimits {
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents: got " + maxEvents + ", want at least 1");
    }
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException(
          "maxFutureSkew: got " + maxFutureSkew + ", want zero or positive");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes: got " + maxBodyBytes + ", want at least 1");
    }
  }

  /** Limits with the default body size. */
  public BatchLimits(int maxEvents, Duration maxFutureSkew) {
    this(maxEvents, maxFutureSkew, DEFAULT_MAX_BODY_BYTES);
  }

  /** The defaults of docs/design.md §4: 5000 events, 5 minutes of future skew, 8 MiB. */
  public static BatchLimits defaults() {
    return new BatchLimits(DEFAULT_MAX_EVENTS, DEFAULT_MAX_FUTURE_SKEW, DEFAULT_MAX_BODY_BYTES);
  }
}
