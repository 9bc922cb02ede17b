package io.shiftproof.gateway.config;

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
   * @throws ConfigException when the retention would forget keys of events that could still change
   *     a day record
   */
  public static KeyRetentionConfig from(HubSettings s) {
    Duration retention = s.get(HubKeys.KEY_RETENTION);
    Duration least = s.get(HubKeys.CORRECTION_HORIZON).plus(MARGIN);
    if (retention.compareTo(least) < 0) {
      throw new ConfigException(
          HubKeys.KEY_RETENTION.name()
              + ": got "
              + retention
              + ", want at least "
              + least
              + " ("
              + HubKeys.CORRECTION_HORIZON.name()
              + " plus 2 days), or a resend that can still change a day would count twice");
    }
    return new KeyRetentionConfig(retention);
  }
}
