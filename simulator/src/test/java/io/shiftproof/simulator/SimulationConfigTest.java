package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {
  @Test
  void defaultsAreThreeNumberedPlatformsOfMixedKindsInShanghai() {
    SimulationConfig config = SimulationConfig.builder().build();

    assertThat(config.platforms())
        .containsExactly(
            new SimulatedPlatform("platform-1", PlatformKind.RIDE_HAILING),
            new SimulatedPlatform("platform-2", PlatformKind.FOOD_DELIVERY),
            new SimulatedPlatform("platform-3", PlatformKind.COURIER));
    assertThat(config.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(config.multiAppShare()).isEqualTo(0.3);
    assertThat(config.batchSize()).isEqualTo(500);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.faults()).isEqualTo(FaultProfile.none());
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void platformNamesCanBeGiven() {
    SimulationConfig config =
        SimulationConfig.builder().platformNames(List.of("didi", "meituan")).build();

    assertThat(config.platforms())
        .extracting(SimulatedPlatform::name)
        .containsExactly("didi", "meituan");
  }

  @Test
  void badValuesAreRefusedWithFieldGotWant() {
    assertThatThrownBy(() -> SimulationConfig.builder().workers(0).build())
        .hasMessage("workers: got 0, want at least 1");
    assertThatThrownBy(() -> SimulationConfig.builder().multiAppShare(1.5).build())
        .hasMessage("multiAppShare: got 1.5, want a share in [0, 1]");
    assertThatThrownBy(
            () -> SimulationConfig.builder().heartbeatInterval(Duration.ofMinutes(10)).build())
        .hasMessageStartingWith("heartbeatInterval: got PT10M");
    assertThatThrownBy(() -> SimulationConfig.builder().platformNames(List.of("a", "a")).build())
        .hasMessageContaining("want distinct names");
    assertThatThrownBy(() -> SimulationConfig.builder().platformNames(List.of("../etc")).build())
        .hasMessageStartingWith("platform name: got \"../etc\"");
    assertThatThrownBy(() -> FaultProfile.none().withDuplicates(-0.1))
        .hasMessage("duplicateRate: got -0.1, want a share in [0, 1]");
    assertThatThrownBy(() -> FaultProfile.none().withClockSkew(0.1, Duration.ofHours(1)))
        .hasMessageStartingWith("maxClockSkew: got PT1H");
  }

  @Test
  void withoutHeartbeatsSessionsSendOnlyTheirWork() {
    SimulationSummary summary =
        Simulation.summarize(
            SimulationConfig.builder().workers(10).heartbeatInterval(Duration.ZERO).build());

    assertThat(summary.eventsByType())
        .doesNotContainKey(io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT);
    assertThat(summary.events()).isPositive();
  }

  @Test
  void aSinglePlatformHasNoMultiAppWorkers() {
    SimulationSummary summary =
        Simulation.summarize(SimulationConfig.builder().workers(30).platforms(1).build());

    assertThat(summary.multiAppWorkers()).isZero();
    assertThat(summary.eventsByPlatform()).containsOnlyKeys("platform-1");
  }

  @Test
  void givenPseudonymsAreTheOnesTheEventsCarry() {
    SimulationConfig plain = SimulationConfig.builder().workers(3).seed(4).build();
    java.util.Map<Integer, String> refs = new java.util.HashMap<>();
    for (int worker = 0; worker < 3; worker++) {
      refs.put(worker, "wr_" + String.valueOf((char) ('A' + worker)).repeat(42) + "A");
    }
    SimulationConfig given = plain.toBuilder().workerRefs(refs).build();

    assertThat(
            Simulation.generate(given)
                .flatMap(batch -> batch.batch().events().stream())
                .map(event -> event.workerRef())
                .distinct())
        .isSubsetOf(refs.values())
        .isNotEmpty();
    assertThat(plain.nationalId(2))
        .isEqualTo(given.nationalId(2))
        .matches("SIM[0-9]{15}")
        .isNotEqualTo(plain.nationalId(1));
  }

  @Test
  void pseudonymsForSomeWorkersOnlyAreRefused() {
    assertThatThrownBy(
            () ->
                SimulationConfig.builder()
                    .workers(2)
                    .workerRefs(java.util.Map.of(0, "wr_" + "A".repeat(43)))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("workerRefs: got 1 pseudonyms without worker 1");
  }
}
