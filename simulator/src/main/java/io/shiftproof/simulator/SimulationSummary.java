package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.WorkEventType;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a simulation generated: workers and sessions planned, events sent (duplicates included) by
 * type and platform, and the faults injected.
 *
 * @param workers workers simulated
 * @param multiAppWorkers workers who keep two apps online at once during shifts
 * @param sessions sessions played out
 * @param sessionsCrossingMidnight sessions whose first and last events fall on different local days
 * @param batches batches sent
 * @param events events sent, each resent duplicate counted again
 * @param eventsByType events sent per type
 * @param eventsByPlatform events sent per platform
 * @param faults the faults injected
 */
public record SimulationSummary(
    long workers,
    long multiAppWorkers,
    long sessions,
    long sessionsCrossingMidnight,
    long batches,
    long events,
    Map<WorkEventType, Long> eventsByType,
    Map<String, Long> eventsByPlatform,
    InjectedFaults faults) {

  public SimulationSummary {
    eventsByType = Map.copyOf(eventsByType);
    eventsByPlatform = Map.copyOf(eventsByPlatform);
  }

  /**
   * Counts of injected faults.
   *
   * @param duplicates events sent a second time
   * @param lateEvents events sent late
   * @param missingOfflines sessions that never sent {@code OFFLINE}
   * @param skewedSessions sessions reported from a skewed clock
   */
  public record InjectedFaults(
      long duplicates, long lateEvents, long missingOfflines, long skewedSessions) {}

  /** A few readable lines, for a demo's console or a test's log. */
  public String describe() {
    String types =
        eventsByType.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
    String platforms =
        eventsByPlatform.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
    return String.format(
        "workers %d (multi-app %d), sessions %d (crossing midnight %d)%n"
            + "batches %d, events %d%n"
            + "by type: %s%n"
            + "by platform: %s%n"
            + "faults: duplicates %d, late %d, missing OFFLINE %d, skewed sessions %d",
        workers,
        multiAppWorkers,
        sessions,
        sessionsCrossingMidnight,
        batches,
        events,
        types,
        platforms,
        faults.duplicates(),
        faults.lateEvents(),
        faults.missingOfflines(),
        faults.skewedSessions());
  }
}
