package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.shiftproof.schemas.wire.WorkEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault shows up in the output at about its configured rate, and only when configured. */
class FaultInjectionTest {
  private static final double DUPLICATE_RATE = 0.02;
  private static final double LATE_RATE = 0.01;
  private static final Duration LATENESS = Duration.ofMinutes(30);
  private static final double MISSING_OFFLINE_RATE = 0.15;
  private static final double SKEW_SHARE = 0.2;

  private static GeneratedRun faulty;

  @BeforeAll
  static void generate() {
    faulty =
        GeneratedRun.of(
            SimulationConfig.builder()
                .seed(99)
                .workers(300)
                .days(1)
                .faults(
                    FaultProfile.none()
                        .withDuplicates(DUPLICATE_RATE)
                        .withLateEvents(LATE_RATE, LATENESS)
                        .withMissingOfflines(MISSING_OFFLINE_RATE)
                        .withClockSkew(SKEW_SHARE, Duration.ofSeconds(90)))
                .build());
  }

  @Test
  void duplicatesAreIdenticalEventsResentAtTheirRate() {
    Map<String, WorkEvent> seen = new HashMap<>();
    long duplicates = 0;
    for (GeneratedRun.Sent s : faulty.sent) {
      WorkEvent first = seen.putIfAbsent(s.platform() + "/" + s.event().eventId(), s.event());
      if (first != null) {
        assertThat(s.event()).isEqualTo(first);
        duplicates++;
      }
    }
    assertThat((double) duplicates / seen.size()).isCloseTo(DUPLICATE_RATE, offset(0.003));
    assertThat(faulty.summary.faults().duplicates()).isEqualTo(duplicates);
  }

  @Test
  void lateEventsArriveWellAfterLaterEventsAtTheirRate() {
    // An event counts as late when its platform has already sent events that happened more
    // than ten minutes after it: ordinary upload delays are seconds, skews at most 90 s.
    Map<String, Instant> newestSent = new HashMap<>();
    Set<String> seen = new HashSet<>();
    long late = 0;
    long distinct = 0;
    for (GeneratedRun.Sent s : faulty.sent) {
      if (!seen.add(s.platform() + "/" + s.event().eventId())) {
        continue;
      }
      distinct++;
      Instant at = s.event().occurredAt();
      Instant newest = newestSent.merge(s.platform(), at, (a, b) -> a.isAfter(b) ? a : b);
      if (newest.minus(Duration.ofMinutes(10)).isAfter(at)) {
        late++;
      }
    }
    long injected = faulty.summary.faults().lateEvents();
    assertThat((double) injected / distinct).isCloseTo(LATE_RATE, offset(0.002));
    assertThat(late).isBetween(injected * 8 / 10, injected);
  }

  @Test
  void sessionsMissTheirOfflineAtTheirRate() {
    long missing = faulty.sessions.values().stream().filter(s -> !s.hasOffline()).count();
    assertThat((double) missing / faulty.sessions.size())
        .isCloseTo(MISSING_OFFLINE_RATE, offset(0.04));
    assertThat(faulty.summary.faults().missingOfflines()).isEqualTo(missing);
    // Without OFFLINE the session simply falls silent; its order is still plausible.
    faulty.sessions.values().forEach(SessionChecks::assertPlausible);
  }

  @Test
  void aShareOfSessionsRunOnASkewedClock() {
    SimulationSummary summary = faulty.summary;
    assertThat((double) summary.faults().skewedSessions() / summary.sessions())
        .isCloseTo(SKEW_SHARE, offset(0.04));
  }

  @Test
  void noFaultsMeansNone() {
    SimulationSummary clean =
        Simulation.summarize(SimulationConfig.builder().seed(99).workers(50).build());
    assertThat(clean.faults()).isEqualTo(new SimulationSummary.InjectedFaults(0, 0, 0, 0));
  }
}
