package io.shiftproof.ledger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.ContractRoles;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresLedgerTest {
  private final PostgresLedger unreachable =
      PostgresLedger.create(
          () -> {
            throw new SQLException("connection refused");
          },
          EcdsaP256Signer.of(TestKeys.p256().getPrivate()),
          Clock.systemUTC(),
          "hub-org",
          ContractRoles.HUB);

  @Test
  void unreachableDatabaseIsARetriableUnavailable() {
    Throwable thrown =
        catchThrowable(
            () ->
                unreachable.anchorBatch(
                    new AnchorRequest("b1", "c", Optional.empty(), "0".repeat(64), 1, 0, 1)));

    assertThat(thrown).isInstanceOf(LedgerException.class);
    LedgerException e = (LedgerException) thrown;
    assertThat(e.code()).isEqualTo("UNAVAILABLE");
    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("connection refused");
  }

  @Test
  void readsFromAnUnreachableDatabaseAreRetriableToo() {
    assertThatThrownBy(() -> unreachable.head("c"))
        .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.retriable()).isTrue());
  }

  @Test
  void unknownInvokerRoleIsRefusedAtConstruction() {
    assertThatThrownBy(
            () ->
                PostgresLedger.create(
                    () -> null,
                    EcdsaP256Signer.of(TestKeys.p256().getPrivate()),
                    Clock.systemUTC(),
                    "hub-org",
                    "root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invokerRole: got root, want one of");
  }

  @Test
  void configRefusesANonPostgresUrl() {
    assertThatThrownBy(
            () -> new PostgresLedgerConfig("jdbc:h2:mem:x", "u", "p", "/k.pem", "hub-org", "hub"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jdbcUrl: got jdbc:h2:mem:x, want a jdbc:postgresql: URL");
  }

  @Test
  void configNeverPrintsThePassword() {
    PostgresLedgerConfig config =
        new PostgresLedgerConfig(
            "jdbc:postgresql://127.0.0.1/x", "u", "s3cret", "/k.pem", "hub-org", "hub");

    assertThat(config.toString()).doesNotContain("s3cret");
  }
}
