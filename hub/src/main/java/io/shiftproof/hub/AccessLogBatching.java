package io.shiftproof.hub;

import io.shiftproof.gateway.access.AccessLogAnchoring;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AccessLogAnchoring} at a fixed interval, off the event loops, so that reads are
 * anchored in Merkle batches rather than one ledger transaction each.
 */
final class AccessLogBatching implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLogBatching.class);

  private final ScheduledExecutorService scheduler;

  private AccessLogBatching(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  static AccessLogBatching start(AccessLogAnchoring anchoring, Duration interval) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "shiftproof-access-log");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            anchoring.anchorPending();
          } catch (Exception e) {
            // The entries stay pending and are anchored with the next batch.
            LOG.warn("anchoring the access log failed: {}", e.toString());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return new AccessLogBatching(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
