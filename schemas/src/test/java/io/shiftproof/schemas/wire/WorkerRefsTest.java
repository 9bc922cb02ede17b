package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerRefsTest {
  @Test
  void onlyCanonicalRefsOfTheRightShapeAreAccepted() {
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(43))).isTrue();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "-".repeat(42) + "w")).isTrue();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(42) + "B")).isFalse();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(42))).isFalse();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(44))).isFalse();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(42) + "=")).isFalse();
    assertThat(WorkerRefs.isWorkerRef("WR_" + "A".repeat(43))).isFalse();
  }

  @Test
  void nonCanonicalIsOnlyTheLastCharacterProblem() {
    assertThat(WorkerRefs.isNonCanonical("wr_" + "A".repeat(42) + "B")).isTrue();
    assertThat(WorkerRefs.isNonCanonical("wr_" + "A".repeat(43))).isFalse();
    assertThat(WorkerRefs.isNonCanonical("wr_" + "A".repeat(41) + "+B")).isFalse();
    assertThat(WorkerRefs.isNonCanonical("wr_short")).isFalse();
  }
}
