package io.shiftproof.simulator;

import java.util.concurrent.TimeUnit;

/**
 * Paces sending to an average number of events per second: a batch of {@code n} events may leave
 * once the events before it have had their share of time. Zero means unpaced.
 */
final class SendRate {
  private final double eventsPerSecond;
  private final long startNanos = System.nanoTime();
  private long eventsReleased;

  SendRate(double eventsPerSecond) {
    this.eventsPerSecond = eventsPerSecond;
  }

  /** Blocks until a batch of {@code events} may be sent. */
  void awaitTurn(int events) throws InterruptedException {
    if (eventsPerSecond > 0) {
      long due = startNanos + (long) (eventsReleased / eventsPerSecond * 1e9);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    eventsReleased += events;
  }
}
