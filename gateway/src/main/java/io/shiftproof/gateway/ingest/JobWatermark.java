package io.shiftproof.gateway.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream job's committed watermark as the gateway sees it, read at most once per {@code
 * maxAge}: every batch needs it, and it moves at the job's checkpoint interval, not per request.
 * Blocking on a refresh; a failed read keeps the last value, since telling a platform less is
 * better than failing its batch.
 */
public final class JobWatermark {
  private static final Logger LOG = LoggerFactory.getLogger(JobWatermark.class);

  private final Supplier<Optional<Instant>> source;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private Optional<Instant> cached = Optional.empty();
  private long readAt;
  private boolean read;

  /**
   * @param source reads the committed watermark (empty before the job commits anything)
   */
  public JobWatermark(Supplier<Optional<Instant>> source, Duration maxAge) {
    this(source, maxAge, System::nanoTime);
  }

  JobWatermark(Supplier<Optional<Instant>> source, Duration maxAge, LongSupplier nanoTime) {
    this.source = source;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A watermark that never moves, for a gateway without a job behind it. */
  public static JobWatermark none() {
    return new JobWatermark(Optional::empty, Duration.ofDays(365));
  }

  /** The committed watermark, at most {@code maxAge} old. */
  public synchronized Optional<Instant> current() {
    long now = nanoTime.getAsLong();
    if (!read || now - readAt >= maxAgeNanos) {
      try {
        cached = source.get();
      } catch (RuntimeException e) {
        // Keep the last value: the batch is still made durable, only the early warning is lost.
        LOG.warn("cannot read the job's committed watermark: {}", e.getMessage());
      }
      readAt = now;
      read = true;
    }
    return cached;
  }
}
