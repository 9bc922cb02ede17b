package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.ledger.pki.CredentialException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub signs only with its signing key, and refuses to start pointed at any other. */
class HubSigningKeyTest {
  @TempDir Path dir;

  @Test
  void theHubRefusesToSignWithItsTlsKeyBeforeAnyServerStarts() {
    Path credentials = dir.resolve("credentials");
    Settings settings =
        HubSettings.defaults()
            .with(GatewayKeys.DATA_DIR, dir.toString())
            .with(GatewayKeys.SIGNING_CERT, credentials.resolve("hub-server/cert.pem").toString())
            .with(GatewayKeys.SIGNING_KEY, credentials.resolve("hub-server/key.pem").toString());

    assertThatThrownBy(() -> Hub.start(settings))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.INCONSISTENT_CREDENTIALS))
        .hasMessageContaining("not a hub signing certificate")
        .hasMessageContaining("want [hub-signer]");
    // Refused before PostgreSQL or Kafka were started.
    assertThat(Files.exists(dir.resolve("postgres"))).isFalse();
    assertThat(Files.exists(dir.resolve("kafka"))).isFalse();
  }
}
