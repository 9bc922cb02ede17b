package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a worker's time is known at a watermark, and what will move that point (docs/design.md
 * §5.8). The stream is complete before the watermark, but a session still open there (its silence
 * timeout not passed) is undecided from its last event on: it either sends another event in time
 * and stays online, or it turns out to have closed at that last event. Everything before {@link
 * #knownUntil} stays as it is whatever on-time events come later.
 *
 * @param watermark the stream is complete before this instant
 * @param knownUntil the watermark, or the earliest last event of a session still open at it
 * @param nextSilenceClosure when the earliest open session closes by silence if nothing keeps it
 *     alive: from then on the worker's picture changes without a new event
 * @param nextHeldBackEvent the earliest event at or after the watermark, applied once the watermark
 *     passes it
 */
public record Frontier(
    Instant watermark,
    Instant knownUntil,
    Optional<Instant> nextSilenceClosure,
    Optional<Instant> nextHeldBackEvent) {

  public Frontier {
    Objects.requireNonNull(watermark, "watermark");
    Objects.requireNonNull(knownUntil, "knownUntil");
    Objects.requireNonNull(nextSilenceClosure, "nextSilenceClosure");
    Objects.requireNonNull(nextHeldBackEvent, "nextHeldBackEvent");
  }

  /**
   * Whether no session is open at the watermark: the worker is then known to be offline from the
   * watermark until their next event.
   */
  public boolean quiet() {
    return !knownUntil.isBefore(watermark);
  }
}
