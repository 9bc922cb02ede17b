package io.shiftproof.hub;

import io.shiftproof.gateway.ingest.EventKeyRetention;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link EventKeyRetention} shortly after start-up and then hourly, off the event loops. */
final class KeyPruning implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyPruning.class);

  private final ScheduledExecutorService scheduler;

  private KeyPruning(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  static KeyPruning start(EventKeyRetention retention) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "shiftproof-key-pruning");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            long deleted = retention.prune(Clock.systemUTC().instant());
            if (deleted > 0) {
              LOG.info("pruned {} idempotency keys past their retention", deleted);
            }
          } catch (Exception e) {
            // Pruning is housekeeping: a failed round is retried an hour later.
            LOG.warn("idempotency key pruning failed: {}", e.toString());
          }
        },
        1,
        60,
        TimeUnit.MINUTES);
    return new KeyPruning(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
