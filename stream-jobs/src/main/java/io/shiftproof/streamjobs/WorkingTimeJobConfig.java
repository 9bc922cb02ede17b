package io.shiftproof.streamjobs;

import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link WorkingTimeJob}.
 *
 * @param workingTime the working-time semantics (silence timeout, zone, stretch join gap); default
 *     {@link WorkingTimeConfig#defaults()}
 * @param outOfOrderness how far behind the newest event time the watermark trails, i.e. how late an
 *     event may arrive and still count in the live record; default 30 seconds
 * @param idleness after this long without events a Kafka partition stops holding the watermark
 *     back, so a quiet partition does not stall every worker; default 1 minute
 * @param updateInterval a worker's live day is re-emitted at most once per this much event time;
 *     default 5 seconds (DESIGN §5: "every few seconds at most")
 */
public record WorkingTimeJobConfig(
    WorkingTimeConfig workingTime,
    Duration outOfOrderness,
    Duration idleness,
    Duration updateInterval) {

  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
  public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(5);

  public WorkingTimeJobConfig {
    Objects.requireNonNull(workingTime, "workingTime");
    Objects.requireNonNull(outOfOrderness, "outOfOrderness");
    Objects.requireNonNull(idleness, "idleness");
    Objects.requireNonNull(updateInterval, "updateInterval");
    if (outOfOrderness.isNegative()) {
      throw new IllegalArgumentException(
          "outOfOrderness: got " + outOfOrderness + ", want zero or more");
    }
    if (idleness.isNegative() || idleness.isZero()) {
      throw new IllegalArgumentException(
          "idleness: got " + idleness + ", want a positive duration");
    }
    if (updateInterval.toMillis() <= 0) {
      throw new IllegalArgumentException(
          "updateInterval: got " + updateInterval + ", want at least one millisecond");
    }
  }

  public static WorkingTimeJobConfig defaults() {
    return new WorkingTimeJobConfig(
        WorkingTimeConfig.defaults(),
        DEFAULT_OUT_OF_ORDERNESS,
        DEFAULT_IDLENESS,
        DEFAULT_UPDATE_INTERVAL);
  }
}
