package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;

/**
 * The per-organisation request limit of the API, a token bucket per organisation.
 *
 * @param perSecond requests per second an organisation may send, all routes together
 * @param burst requests it may send at once after being quiet
 */
public record RateLimitConfig(int perSecond, int burst) {

  public static RateLimitConfig from(Settings s) {
    return new RateLimitConfig(
        s.get(GatewayKeys.RATE_LIMIT_PER_SECOND), s.get(GatewayKeys.RATE_LIMIT_BURST));
  }
}
