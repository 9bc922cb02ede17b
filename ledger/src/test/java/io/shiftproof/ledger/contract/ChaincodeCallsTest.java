package io.shiftproof.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChaincodeCallsTest {
  @Test
  void aTimeTravelsAsEpochMicrosecondsAndComesBackTruncated() {
    Instant t = Instant.parse("2026-11-28T07:30:00.123456789Z");

    String arg = ChaincodeCalls.micros(t);

    assertThat(arg).isEqualTo("1795851000123456");
    assertThat(ChaincodeCalls.instant(arg)).isEqualTo(Instant.parse("2026-11-28T07:30:00.123456Z"));
    assertThat(
            ChaincodeCalls.instant(ChaincodeCalls.micros(Instant.parse("1969-12-31T23:59:59.5Z"))))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.5Z"));
  }

  @Test
  void aTimeThatIsNoNumberIsRefused() {
    assertThatThrownBy(() -> ChaincodeCalls.instant("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want epoch microseconds");
  }
}
