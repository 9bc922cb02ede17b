package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks on one session's events in apply order. */
final class SessionChecks {
  private SessionChecks() {}

  /**
   * ONLINE first, OFFLINE (if any) last and once; one worker; each task assigned, then maybe
   * started, then completed or cancelled, each step strictly later; no task left open.
   */
  static void assertPlausible(GeneratedRun.Session session) {
    List<WorkEvent> events = session.events();
    String where = session.key().toString();
    assertThat(events.get(0).type()).as("first event of %s", where).isEqualTo(WorkEventType.ONLINE);
    assertThat(events).as(where).filteredOn(e -> e.type() == WorkEventType.ONLINE).hasSize(1);
    assertThat(events)
        .as(where)
        .filteredOn(e -> e.type() == WorkEventType.OFFLINE)
        .hasSizeLessThan(2);
    if (session.hasOffline()) {
      assertThat(events.get(events.size() - 1).type()).as(where).isEqualTo(WorkEventType.OFFLINE);
    }
    assertThat(events).as(where).allMatch(e -> e.workerRef().equals(session.workerRef()));
    Map<String, List<WorkEvent>> tasks = new HashMap<>();
    for (WorkEvent e : events) {
      e.taskRef().ifPresent(ref -> tasks.computeIfAbsent(ref, r -> new ArrayList<>()).add(e));
    }
    tasks.forEach(
        (ref, steps) -> {
          List<WorkEventType> types = steps.stream().map(WorkEvent::type).toList();
          assertThat(types)
              .as("task %s in %s", ref, where)
              .isIn(
                  List.of(
                      WorkEventType.TASK_ASSIGNED,
                      WorkEventType.TASK_STARTED,
                      WorkEventType.TASK_COMPLETED),
                  List.of(
                      WorkEventType.TASK_ASSIGNED,
                      WorkEventType.TASK_STARTED,
                      WorkEventType.TASK_CANCELLED),
                  List.of(WorkEventType.TASK_ASSIGNED, WorkEventType.TASK_CANCELLED));
          for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).occurredAt()).isAfter(steps.get(i - 1).occurredAt());
          }
        });
  }

  /** Most tasks open at once during the session. */
  static int mostOpenTasks(GeneratedRun.Session session) {
    int open = 0;
    int most = 0;
    for (WorkEvent e : session.events()) {
      switch (e.type()) {
        case TASK_ASSIGNED -> most = Math.max(most, ++open);
        case TASK_COMPLETED, TASK_CANCELLED -> open--;
        default -> {}
      }
    }
    return most;
  }

  static long tasksCancelledBeforeStart(GeneratedRun.Session session) {
    Map<String, Boolean> started = new HashMap<>();
    long count = 0;
    for (WorkEvent e : session.events()) {
      String ref = e.taskRef().orElse("");
      if (e.type() == WorkEventType.TASK_STARTED) {
        started.put(ref, true);
      } else if (e.type() == WorkEventType.TASK_CANCELLED && !started.containsKey(ref)) {
        count++;
      }
    }
    return count;
  }
}
