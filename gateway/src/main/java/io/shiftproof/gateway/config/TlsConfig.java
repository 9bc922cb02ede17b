package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.nio.file.Path;

/** The server side of mutual TLS: whom to trust, and what to present. */
public record TlsConfig(Path caCertificate, Path serverCertificate, Path serverKey) {

  /** Explicit paths where configured, else the development credentials under {@code data.dir}. */
  public static TlsConfig from(Settings s) {
    Path credentials = s.get(GatewayKeys.DATA_DIR).resolve("credentials");
    return new TlsConfig(
        pathOr(s.get(GatewayKeys.TLS_CA_CERT), credentials.resolve("ca.pem")),
        pathOr(s.get(GatewayKeys.TLS_SERVER_CERT), credentials.resolve("hub-server/cert.pem")),
        pathOr(s.get(GatewayKeys.TLS_SERVER_KEY), credentials.resolve("hub-server/key.pem")));
  }

  /** Whether the hub should write development credentials (no explicit CA configured). */
  public static boolean usesDevelopmentCredentials(Settings s) {
    return s.get(GatewayKeys.TLS_CA_CERT).isEmpty();
  }

  private static Path pathOr(String configured, Path fallback) {
    return configured.isEmpty() ? fallback : Path.of(configured);
  }
}
