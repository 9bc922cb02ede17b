package io.shiftproof.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans one worker's day: one to three shifts of two to ten hours with breaks between, starting at
 * the worker's habitual time, and for multi-app workers a second app online during shifts.
 */
final class DayPlanner {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  /**
   * Shortest gap between one shift's planned end and the next start. A session can run past its
   * planned end by the orders in hand, and two skewed clocks can pull sessions together; planning
   * beyond both keeps a single-app worker's sessions from ever appearing to overlap.
   */
  static final long MIN_BREAK_MILLIS =
      PlatformKind.MAX_OVERRUN_MILLIS + 2 * FaultProfile.SKEW_LIMIT.toMillis() + 5 * MINUTE;

  /** Chance that a multi-app worker also opens the second app in a shift after the first. */
  private static final double SECOND_APP_LATER_SHIFTS = 0.6;

  private final SimulationConfig config;
  private final SyntheticIds ids;

  DayPlanner(SimulationConfig config, SyntheticIds ids) {
    this.config = config;
    this.ids = ids;
  }

  /** The worker's sessions of {@code day}, none starting before {@code availableFrom}. */
  DayPlan plan(WorkerProfile worker, int day, long availableFrom) {
    SplittableRandom rng = SeedDerivation.random(config.seed(), 2, worker.number(), day);
    long dayStart = startOfDay(day);
    long dayEnd = startOfDay(day + 1);
    int shifts = drawShiftCount(rng.nextDouble());
    ShiftPattern pattern = worker.pattern();
    long start =
        Math.max(
            availableFrom,
            dayStart
                + rng.nextLong(pattern.firstStartFrom * MINUTE, pattern.firstStartTo * MINUTE));
    List<PlannedSession> sessions = new ArrayList<>();
    long lastEnd = availableFrom;
    // A shift belongs to the day it starts on; it may run past midnight into the next.
    for (int shift = 0; shift < shifts && start < dayEnd; shift++) {
      long end = start + drawShiftLength(shifts, rng);
      int platform =
          worker.switcher() && shift % 2 == 1 ? worker.otherPlatform() : worker.mainPlatform();
      sessions.add(session(worker, platform, day, sessions.size(), start, end));
      if (worker.multiApp() && (shift == 0 || rng.nextDouble() < SECOND_APP_LATER_SHIFTS)) {
        // The second app comes online during the shift and goes off no later than the first.
        long secondStart = start + rng.nextLong(0, (end - start) / 2);
        long secondEnd = end - rng.nextLong(0, (end - secondStart) / 3 + 1);
        sessions.add(
            session(worker, worker.otherPlatform(), day, sessions.size(), secondStart, secondEnd));
      }
      lastEnd = end;
      start = end + rng.nextLong(MIN_BREAK_MILLIS, 3 * HOUR);
    }
    return new DayPlan(sessions, lastEnd + MIN_BREAK_MILLIS);
  }

  long startOfDay(int day) {
    return config.startDate().plusDays(day).atStartOfDay(config.zone()).toInstant().toEpochMilli();
  }

  private PlannedSession session(
      WorkerProfile worker, int platformIndex, int day, int slot, long start, long end) {
    SimulatedPlatform platform = config.platforms().get(platformIndex);
    String sessionId = ids.sessionId(platform.name(), worker.number(), day, slot);
    return new PlannedSession(worker, platformIndex, platform, sessionId, day, slot, start, end);
  }

  private static int drawShiftCount(double u) {
    return u < 0.45 ? 1 : u < 0.85 ? 2 : 3;
  }

  // More shifts a day means shorter ones, keeping working days between 2 and about 12 hours.
  private static long drawShiftLength(int shifts, SplittableRandom rng) {
    return switch (shifts) {
      case 1 -> rng.nextLong(4 * HOUR, 10 * HOUR);
      case 2 -> rng.nextLong(5 * HOUR / 2, 6 * HOUR);
      default -> rng.nextLong(2 * HOUR, 4 * HOUR);
    };
  }

  /** A worker's sessions for one day and when the worker can next start a shift. */
  record DayPlan(List<PlannedSession> sessions, long availableFrom) {}
}
