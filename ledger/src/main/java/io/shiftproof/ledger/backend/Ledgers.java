package io.shiftproof.ledger.backend;

import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.contract.ContractRoles;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.postgres.PostgresLedger;
import io.shiftproof.ledger.postgres.PostgresLedgerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * The one place that knows every ledger backend: the hub and the working-time job both open the
 * ledger their {@code ledger.kind} names through here, so that neither depends on a backend.
 */
public final class Ledgers {
  private Ledgers() {}

  /**
   * The hub's ledger as a job reaches it from other processes: a serialisable endpoint that each
   * task manager connects to, invoking the contract as the hub and signing with its key.
   */
  public static LedgerEndpoint endpoint(LedgerKind kind, LedgerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return switch (kind) {
      case POSTGRES ->
          PostgresLedgerConfig.forHub(
              settings.jdbcUrl(), settings.user(), settings.password(), settings.signingKeyPath());
      case FABRIC -> backend(kind).endpoint(settings);
    };
  }

  /**
   * The hub's ledger in the hub's own process, invoking the contract as the hub. A backend that
   * keeps its log in the hub's database takes its connections from {@code hubDatabase}, the hub's
   * pool, whose schema the hub has already migrated. The caller closes the ledger.
   */
  public static Ledger open(LedgerKind kind, LedgerSettings settings, DataSource hubDatabase) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(hubDatabase, "hubDatabase");
    return switch (kind) {
      case POSTGRES ->
          PostgresLedger.create(
              hubDatabase::getConnection,
              PemKeys.signer(Path.of(settings.signingKeyPath())),
              Clock.systemUTC(),
              PostgresLedgerConfig.HUB_ORGANISATION,
              ContractRoles.HUB);
      case FABRIC -> backend(kind).endpoint(settings).connect();
    };
  }

  /** The backend of a kind that lives in its own module, found on the class path. */
  private static LedgerBackend backend(LedgerKind kind) {
    return ServiceLoader.load(LedgerBackend.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(b -> b.kind() == kind)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    LedgerKind.KEY
                        + " "
                        + kind.settingValue()
                        + ": its backend is not on the class path (module shiftproof-ledger-"
                        + kind.settingValue()
                        + ")"));
  }
}
