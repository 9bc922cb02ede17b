package io.shiftproof.streamjobs.worktime;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the working-time semantics (docs/design.md §5).
 *
 * @param silenceTimeout a session with no event for this long or longer is closed at its last
 *     event; default {@link #DEFAULT_SILENCE_TIMEOUT}
 * @param zone the hub's zone, which decides where a local day starts and ends; default {@link
 *     #DEFAULT_ZONE}
 * @param stretchJoinGap engaged intervals separated by a gap shorter than this are joined into one
 *     stretch for {@code longestStretchSeconds}; default 20 minutes, the break a platform may force
 */
public record WorkingTimeConfig(Duration silenceTimeout, ZoneId zone, Duration stretchJoinGap) {

  public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofMinutes(10);
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  public static final Duration DEFAULT_STRETCH_JOIN_GAP = Duration.ofMinutes(20);

  public WorkingTimeConfig {
    Objects.requireNonNull(silenceTimeout, "silenceTimeout");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(stretchJoinGap, "stretchJoinGap");
    if (silenceTimeout.isNegative() || silenceTimeout.isZero()) {
      throw new IllegalArgumentException(
          "silenceTimeout: got " + silenceTimeout + ", want a positive duration");
    }
    if (stretchJoinGap.isNegative()) {
      throw new IllegalArgumentException(
          "stretchJoinGap: got " + stretchJoinGap + ", want zero or more");
    }
  }

  /** The defaults of docs/design.md §5. */
  public static WorkingTimeConfig defaults() {
    return new WorkingTimeConfig(DEFAULT_SILENCE_TIMEOUT, DEFAULT_ZONE, DEFAULT_STRETCH_JOIN_GAP);
  }

  public WorkingTimeConfig withSilenceTimeout(Duration timeout) {
    return new WorkingTimeConfig(timeout, zone, stretchJoinGap);
  }

  public WorkingTimeConfig withZone(ZoneId newZone) {
    return new WorkingTimeConfig(silenceTimeout, newZone, stretchJoinGap);
  }
}
