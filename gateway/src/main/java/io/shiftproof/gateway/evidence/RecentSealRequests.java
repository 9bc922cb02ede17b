package io.shiftproof.gateway.evidence;

import io.shiftproof.schemas.wire.SealRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends at most one seal request per worker-day within a short window. Evidence requests for the
 * same worker and incident, concurrent or repeated, would otherwise each ask the job for an interim
 * version of the same day and seal it twice; the later ones instead wait for the version the first
 * asked for, and so get the same pending or finished answer.
 */
public final class RecentSealRequests implements SealRequests {
  /** Past this many remembered worker-days, the expired ones are forgotten. */
  private static final int PRUNE_ABOVE = 10_000;

  private final SealRequests delegate;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();

  /**
   * @param delegate where the first request of a worker-day goes
   * @param window how long a request stands for later ones of the same worker-day
   */
  public RecentSealRequests(SealRequests delegate, Duration window, Clock clock) {
    this.delegate = delegate;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public void request(SealRequest request) {
    String workerDay = request.workerRef() + "/" + request.day();
    Instant now = clock.instant();
    boolean[] first = {false};
    sentAt.compute(
        workerDay,
        (key, last) -> {
          if (last != null && now.isBefore(last.plus(window))) {
            return last;
          }
          first[0] = true;
          return now;
        });
    if (!first[0]) {
      return; // asked for moments ago: wait for that interim version, do not seal another
    }
    try {
      delegate.request(request);
    } catch (RuntimeException e) {
      sentAt.remove(workerDay, now); // not sent: the next request must try again
      throw e;
    }
    if (sentAt.size() > PRUNE_ABOVE) {
      sentAt.values().removeIf(at -> !now.isBefore(at.plus(window)));
    }
  }
}
