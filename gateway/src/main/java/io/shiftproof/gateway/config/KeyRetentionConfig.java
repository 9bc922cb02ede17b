package io.shiftproof.gateway.config;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import java.time.Duration;

/**
 * How long the gateway keeps idempotency keys.
 *
 * @param retention keys older than this are deleted
 */
public record KeyRetentionConfig(Duration retention) {

  /** The margin beyond the horizon: a day settles up to a day plus the silence timeout late. */
  static final Duration MARGIN = Duration.ofDays(2);

  /**
   * @param correctionHorizon how long after a day settles the working-time job still takes late
   *     events as corrections; its key is the job's, so the hub hands it over
   * @throws ConfigException when the retention would forget keys of events that could still change
   *     a day record
   */
  public static KeyRetentionConfig from(Settings s, Duration correctionHorizon) {
    Duration retention = s.get(GatewayKeys.KEY_RETENTION);
    Duration least = correctionHorizon.plus(MARGIN);
    if (retention.compareTo(least) < 0) {
      throw new ConfigException(
          GatewayKeys.KEY_RETENTION.name()
              + ": got "
              + retention
              + ", want at least "
              + least
              + " (the working-time correction horizon, "
              + correctionHorizon
              + ", plus 2 days), or a resend that can still change a day would count twice");
    }
    return new KeyRetentionConfig(retention);
  }
}
