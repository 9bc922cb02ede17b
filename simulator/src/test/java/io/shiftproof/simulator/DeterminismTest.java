package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.BatchJsonWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The same config gives the same bytes; another seed gives other work. */
class DeterminismTest {
  private static SimulationConfig config(long seed) {
    return SimulationConfig.builder()
        .seed(seed)
        .workers(40)
        .days(2)
        .batchSize(100)
        .faults(
            FaultProfile.none()
                .withDuplicates(0.05)
                .withLateEvents(0.02, Duration.ofMinutes(20))
                .withMissingOfflines(0.1)
                .withClockSkew(0.3, Duration.ofMinutes(2)))
        .build();
  }

  /** Platform name and wire JSON of every batch, concatenated in stream order. */
  private static byte[] wireBytes(SimulationConfig config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Simulation.generate(config)
        .forEach(
            batch -> {
              out.writeBytes(batch.platform().getBytes(StandardCharsets.UTF_8));
              out.writeBytes(BatchJsonWriter.toJson(batch.batch()));
            });
    return out.toByteArray();
  }

  @Test
  void sameSeedGivesByteIdenticalBatches() {
    byte[] first = wireBytes(config(42));
    assertThat(first.length).isGreaterThan(1_000_000);
    assertThat(wireBytes(config(42))).isEqualTo(first);
  }

  @Test
  void sameSeedGivesEqualSummaries() {
    assertThat(Simulation.summarize(config(42))).isEqualTo(Simulation.summarize(config(42)));
  }

  @Test
  void differentSeedGivesDifferentWork() {
    var first = Simulation.generate(config(42)).limit(5).toList();
    var second = Simulation.generate(config(43)).limit(5).toList();
    assertThat(second).isNotEqualTo(first);
    assertThat(second.get(0).batch().events().get(0).workerRef())
        .isNotEqualTo(first.get(0).batch().events().get(0).workerRef());
  }

  @Test
  void aWorkersDayDoesNotDependOnHowManyOthersWork() {
    // Worker streams are derived from the seed and the worker alone, so growing a scenario
    // keeps every existing worker's day as it was.
    var small = GeneratedRun.of(config(42).toBuilder().faults(FaultProfile.none()).build());
    var large =
        GeneratedRun.of(config(42).toBuilder().faults(FaultProfile.none()).workers(60).build());
    assertThat(large.sessions.values()).containsAll(small.sessions.values());
  }
}
