package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Whatever the seed, size and faults, every session is plausible and every batch well formed. */
class GeneratedRunPropertiesTest {
  @Property(tries = 30)
  void everyRunIsWellFormed(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int workers,
      @ForAll @IntRange(min = 1, max = 4) int platforms,
      @ForAll @IntRange(min = 1, max = 2) int days,
      @ForAll @IntRange(min = 1, max = 300) int batchSize,
      @ForAll @DoubleRange(min = 0, max = 1) double multiAppShare,
      @ForAll @DoubleRange(min = 0, max = 0.2) double faultRate) {
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(seed)
            .workers(workers)
            .platforms(platforms)
            .days(days)
            .batchSize(batchSize)
            .multiAppShare(multiAppShare)
            .faults(
                FaultProfile.none()
                    .withDuplicates(faultRate)
                    .withLateEvents(faultRate, Duration.ofMinutes(45))
                    .withMissingOfflines(faultRate)
                    .withClockSkew(faultRate, Duration.ofMinutes(3)))
            .build();
    GeneratedRun run = GeneratedRun.of(config);

    assertThat(run.batches).allSatisfy(b -> assertThat(b.size()).isBetween(1, batchSize));
    run.sessions.values().forEach(SessionChecks::assertPlausible);
    assertThat(run.sessionsByWorker()).hasSize(workers);
    Map<String, String> firstSeen = new HashMap<>();
    for (GeneratedRun.Sent s : run.sent) {
      String earlier =
          firstSeen.putIfAbsent(s.platform() + "/" + s.event().eventId(), s.event().toString());
      assertThat(earlier == null || earlier.equals(s.event().toString())).isTrue();
    }
  }
}
