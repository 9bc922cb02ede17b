package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeohashTest {
  @Test
  void encodesTheWellKnownExamples() {
    // Examples from the original geohash.org description.
    assertThat(Geohash.encode(57.64911, 10.40744, 11)).isEqualTo("u4pruydqqvj");
    assertThat(Geohash.encode(42.6, -5.6, 5)).isEqualTo("ezs42");
  }

  @Test
  void shanghaiLiesInWtw() {
    assertThat(Geohash.encode(31.230, 121.474, 5)).startsWith("wtw");
  }
}
