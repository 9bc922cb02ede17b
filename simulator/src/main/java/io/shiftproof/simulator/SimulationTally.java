package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.WorkEventType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running counts of a simulation, updated as its batch stream is consumed; {@link #summary()} is
 * complete once the stream is exhausted. Pass a fresh tally to {@link Simulation#generate(
 * SimulationConfig, SimulationTally)} for each run.
 */
public final class SimulationTally {
  private long workers;
  private long multiAppWorkers;
  private long sessions;
  private long sessionsCrossingMidnight;
  private long batches;
  private long events;
  private final long[] typeCounts = new long[WorkEventType.values().length];
  private final Map<String, Long> byPlatform = new LinkedHashMap<>();
  private long duplicates;
  private long lateEvents;
  private long missingOfflines;
  private long skewedSessions;

  /** The counts so far. */
  public synchronized SimulationSummary summary() {
    return new SimulationSummary(
        workers,
        multiAppWorkers,
        sessions,
        sessionsCrossingMidnight,
        batches,
        events,
        byType(),
        byPlatform,
        new SimulationSummary.InjectedFaults(
            duplicates, lateEvents, missingOfflines, skewedSessions));
  }

  private Map<WorkEventType, Long> byType() {
    Map<WorkEventType, Long> byType = new EnumMap<>(WorkEventType.class);
    for (WorkEventType type : WorkEventType.values()) {
      if (typeCounts[type.ordinal()] > 0) {
        byType.put(type, typeCounts[type.ordinal()]);
      }
    }
    return byType;
  }

  synchronized void workerPlanned(WorkerProfile worker) {
    workers++;
    if (worker.multiApp()) {
      multiAppWorkers++;
    }
  }

  synchronized void sessionEnded(SessionRun session) {
    sessions++;
    if (session.crossedMidnight()) {
      sessionsCrossingMidnight++;
    }
    if (session.offlineDropped()) {
      missingOfflines++;
    }
    if (session.clockSkewed()) {
      skewedSessions++;
    }
  }

  synchronized void platformKnown(String platform) {
    byPlatform.putIfAbsent(platform, 0L);
  }

  synchronized void batchSent(String platform, List<OutgoingEvent> sent) {
    batches++;
    events += sent.size();
    byPlatform.merge(platform, (long) sent.size(), Long::sum);
    for (OutgoingEvent event : sent) {
      typeCounts[event.event().type().ordinal()]++;
      switch (event.delivery()) {
        case LATE -> lateEvents++;
        case DUPLICATE -> duplicates++;
        case ON_TIME -> {}
      }
    }
  }
}
