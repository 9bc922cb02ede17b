package io.shiftproof.ledger.postgres;

import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.contract.ContractRoles;
import java.util.Objects;

/**
 * How to open a {@link PostgresLedger} in another process: a Flink operator ships this with the job
 * graph and opens the ledger on the task manager, so it holds only serialisable values (the key
 * path as a string, because {@link java.nio.file.Path} is not serialisable).
 *
 * @param jdbcUrl the PostgreSQL database holding the ledger's tables, e.g. {@code
 *     jdbc:postgresql://127.0.0.1:5432/shiftproof}
 * @param user the database user
 * @param password the database password; never printed
 * @param signingKeyPath the hub's P-256 private key (PEM, PKCS#8 or SEC 1), which signs every entry
 * @param invokerOrganisation the organisation recorded as the invoker of every transaction
 * @param invokerRole its role, one of {@link ContractRoles#ALL}; {@code hub} for the stream job
 */
public record PostgresLedgerConfig(
    String jdbcUrl,
    String user,
    String password,
    String signingKeyPath,
    String invokerOrganisation,
    String invokerRole)
    implements LedgerEndpoint {
  private static final long serialVersionUID = 1L;

  /** The organisation the hub invokes the contract as, in role {@link ContractRoles#HUB}. */
  public static final String HUB_ORGANISATION = "hub";

  /** The hub's own connection: it invokes as itself and signs every entry with its key. */
  public static PostgresLedgerConfig forHub(
      String jdbcUrl, String user, String password, String signingKeyPath) {
    return new PostgresLedgerConfig(
        jdbcUrl, user, password, signingKeyPath, HUB_ORGANISATION, ContractRoles.HUB);
  }

  public PostgresLedgerConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(signingKeyPath, "signingKeyPath");
    Objects.requireNonNull(invokerOrganisation, "invokerOrganisation");
    Objects.requireNonNull(invokerRole, "invokerRole");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "jdbcUrl: got " + jdbcUrl + ", want a jdbc:postgresql: URL");
    }
    if (signingKeyPath.isBlank()) {
      throw new IllegalArgumentException("signingKeyPath: got blank, want a PEM key file");
    }
    if (invokerOrganisation.isBlank()) {
      throw new IllegalArgumentException("invokerOrganisation: got blank, want an organisation");
    }
    if (!ContractRoles.ALL.contains(invokerRole)) {
      throw new IllegalArgumentException(
          "invokerRole: got " + invokerRole + ", want one of " + ContractRoles.ALL);
    }
  }

  @Override
  public Ledger connect() {
    return PostgresLedger.open(this);
  }

  @Override
  public String toString() {
    return "PostgresLedgerConfig[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", signingKeyPath="
        + signingKeyPath
        + ", invoker="
        + invokerOrganisation
        + "/"
        + invokerRole
        + "]";
  }
}
