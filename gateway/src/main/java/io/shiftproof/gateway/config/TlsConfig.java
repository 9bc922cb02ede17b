package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server side of mutual TLS: whom to trust, what to present, and which client certificates the
 * organisation CA has revoked.
 *
 * @param revocationList a PEM file of revocation lists of the CA, when one is to be checked
 */
public record TlsConfig(
    Path caCertificate, Path serverCertificate, Path serverKey, Optional<Path> revocationList) {

  /** A configuration without revocation lists. */
  public TlsConfig(Path caCertificate, Path serverCertificate, Path serverKey) {
    this(caCertificate, serverCertificate, serverKey, Optional.empty());
  }

  /**
   * Explicit paths where configured, else the development credentials under {@code data.dir} (their
   * revocation list included).
   */
  public static TlsConfig from(Settings s) {
    Path credentials = s.get(GatewayKeys.DATA_DIR).resolve("credentials");
    String crl = s.get(GatewayKeys.TLS_CRL);
    Optional<Path> revocationList =
        !crl.isEmpty()
            ? Optional.of(Path.of(crl))
            : usesDevelopmentCredentials(s)
                ? Optional.of(credentials.resolve("crl.pem"))
                : Optional.empty();
    return new TlsConfig(
        pathOr(s.get(GatewayKeys.TLS_CA_CERT), credentials.resolve("ca.pem")),
        pathOr(s.get(GatewayKeys.TLS_SERVER_CERT), credentials.resolve("hub-server/cert.pem")),
        pathOr(s.get(GatewayKeys.TLS_SERVER_KEY), credentials.resolve("hub-server/key.pem")),
        revocationList);
  }

  /** Whether the hub should write development credentials (no explicit CA configured). */
  public static boolean usesDevelopmentCredentials(Settings s) {
    return s.get(GatewayKeys.TLS_CA_CERT).isEmpty();
  }

  /** The same configuration checking the revocation lists in {@code crlPem}. */
  public TlsConfig withRevocationList(Path crlPem) {
    return new TlsConfig(caCertificate, serverCertificate, serverKey, Optional.of(crlPem));
  }

  private static Path pathOr(String configured, Path fallback) {
    return configured.isEmpty() ? fallback : Path.of(configured);
  }
}
