package io.shiftproof.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceConfigTest {

  @Test
  void anEvidenceSealWaitThatWouldOutlastTheRequestIsRefused() {
    assertThat(EvidenceConfig.from(Settings.defaults(GatewayKeys.ALL)).sealWait())
        .isEqualTo(Duration.ofSeconds(20));
    Settings tooLong =
        Settings.load(GatewayKeys.ALL, null, Map.of(), Map.of("evidence.seal-wait", "PT30S"), "");

    assertThatThrownBy(() -> EvidenceConfig.from(tooLong))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("evidence.seal-wait: got PT30S, want at most PT25S");
  }
}
