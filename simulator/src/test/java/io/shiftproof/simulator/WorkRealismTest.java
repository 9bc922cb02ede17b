package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated work looks like gig work: shifts, orders, stacking, multi-apping. */
class WorkRealismTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int WORKERS = 600;
  private static GeneratedRun run;

  @BeforeAll
  static void generate() {
    run = GeneratedRun.of(SimulationConfig.builder().seed(5).workers(WORKERS).days(2).build());
  }

  @Test
  void sessionsFollowPlausibleSequences() {
    for (GeneratedRun.Session session : run.sessions.values()) {
      SessionChecks.assertPlausible(session);
      assertThat(session.hasOffline()).as("no OFFLINE is dropped without the fault").isTrue();
    }
  }

  @Test
  void anOnlineSessionIsNeverSilentLongerThanTheHeartbeatInterval() {
    for (GeneratedRun.Session session : run.sessions.values()) {
      List<WorkEvent> events = session.events();
      for (int i = 1; i < events.size(); i++) {
        Duration gap = Duration.between(events.get(i - 1).occurredAt(), events.get(i).occurredAt());
        assertThat(gap).isLessThanOrEqualTo(Duration.ofSeconds(61));
      }
    }
  }

  @Test
  void rideHailingHoldsOneOrderAtATimeAndDeliveriesStackUpToThree() {
    Map<PlatformKind, Integer> mostOpen = new HashMap<>();
    for (GeneratedRun.Session session : run.sessions.values()) {
      PlatformKind kind = kindOf(session.key().platform());
      mostOpen.merge(kind, SessionChecks.mostOpenTasks(session), Math::max);
    }
    assertThat(mostOpen.get(PlatformKind.RIDE_HAILING)).isEqualTo(1);
    assertThat(mostOpen.get(PlatformKind.FOOD_DELIVERY)).isEqualTo(3);
    assertThat(mostOpen.get(PlatformKind.COURIER)).isEqualTo(2);
  }

  @Test
  void aFewPercentOfOrdersAreCancelledSomeBeforePickup() {
    long assigned = count(WorkEventType.TASK_ASSIGNED);
    long cancelled = count(WorkEventType.TASK_CANCELLED);
    long completed = count(WorkEventType.TASK_COMPLETED);
    assertThat(cancelled + completed).isEqualTo(assigned);
    assertThat((double) cancelled / assigned).isBetween(0.01, 0.08);
    long cancelledBeforeStart = 0;
    for (GeneratedRun.Session session : run.sessions.values()) {
      cancelledBeforeStart += SessionChecks.tasksCancelledBeforeStart(session);
    }
    assertThat(cancelledBeforeStart).isPositive().isLessThan(cancelled);
  }

  @Test
  void shiftsCrossLocalMidnight() {
    long crossing =
        run.sessions.values().stream()
            .filter(s -> !localDate(s.first()).equals(localDate(s.last())))
            .count();
    assertThat(crossing).isGreaterThan(run.sessions.size() / 50);
    assertThat(run.summary.sessionsCrossingMidnight()).isEqualTo(crossing);
  }

  @Test
  void workersWorkOneToThreeShiftsADayOfTwoToTenHours() {
    for (List<GeneratedRun.Session> sessions : run.sessionsByWorker().values()) {
      List<Instant[]> shifts = mergedShifts(sessions);
      Map<LocalDate, Integer> shiftsPerDay = new HashMap<>();
      for (Instant[] shift : shifts) {
        shiftsPerDay.merge(localDate(shift[0]), 1, Integer::sum);
        // Two to ten planned hours, plus the orders in hand at the end.
        assertThat(Duration.between(shift[0], shift[1]))
            .isBetween(Duration.ofHours(2), Duration.ofHours(11).plusMinutes(5));
      }
      assertThat(shiftsPerDay.keySet())
          .containsExactlyInAnyOrder(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 29));
      assertThat(shiftsPerDay.values()).allSatisfy(n -> assertThat(n).isBetween(1, 3));
    }
  }

  @Test
  void multiAppShareIsRoughlyHonoured() {
    long multiApp =
        run.sessionsByWorker().values().stream()
            .filter(WorkRealismTest::overlapsAcrossPlatforms)
            .count();
    assertThat((double) multiApp / WORKERS)
        .isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.06));
    assertThat(run.summary.multiAppWorkers()).isEqualTo(multiApp);
  }

  @Test
  void aWorkerNeverRunsTwoSessionsOnOnePlatformAtOnce() {
    for (List<GeneratedRun.Session> sessions : run.sessionsByWorker().values()) {
      for (GeneratedRun.Session a : sessions) {
        for (GeneratedRun.Session b : sessions) {
          if (a != b && a.key().platform().equals(b.key().platform())) {
            assertThat(overlap(a, b)).isFalse();
          }
        }
      }
    }
  }

  @Test
  void someWorkersUseSeveralPlatformsWithoutOverlap() {
    long switchers =
        run.sessionsByWorker().values().stream()
            .filter(s -> !overlapsAcrossPlatforms(s))
            .filter(s -> s.stream().map(x -> x.key().platform()).distinct().count() > 1)
            .count();
    assertThat(switchers).isPositive();
  }

  @Test
  void ordersFollowDemandPeaks() {
    // Food delivery is busiest at lunch, far quieter before dawn.
    Map<Integer, Long> byHour = new HashMap<>();
    run.sent.stream()
        .filter(s -> kindOf(s.platform()) == PlatformKind.FOOD_DELIVERY)
        .filter(s -> s.event().type() == WorkEventType.TASK_ASSIGNED)
        .forEach(
            s -> byHour.merge(s.event().occurredAt().atZone(SHANGHAI).getHour(), 1L, Long::sum));
    assertThat(byHour.getOrDefault(12, 0L)).isGreaterThan(3 * byHour.getOrDefault(4, 0L));
  }

  private static long count(WorkEventType type) {
    return run.distinct().stream().filter(s -> s.event().type() == type).count();
  }

  private static PlatformKind kindOf(String platform) {
    return run.config.platforms().stream()
        .filter(p -> p.name().equals(platform))
        .findFirst()
        .orElseThrow()
        .kind();
  }

  private static boolean overlapsAcrossPlatforms(List<GeneratedRun.Session> sessions) {
    for (GeneratedRun.Session a : sessions) {
      for (GeneratedRun.Session b : sessions) {
        if (!a.key().platform().equals(b.key().platform()) && overlap(a, b)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean overlap(GeneratedRun.Session a, GeneratedRun.Session b) {
    return a.first().isBefore(b.last()) && b.first().isBefore(a.last());
  }

  /** The worker's online time as maximal overlapping stretches, in time order. */
  private static List<Instant[]> mergedShifts(List<GeneratedRun.Session> sessions) {
    List<GeneratedRun.Session> sorted = new ArrayList<>(sessions);
    sorted.sort(Comparator.comparing(GeneratedRun.Session::first));
    List<Instant[]> shifts = new ArrayList<>();
    for (GeneratedRun.Session s : sorted) {
      Instant[] last = shifts.isEmpty() ? null : shifts.get(shifts.size() - 1);
      if (last != null && !s.first().isAfter(last[1])) {
        if (s.last().isAfter(last[1])) {
          last[1] = s.last();
        }
      } else {
        shifts.add(new Instant[] {s.first(), s.last()});
      }
    }
    return shifts;
  }

  private static LocalDate localDate(Instant instant) {
    return instant.atZone(SHANGHAI).toLocalDate();
  }
}
