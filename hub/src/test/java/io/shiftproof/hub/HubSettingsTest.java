package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.ConfigKey;
import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.KafkaConfig;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.streamjobs.JobKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
  @TempDir Path dir;

  @Test
  void defaultsRunEverythingEmbedded() {
    Settings s = HubSettings.defaults();
    assertThat(KafkaConfig.from(s, s.get(JobKeys.KAFKA_TOPIC)).bootstrapServers()).isEmpty();
    assertThat(PostgresConfig.from(s).url()).isEmpty();
    assertThat(StreamJobConfig.from(s).embedded()).isTrue();
    assertThat(s.get(GatewayKeys.GATEWAY_PORT)).isEqualTo(8443);
    assertThat(s.get(GatewayKeys.MAX_FUTURE_SKEW)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void environmentOverridesFileAndOverridesWinOverEnvironment() throws Exception {
    Path file = dir.resolve("shiftproof.properties");
    Files.writeString(file, "gateway.port=9000\nkafka.topic=from-file\n");
    Settings s =
        HubSettings.load(
            file,
            Map.of("SHIFTPROOF_GATEWAY_PORT", "9001", "SHIFTPROOF_KAFKA_TOPIC", "from-env"),
            Map.of("kafka.topic", "from-flag"));
    assertThat(s.get(GatewayKeys.GATEWAY_PORT)).isEqualTo(9001);
    assertThat(s.get(JobKeys.KAFKA_TOPIC)).isEqualTo("from-flag");
  }

  @Test
  void unknownKeyInFileIsRejectedByName() throws Exception {
    Path file = dir.resolve("shiftproof.properties");
    Files.writeString(file, "kafka.bootstrap=oops:9092\n");
    assertThatThrownBy(() -> HubSettings.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap")
        .hasMessageContaining("shiftproof config");
  }

  @Test
  void badValueNamesKeyValueAndWhatIsWanted() {
    assertThatThrownBy(() -> HubSettings.load(null, Map.of(), Map.of("gateway.port", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.port: got \"70000\", want a port 0..65535");
    assertThatThrownBy(
            () ->
                HubSettings.load(
                    null, Map.of("SHIFTPROOF_GATEWAY_REQUEST_TIMEOUT", "30s"), Map.of()))
        .hasMessageContaining("gateway.request-timeout")
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void ledgerKindDefaultsToPostgresAndAnotherBackendIsRefusedAtStartUp() {
    assertThat(HubSettings.defaults().get(JobKeys.LEDGER_KIND)).isEqualTo(LedgerKind.POSTGRES);
    assertThat(
            HubSettings.load(null, Map.of("SHIFTPROOF_LEDGER_KIND", "postgres"), Map.of())
                .get(JobKeys.LEDGER_KIND))
        .isEqualTo(LedgerKind.POSTGRES);

    assertThatThrownBy(() -> HubSettings.load(null, Map.of(), Map.of("ledger.kind", "corda")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ledger.kind: got \"corda\", want one of postgres, fabric");
  }

  @Test
  void theHubAcceptsTheKeysOfEveryComponent() {
    assertThat(HubKeys.ALL)
        .containsAll(GatewayKeys.ALL)
        .containsAll(JobKeys.ALL)
        .contains(HubKeys.STREAM_JOB_MODE, HubKeys.STREAM_JOB_PARALLELISM);
  }

  @Test
  void everyKeyHasAnEnvironmentVariableAndDoc() {
    assertThat(HubKeys.ALL)
        .allSatisfy(
            key -> {
              assertThat(key.environmentVariable()).matches("SHIFTPROOF_[A-Z0-9_]+");
              assertThat(key.doc()).isNotBlank();
              assertThat(key.defaultText()).isPresent();
            });
    assertThat(HubKeys.ALL.stream().map(ConfigKey::name).distinct()).hasSize(HubKeys.ALL.size());
  }

  @Test
  void readmeDocumentsEveryKey() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(HubKeys.ALL).allSatisfy(key -> assertThat(readme).contains(key.name()));
  }
}
