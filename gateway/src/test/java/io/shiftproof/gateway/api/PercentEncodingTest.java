package io.shiftproof.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request targets have broken percent-encoding. */
class PercentEncodingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/workers/wr_x/days/2026-11-28",
        "/v1/workers/%3Cscript%3E/days/x",
        "/v1/late-events?before=2026-11-28T10:00:00%2B08:00",
        "/v1/%e2%98%83",
        "/v1/a%25"
      })
  void wellFormedTargetsPass(String target) {
    assertThat(PercentEncoding.wellFormed(target)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/%zz", "/v1/%", "/v1/a%2", "/v1/x?at=%zz%", "/v1/%G0", "/%%41"})
  void brokenEscapesAreRefused(String target) {
    assertThat(PercentEncoding.wellFormed(target)).isFalse();
  }
}
