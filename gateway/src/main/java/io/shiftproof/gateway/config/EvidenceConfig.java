package io.shiftproof.gateway.config;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import java.time.Duration;

/**
 * How evidence requests behave.
 *
 * @param sealWait how long a request for a day not sealed yet waits for its interim version
 * @param sealRepeatWindow how long one seal request of a worker-day stands for later ones
 */
public record EvidenceConfig(Duration sealWait, Duration sealRepeatWindow) {

  /** Room left in the request's budget for building, logging and signing the bundle. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  /**
   * @throws ConfigException when the wait would outlast the request: the client would get a timeout
   *     while the hub went on to log and sign a bundle nobody receives
   */
  public static EvidenceConfig from(Settings s) {
    Duration sealWait = s.get(GatewayKeys.EVIDENCE_SEAL_WAIT);
    Duration most = s.get(GatewayKeys.REQUEST_TIMEOUT).minus(MARGIN);
    if (sealWait.compareTo(most) > 0) {
      throw new ConfigException(
          GatewayKeys.EVIDENCE_SEAL_WAIT.name()
              + ": got "
              + sealWait
              + ", want at most "
              + most
              + " ("
              + GatewayKeys.REQUEST_TIMEOUT.name()
              + " less 5 s), or a request would time out while its bundle is being built");
    }
    return new EvidenceConfig(sealWait, s.get(GatewayKeys.EVIDENCE_SEAL_REPEAT_WINDOW));
  }
}
