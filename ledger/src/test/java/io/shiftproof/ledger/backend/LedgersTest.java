package io.shiftproof.ledger.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.postgres.PostgresLedgerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory the hub and the working-time job both open their ledger through. */
class LedgersTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/shiftproof";

  @TempDir Path dir;

  @Test
  void thePostgresEndpointIsTheHubsConnectionToItsLog() {
    LedgerEndpoint endpoint =
        Ledgers.endpoint(
            LedgerKind.POSTGRES, new LedgerSettings(URL, "shiftproof", "s3cret", "/hub-key.pem"));

    assertThat(endpoint)
        .isEqualTo(PostgresLedgerConfig.forHub(URL, "shiftproof", "s3cret", "/hub-key.pem"));
    assertThat(endpoint.toString()).doesNotContain("s3cret");
  }

  @Test
  void theEndpointTravelsWithAJobGraph() throws Exception {
    LedgerEndpoint endpoint =
        Ledgers.endpoint(
            LedgerKind.POSTGRES, new LedgerSettings(URL, "shiftproof", "s3cret", "/hub-key.pem"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(endpoint);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(endpoint);
    }
  }

  @Test
  void theOpenedPostgresLedgerTakesItsConnectionsFromTheHubsPool() throws Exception {
    DataSource exhausted =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    throw new SQLException("pool exhausted");
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    LedgerSettings settings =
        new LedgerSettings(URL, "shiftproof", "s3cret", hubKeyFile().toString());

    try (Ledger ledger = Ledgers.open(LedgerKind.POSTGRES, settings, exhausted)) {
      Throwable thrown =
          catchThrowable(
              () ->
                  ledger.anchorBatch(
                      new AnchorRequest("b1", "c", Optional.empty(), "0".repeat(64), 1, 0, 1)));

      assertThat(ledger.kind()).isEqualTo(LedgerKind.POSTGRES.refKind());
      assertThat(thrown)
          .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.retriable()).isTrue())
          .hasMessageContaining("pool exhausted");
    }
  }

  /** A fresh P-256 key as PKCS#8 PEM, the form of the hub's key file. */
  private Path hubKeyFile() throws Exception {
    byte[] pkcs8 = P256.generateKeyPair(new SecureRandom()).getPrivate().getEncoded();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
            + "\n-----END PRIVATE KEY-----\n";
    return Files.writeString(dir.resolve("hub-key.pem"), pem, StandardCharsets.US_ASCII);
  }
}
