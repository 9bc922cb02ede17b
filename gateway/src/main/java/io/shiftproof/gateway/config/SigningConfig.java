package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.nio.file.Path;

/**
 * The hub's signing identity (docs/design.md §8.3): the certificate evidence carries and the key
 * that signs ledger entries and evidence. Apart from the TLS pair, so the key a server presents to
 * every client signs nothing the hub vouches for.
 */
public record SigningConfig(Path certificate, Path key) {

  /** Explicit paths where configured, else the development credentials under {@code data.dir}. */
  public static SigningConfig from(Settings s) {
    Path credentials = s.get(GatewayKeys.DATA_DIR).resolve("credentials");
    return new SigningConfig(
        pathOr(s.get(GatewayKeys.SIGNING_CERT), credentials.resolve("hub-signer/cert.pem")),
        pathOr(s.get(GatewayKeys.SIGNING_KEY), credentials.resolve("hub-signer/key.pem")));
  }

  private static Path pathOr(String configured, Path fallback) {
    return configured.isEmpty() ? fallback : Path.of(configured);
  }
}
