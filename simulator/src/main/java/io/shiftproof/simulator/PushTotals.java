package io.shiftproof.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts of a push in progress, shared by the sending threads and the progress line, and the
 * report they add up to.
 */
final class PushTotals {
  private final long startNanos = System.nanoTime();
  private long batchesDelivered;
  private long eventsDelivered;
  private long accepted;
  private long duplicates;
  private long rejected;
  private long retries;
  private final List<PushFailure> failures = new ArrayList<>();
  private final List<RejectedEvent> rejections = new ArrayList<>();
  private long lastLineNanos = startNanos;
  private long lastLineEvents;

  synchronized void delivered(PlatformBatch batch, HubResponse response) {
    batchesDelivered++;
    eventsDelivered += batch.size();
    accepted += response.accepted();
    duplicates += response.duplicates();
    rejected += response.rejected().size();
    for (HubResponse.Rejection r : response.rejected()) {
      if (rejections.size() < PushReport.MAX_LISTED_REJECTIONS) {
        rejections.add(
            new RejectedEvent(
                batch.platform(), batch.batch().batchId(), r.index(), r.code(), r.message()));
      }
    }
  }

  synchronized void deliveredUnread(PushFailure failure, int events) {
    batchesDelivered++;
    eventsDelivered += events;
    failures.add(failure);
  }

  synchronized void failed(PushFailure failure) {
    failures.add(failure);
  }

  synchronized void retried() {
    retries++;
  }

  /** One line for the terminal: totals so far and the rate since the previous line. */
  synchronized String progressLine() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-9, (now - lastLineNanos) / 1e9);
    double rate = (eventsDelivered - lastLineEvents) / seconds;
    lastLineNanos = now;
    lastLineEvents = eventsDelivered;
    return String.format(
        "batches %d | events %d | %.0f ev/s | accepted %d, duplicates %d, rejected %d"
            + " | retries %d | failed batches %d",
        batchesDelivered,
        eventsDelivered,
        rate,
        accepted,
        duplicates,
        rejected,
        retries,
        failures.size());
  }

  synchronized PushReport report() {
    return new PushReport(
        batchesDelivered,
        eventsDelivered,
        accepted,
        duplicates,
        rejected,
        retries,
        Duration.ofNanos(System.nanoTime() - startNanos),
        failures,
        rejections);
  }
}
