package io.shiftproof.ledger.backend;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the hub's ledger is opened from, whichever its kind: the hub's PostgreSQL database (where
 * the {@code postgres} ledger keeps its log) and the key the hub signs its transactions with.
 *
 * @param jdbcUrl the hub's database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/shiftproof}
 * @param user the database user
 * @param password the database password; never printed
 * @param signingKeyPath the hub's P-256 signing key (PEM), the key of its signing certificate
 *     ({@code hub-signer}), never its TLS key
 */
public record LedgerSettings(String jdbcUrl, String user, String password, String signingKeyPath)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public LedgerSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(signingKeyPath, "signingKeyPath");
  }

  @Override
  public String toString() {
    return "LedgerSettings[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", signingKeyPath="
        + signingKeyPath
        + "]";
  }
}
