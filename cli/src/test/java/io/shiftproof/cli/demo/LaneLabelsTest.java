package io.shiftproof.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaneLabelsTest {

  @Test
  void numberedPlatformsKeepTheirNumber() {
    assertThat(LaneLabels.of(List.of("platform-2", "platform-3"))).containsExactly("p2", "p3");
    assertThat(LaneLabels.of(List.of("platform-1"))).containsExactly("p1");
    assertThat(LaneLabels.of(List.of("platform-10", "platform-9"))).containsExactly("p10", "p9");
  }

  @Test
  void namesWithoutASharedPrefixUseTheirFirstLetters() {
    assertThat(LaneLabels.of(List.of("didi", "meituan", "shansong")))
        .containsExactly("did", "mei", "sha");
  }

  @Test
  void clashingOrReservedLabelsFallBackToPositions() {
    assertThat(LaneLabels.of(List.of("meituan", "meituan-flash"))).containsExactly("p1", "p2");
    assertThat(LaneLabels.of(List.of("allride", "bee"))).containsExactly("p1", "p2");
  }
}
