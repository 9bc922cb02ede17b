package io.shiftproof.gateway.stats;

/**
 * Small-cell suppression: an aggregate over fewer than {@value #MIN_WORKERS} workers could point at
 * one person, so it is never shown, only marked suppressed.
 */
public final class Suppression {
  /** The fewest workers a published cell may describe. */
  public static final int MIN_WORKERS = 10;

  private Suppression() {}

  /** Whether a cell of this many workers is withheld. */
  public static boolean suppressed(int workers) {
    return workers < MIN_WORKERS;
  }
}
