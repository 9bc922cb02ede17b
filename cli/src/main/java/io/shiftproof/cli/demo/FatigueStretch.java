package io.shiftproof.cli.demo;

import java.time.Duration;
import java.util.List;

/**
 * The fatigue reading of engaged time (docs/design.md §5): engaged intervals joined across breaks
 * shorter than 20 minutes, and the 4-hour limit a platform may enforce on such a stretch.
 */
final class FatigueStretch {

  /** The default join gap of the working-time job; the demo hub runs with the defaults. */
  static final Duration JOIN_GAP = Duration.ofMinutes(20);

  static final Duration LIMIT = Duration.ofHours(4);

  private FatigueStretch() {}

  /**
   * The longest span (end − start) of {@code engaged}, sorted and disjoint, after joining intervals
   * separated by gaps shorter than {@link #JOIN_GAP}. A gap of exactly the join gap is a real
   * break, as in the working-time job.
   */
  static Duration longest(List<MicrosInterval> engaged) {
    long joinGapMicros = JOIN_GAP.toNanos() / 1_000L;
    long longest = 0;
    long stretchStart = 0;
    Long stretchEnd = null;
    for (MicrosInterval interval : engaged) {
      if (stretchEnd == null || interval.fromMicros() - stretchEnd >= joinGapMicros) {
        stretchStart = interval.fromMicros();
      }
      stretchEnd = interval.toMicros();
      longest = Math.max(longest, stretchEnd - stretchStart);
    }
    return Duration.ofNanos(longest * 1_000L);
  }

  /** Over the limit means strictly longer than 4 hours: a stretch of exactly 4 hours is allowed. */
  static boolean exceedsLimit(Duration stretch) {
    return stretch.compareTo(LIMIT) > 0;
  }
}
