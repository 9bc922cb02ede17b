package io.shiftproof.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a push: totals as the hub acknowledged them, and what went wrong.
 *
 * @param batchesDelivered batches the hub acknowledged with a 2xx
 * @param eventsDelivered events in those batches
 * @param accepted events the hub accepted as new
 * @param duplicates events the hub had already seen (resent or duplicated at the source)
 * @param rejected events the hub refused inside acknowledged batches
 * @param retries attempts beyond the first, over all batches
 * @param elapsed wall-clock time of the push
 * @param failures batches not delivered, or delivered with an unreadable acknowledgement
 * @param rejections the first {@link #MAX_LISTED_REJECTIONS} refused events, for diagnosis
 */
public record PushReport(
    long batchesDelivered,
    long eventsDelivered,
    long accepted,
    long duplicates,
    long rejected,
    long retries,
    Duration elapsed,
    List<PushFailure> failures,
    List<RejectedEvent> rejections) {

  /** Refused events listed individually; beyond this only {@link #rejected} counts them. */
  public static final int MAX_LISTED_REJECTIONS = 1000;

  public PushReport {
    failures = List.copyOf(failures);
    rejections = List.copyOf(rejections);
  }

  /** Average delivery rate over the push. */
  public double eventsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? eventsDelivered / seconds : 0;
  }

  /** Whether every batch was delivered and every event accepted or recognised as a duplicate. */
  public boolean clean() {
    return failures.isEmpty() && rejected == 0;
  }
}
