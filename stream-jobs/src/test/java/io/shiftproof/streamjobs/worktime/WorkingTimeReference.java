package io.shiftproof.streamjobs.worktime;

import io.shiftproof.schemas.wire.WorkEventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately naive model of docs/design.md §5, written apart from the production code: time is
 * cut into cells of {@code cellSeconds} (every event time, watermark and midnight is a multiple of
 * it), and the state of each cell is worked out from scratch by replaying each session's events up
 * to that cell. No intervals, no sweeps: slow and obviously right.
 */
final class WorkingTimeReference {

  private static final List<WorkEventType> TIE_ORDER =
      List.of(
          WorkEventType.ONLINE,
          WorkEventType.TASK_ASSIGNED,
          WorkEventType.TASK_STARTED,
          WorkEventType.HEARTBEAT,
          WorkEventType.TASK_COMPLETED,
          WorkEventType.TASK_CANCELLED,
          WorkEventType.OFFLINE);

  private final long timeoutSeconds;
  private final long watermarkSecond;
  private final long cellSeconds;
  private final Map<String, List<ReferenceEvent>> sessions = new TreeMap<>();
  private final Map<String, String> platformOfSession = new HashMap<>();
  private long firstEvent = Long.MAX_VALUE;
  private long lastEvent = Long.MIN_VALUE;

  WorkingTimeReference(
      List<ReferenceEvent> events, long timeoutSeconds, long watermarkSecond, long cellSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    this.watermarkSecond = watermarkSecond;
    this.cellSeconds = cellSeconds;
    Map<String, ReferenceEvent> distinct = new LinkedHashMap<>();
    for (ReferenceEvent event : events) {
      distinct.putIfAbsent(event.platform() + "\u0000" + event.eventId(), event);
    }
    for (ReferenceEvent event : distinct.values()) {
      if (event.occurredAtSecond() >= watermarkSecond) {
        continue;
      }
      String session = event.platform() + "\u0000" + event.sessionId();
      sessions.computeIfAbsent(session, s -> new ArrayList<>()).add(event);
      platformOfSession.put(session, event.platform());
      firstEvent = Math.min(firstEvent, event.occurredAtSecond());
      lastEvent = Math.max(lastEvent, event.occurredAtSecond());
    }
    for (List<ReferenceEvent> sessionEvents : sessions.values()) {
      sessionEvents.sort(
          Comparator.comparingLong(ReferenceEvent::occurredAtSecond)
              .thenComparingInt(e -> TIE_ORDER.indexOf(e.type())));
    }
  }

  /**
   * The second up to which the worker's time is known at the watermark: the watermark, or else the
   * earliest last event of a session that is online after that event and whose silence has not yet
   * lasted the timeout, since such a session may still send an event in time or turn out to have
   * closed at that last event.
   */
  long knownUntil() {
    long known = watermarkSecond;
    for (List<ReferenceEvent> events : sessions.values()) {
      // Events are in application order: the session is online after its last one unless that is
      // an OFFLINE (an event of any other type opens a closed session again).
      ReferenceEvent last = events.get(events.size() - 1);
      if (last.type() != WorkEventType.OFFLINE
          && watermarkSecond - last.occurredAtSecond() < timeoutSeconds) {
        known = Math.min(known, last.occurredAtSecond());
      }
    }
    return known;
  }

  /** The state of every online platform during the cell starting at {@code second}. */
  TreeMap<String, WorkState> platformStatesAt(long second) {
    TreeMap<String, WorkState> states = new TreeMap<>();
    for (Map.Entry<String, List<ReferenceEvent>> session : sessions.entrySet()) {
      WorkState state = sessionStateAt(session.getValue(), second);
      if (state != WorkState.OFFLINE) {
        states.merge(
            platformOfSession.get(session.getKey()), state, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    return states;
  }

  private WorkState sessionStateAt(List<ReferenceEvent> events, long second) {
    boolean online = false;
    Map<String, Boolean> taskStarted = new HashMap<>();
    long last = Long.MIN_VALUE;
    int applied = 0;
    while (applied < events.size() && events.get(applied).occurredAtSecond() <= second) {
      ReferenceEvent event = events.get(applied);
      if (online && event.occurredAtSecond() - last >= timeoutSeconds) {
        online = false;
        taskStarted.clear();
      }
      if (event.type() == WorkEventType.OFFLINE) {
        online = false;
        taskStarted.clear();
      } else {
        online = true;
        applyToTasks(taskStarted, event);
      }
      last = event.occurredAtSecond();
      applied++;
    }
    if (!online) {
      return WorkState.OFFLINE;
    }
    long next = applied < events.size() ? events.get(applied).occurredAtSecond() : watermarkSecond;
    if (next - last >= timeoutSeconds) {
      return WorkState.OFFLINE;
    }
    if (taskStarted.containsValue(true)) {
      return WorkState.ON_TASK;
    }
    return taskStarted.isEmpty() ? WorkState.AVAILABLE : WorkState.EN_ROUTE;
  }

  /**
   * The anomaly flags whose instant lies in {@code [dayStart, dayEnd)}, as sorted strings {@code
   * "KIND platform session second"}, found by one straight pass over each session.
   */
  List<String> anomalies(long dayStart, long dayEnd) {
    List<String> flags = new ArrayList<>();
    for (Map.Entry<String, List<ReferenceEvent>> session : sessions.entrySet()) {
      boolean online = false;
      Map<String, Boolean> taskStarted = new HashMap<>();
      long last = Long.MIN_VALUE;
      for (ReferenceEvent event : session.getValue()) {
        if (online && event.occurredAtSecond() - last >= timeoutSeconds) {
          flags.add(flag("TIMEOUT", event, last));
          online = false;
          taskStarted.clear();
        }
        if (event.type() == WorkEventType.OFFLINE) {
          online = false;
          taskStarted.clear();
        } else {
          if (!online && event.type() != WorkEventType.ONLINE) {
            flags.add(flag("IMPLIED_ONLINE", event, event.occurredAtSecond()));
          }
          online = true;
          if (event.type() == WorkEventType.TASK_STARTED
              && !taskStarted.containsKey(event.taskRef())) {
            flags.add(flag("IMPLIED_ASSIGNMENT", event, event.occurredAtSecond()));
          }
          applyToTasks(taskStarted, event);
        }
        last = event.occurredAtSecond();
      }
      if (online && watermarkSecond - last >= timeoutSeconds) {
        flags.add(flag("TIMEOUT", session.getValue().get(0), last));
      }
    }
    return flags.stream()
        .filter(
            flag ->
                inDay(Long.parseLong(flag.substring(flag.lastIndexOf(' ') + 1)), dayStart, dayEnd))
        .sorted()
        .toList();
  }

  private static boolean inDay(long second, long dayStart, long dayEnd) {
    return second >= dayStart && second < dayEnd;
  }

  private static String flag(String kind, ReferenceEvent event, long second) {
    return kind + " " + event.platform() + " " + event.sessionId() + " " + second;
  }

  /** The state of each cell of {@code [dayStart, dayEnd)} that is known and online. */
  private List<Cell> onlineCells(long dayStart, long dayEnd) {
    List<Cell> cells = new ArrayList<>();
    if (sessions.isEmpty()) {
      return cells;
    }
    // Nothing is online before the first event, nor a timeout after the last one.
    long from = Math.max(dayStart, firstEvent);
    long to = Math.min(Math.min(dayEnd, watermarkSecond), lastEvent + timeoutSeconds);
    for (long second = from; second < to; second += cellSeconds) {
      TreeMap<String, WorkState> states = platformStatesAt(second);
      if (!states.isEmpty()) {
        cells.add(new Cell(second, states));
      }
    }
    return cells;
  }

  DayTotals totals(long dayStart, long dayEnd, long stretchJoinGapSeconds) {
    long online = 0;
    long engaged = 0;
    long onTask = 0;
    long multiApp = 0;
    long platformSum = 0;
    List<long[]> engagedRuns = new ArrayList<>();
    for (Cell cell : onlineCells(dayStart, dayEnd)) {
      WorkState state = cell.crossState();
      online += cellSeconds;
      if (state == WorkState.EN_ROUTE || state == WorkState.ON_TASK) {
        engaged += cellSeconds;
        long[] run = engagedRuns.isEmpty() ? null : engagedRuns.get(engagedRuns.size() - 1);
        if (run != null && run[1] == cell.second()) {
          run[1] += cellSeconds;
        } else {
          engagedRuns.add(new long[] {cell.second(), cell.second() + cellSeconds});
        }
      }
      if (state == WorkState.ON_TASK) {
        onTask += cellSeconds;
      }
      if (cell.states().size() >= 2) {
        multiApp += cellSeconds;
      }
      platformSum += cellSeconds * cell.states().size();
    }
    return new DayTotals(
        online,
        engaged,
        onTask,
        multiApp,
        platformSum,
        longestStretch(engagedRuns, stretchJoinGapSeconds));
  }

  /** Tries every pair of runs: runs i..j join when every gap between them is short enough. */
  private static long longestStretch(List<long[]> runs, long joinGapSeconds) {
    long longest = 0;
    for (int i = 0; i < runs.size(); i++) {
      for (int j = i; j < runs.size(); j++) {
        boolean joined = true;
        for (int k = i; k < j; k++) {
          if (runs.get(k + 1)[0] - runs.get(k)[1] >= joinGapSeconds) {
            joined = false;
          }
        }
        if (joined) {
          longest = Math.max(longest, runs.get(j)[1] - runs.get(i)[0]);
        }
      }
    }
    return longest;
  }

  /** Segments as (from, to, state, online platforms, engaged platforms), times in seconds. */
  List<ReferenceSegment> segments(long dayStart, long dayEnd) {
    List<ReferenceSegment> segments = new ArrayList<>();
    for (Cell cell : onlineCells(dayStart, dayEnd)) {
      ReferenceSegment current =
          new ReferenceSegment(
              cell.second(),
              cell.second() + cellSeconds,
              cell.crossState(),
              List.copyOf(cell.states().keySet()),
              cell.engagedPlatforms());
      if (!segments.isEmpty()) {
        ReferenceSegment previous = segments.get(segments.size() - 1);
        if (previous.to() == current.from()
            && previous.state() == current.state()
            && previous.online().equals(current.online())
            && previous.engaged().equals(current.engaged())) {
          segments.set(
              segments.size() - 1,
              new ReferenceSegment(
                  previous.from(),
                  current.to(),
                  previous.state(),
                  previous.online(),
                  previous.engaged()));
          continue;
        }
      }
      segments.add(current);
    }
    return segments;
  }

  record ReferenceSegment(
      long from, long to, WorkState state, List<String> online, List<String> engaged) {}

  private record Cell(long second, TreeMap<String, WorkState> states) {
    WorkState crossState() {
      WorkState highest = WorkState.OFFLINE;
      for (WorkState state : states.values()) {
        if (state.compareTo(highest) > 0) {
          highest = state;
        }
      }
      return highest;
    }

    List<String> engagedPlatforms() {
      TreeSet<String> engaged = new TreeSet<>();
      states.forEach(
          (platform, state) -> {
            if (state == WorkState.EN_ROUTE || state == WorkState.ON_TASK) {
              engaged.add(platform);
            }
          });
      return List.copyOf(engaged);
    }
  }

  /** Open tasks of a session (task to whether it has started) after one online-session event. */
  private static void applyToTasks(Map<String, Boolean> taskStarted, ReferenceEvent event) {
    switch (event.type()) {
      case TASK_ASSIGNED -> taskStarted.putIfAbsent(event.taskRef(), false);
      case TASK_STARTED -> taskStarted.put(event.taskRef(), true);
      case TASK_COMPLETED, TASK_CANCELLED -> taskStarted.remove(event.taskRef());
      default -> {}
    }
  }
}
