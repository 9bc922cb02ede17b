package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A whole (small) simulation held in memory for inspection: the batches in send order, and the
 * events regrouped as a consumer of the wire format would, into sessions in docs/design.md §5
 * order.
 */
final class GeneratedRun {
  /** docs/design.md §5: at equal times events apply in this order. */
  static final List<WorkEventType> EQUAL_TIME_ORDER =
      List.of(
          WorkEventType.ONLINE,
          WorkEventType.TASK_ASSIGNED,
          WorkEventType.TASK_STARTED,
          WorkEventType.HEARTBEAT,
          WorkEventType.TASK_COMPLETED,
          WorkEventType.TASK_CANCELLED,
          WorkEventType.OFFLINE);

  static final Comparator<WorkEvent> APPLY_ORDER =
      Comparator.comparing(WorkEvent::occurredAt)
          .thenComparingInt(e -> EQUAL_TIME_ORDER.indexOf(e.type()));

  /** One event as sent: by which platform, and its position in that platform's send order. */
  record Sent(String platform, int position, WorkEvent event) {}

  /** A session as the hub would key it. */
  record SessionKey(String platform, String sessionId) {}

  /** A session's events, de-duplicated and in apply order. */
  record Session(SessionKey key, String workerRef, List<WorkEvent> events) {
    Instant first() {
      return events.get(0).occurredAt();
    }

    Instant last() {
      return events.get(events.size() - 1).occurredAt();
    }

    boolean hasOffline() {
      return events.stream().anyMatch(e -> e.type() == WorkEventType.OFFLINE);
    }
  }

  final SimulationConfig config;
  final List<PlatformBatch> batches;
  final SimulationSummary summary;
  final List<Sent> sent = new ArrayList<>();
  final Map<SessionKey, Session> sessions;

  private GeneratedRun(SimulationConfig config) {
    this.config = config;
    SimulationTally tally = new SimulationTally();
    this.batches = Simulation.generate(config, tally).toList();
    this.summary = tally.summary();
    Map<String, Integer> positions = new HashMap<>();
    for (PlatformBatch batch : batches) {
      for (WorkEvent event : batch.batch().events()) {
        int position = positions.merge(batch.platform(), 1, Integer::sum) - 1;
        sent.add(new Sent(batch.platform(), position, event));
      }
    }
    this.sessions = groupSessions(sent);
  }

  static GeneratedRun of(SimulationConfig config) {
    return new GeneratedRun(config);
  }

  /** Every sent event with each platform's resent duplicates removed. */
  List<Sent> distinct() {
    Set<String> seen = new HashSet<>();
    return sent.stream().filter(s -> seen.add(s.platform() + "/" + s.event().eventId())).toList();
  }

  Map<String, List<Session>> sessionsByWorker() {
    return sessions.values().stream()
        .collect(
            Collectors.groupingBy(Session::workerRef, LinkedHashMap::new, Collectors.toList()));
  }

  private static Map<SessionKey, Session> groupSessions(List<Sent> sent) {
    Map<SessionKey, Map<String, WorkEvent>> byKey = new LinkedHashMap<>();
    for (Sent s : sent) {
      byKey
          .computeIfAbsent(
              new SessionKey(s.platform(), s.event().sessionId()), k -> new LinkedHashMap<>())
          .putIfAbsent(s.event().eventId(), s.event());
    }
    Map<SessionKey, Session> sessions = new LinkedHashMap<>();
    byKey.forEach(
        (key, events) -> {
          List<WorkEvent> ordered = new ArrayList<>(events.values());
          ordered.sort(APPLY_ORDER);
          sessions.put(key, new Session(key, ordered.get(0).workerRef(), ordered));
        });
    return sessions;
  }
}
