package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.nio.file.Path;

/**
 * The pseudonym evaluators' key shares and the platforms' evaluation budget (docs/pseudonyms.md).
 *
 * @param hubKey the hub's evaluation key share
 * @param regulatorKey the regulator's share, for the evaluator the embedded hub runs for it
 * @param developmentKeys whether missing key files are generated (both paths left empty)
 * @param perSecond blinded elements per second a platform may have evaluated, per evaluator
 * @param burst blinded elements it may have evaluated at once
 */
public record PseudonymConfig(
    Path hubKey, Path regulatorKey, boolean developmentKeys, int perSecond, int burst) {

  public static PseudonymConfig from(Settings s) {
    Path keys = s.get(GatewayKeys.DATA_DIR).resolve("credentials").resolve("pseudonyms");
    String hub = s.get(GatewayKeys.PSEUDONYM_HUB_KEY);
    String regulator = s.get(GatewayKeys.PSEUDONYM_REGULATOR_KEY);
    return new PseudonymConfig(
        hub.isEmpty() ? keys.resolve("hub.key") : Path.of(hub),
        regulator.isEmpty() ? keys.resolve("regulator.key") : Path.of(regulator),
        hub.isEmpty() && regulator.isEmpty(),
        s.get(GatewayKeys.PSEUDONYM_RATE_PER_SECOND),
        s.get(GatewayKeys.PSEUDONYM_RATE_BURST));
  }
}
