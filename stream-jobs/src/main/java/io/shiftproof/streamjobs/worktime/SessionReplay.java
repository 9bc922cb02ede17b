package io.shiftproof.streamjobs.worktime;

import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the events of one platform session (one {@code (platform, sessionId)}) under the rules of
 * docs/design.md §5 and emits the intervals the session was online, en route and on task.
 *
 * <p>A replay is kept and fed the session's events one at a time, in application order, as the
 * watermark passes them ({@link SessionLog} decides which). Its outputs only ever grow, so a {@link
 * Mark} (the lengths of the outputs and the small state of the open episode) lets it go back to an
 * earlier point when an event arrives out of order, and replay only the events after that point.
 * {@link #outcome} reads the result at a watermark without changing the replay: the session still
 * open there is closed in a copy, never in the replay itself.
 */
final class SessionReplay {

  /**
   * Application order within a session: by time, at equal times by the §5 type order, and then by
   * event id so that the result never depends on arrival order.
   */
  static final Comparator<TimelineEvent> APPLICATION_ORDER = SessionReplay::compareApplication;

  private final String platform;
  private final String sessionId;
  private final Duration silenceTimeout;

  private final List<StateInterval> intervals = new ArrayList<>();
  private final List<Anomaly> anomalies = new ArrayList<>();
  private final List<EventSpan> spans = new ArrayList<>();

  private boolean online;
  private Instant onlineSince;
  private TimelineEvent lastEvent;
  private TreeMap<String, OpenTask> openTasks = new TreeMap<>();
  // Only collected here, then copied into an unordered set: a hash set avoids sorting per event.
  private Set<SourceEvent> episodeEvents = new HashSet<>();

  /**
   * How {@link #episodeEvents} changed, in order, so that {@link #rewind} can undo just the changes
   * since a mark instead of each mark copying the whole set: an event added, or a whole episode's
   * set put aside when the episode closed.
   */
  private final List<SourceChange> sourceChanges = new ArrayList<>();

  SessionReplay(String platform, String sessionId, Duration silenceTimeout) {
    this.platform = platform;
    this.sessionId = sessionId;
    this.silenceTimeout = silenceTimeout;
  }

  /**
   * The session's outcome with the events applied so far, as known when the stream is complete
   * before {@code watermark}: a session still open there closes by silence if its timeout has
   * passed, and otherwise counts as online up to the watermark (the outcome then says from when it
   * is undecided).
   *
   * @param nextHeldBack the session's earliest event at or after the watermark, if any
   */
  SessionOutcome outcome(Instant watermark, Optional<Instant> nextHeldBack) {
    List<StateInterval> allIntervals = new ArrayList<>(intervals);
    List<Anomaly> allAnomalies = new ArrayList<>(anomalies);
    List<EventSpan> allSpans = new ArrayList<>(spans);
    Optional<Instant> undecidedFrom = Optional.empty();
    Optional<Instant> silenceClosure = Optional.empty();
    if (online && silenceReached(watermark)) {
      allAnomalies.add(anomaly(AnomalyKind.TIMEOUT, lastEvent, lastEvent.occurredAt()));
      closeInto(lastEvent.occurredAt(), allIntervals, allSpans);
    } else if (online) {
      Instant last = lastEvent.occurredAt();
      undecidedFrom = Optional.of(last);
      Instant closesAt = last.plus(silenceTimeout);
      // An event already held back before that instant keeps the session alive past it.
      if (nextHeldBack.isEmpty() || !nextHeldBack.get().isBefore(closesAt)) {
        silenceClosure = Optional.of(closesAt);
      }
      // Provisional: the session may still send events, so it counts as online up to the
      // watermark; a later event or watermark may still close it at its last event instead.
      closeInto(watermark, allIntervals, allSpans);
    }
    return new SessionOutcome(
        Collections.unmodifiableList(allIntervals),
        Collections.unmodifiableList(allAnomalies),
        Collections.unmodifiableList(allSpans),
        undecidedFrom,
        silenceClosure,
        nextHeldBack);
  }

  /** Whether the session is online after the events applied so far. */
  boolean online() {
    return online;
  }

  /** The replay's state now, to {@link #rewind} to after later events turn out to be misplaced. */
  Mark mark() {
    return new Mark(
        online,
        onlineSince,
        lastEvent,
        openTasks.isEmpty() ? EMPTY_TASKS : new TreeMap<>(openTasks),
        intervals.size(),
        anomalies.size(),
        spans.size(),
        sourceChanges.size());
  }

  /** Goes back to the state of {@code mark}, taken earlier on this replay and not rewound past. */
  void rewind(Mark mark) {
    online = mark.online();
    onlineSince = mark.onlineSince();
    lastEvent = mark.lastEvent();
    openTasks = new TreeMap<>(mark.openTasks());
    intervals.subList(mark.intervals(), intervals.size()).clear();
    anomalies.subList(mark.anomalies(), anomalies.size()).clear();
    spans.subList(mark.spans(), spans.size()).clear();
    for (int i = sourceChanges.size() - 1; i >= mark.sourceChanges(); i--) {
      SourceChange change = sourceChanges.remove(i);
      if (change.added() != null) {
        episodeEvents.remove(change.added());
      } else {
        episodeEvents = change.closedEpisode();
      }
    }
  }

  /**
   * A session's outcome, and whether it is final: every event of the session is before the
   * watermark and the session ended closed, so the watermark neither held an event back nor cut an
   * open session short. Such an outcome is the same at every later watermark until the session gets
   * another event.
   */
  record Replayed(SessionOutcome outcome, boolean isFinal) {}

  private static final TreeMap<String, OpenTask> EMPTY_TASKS = new TreeMap<>();

  /** A point of the replay to come back to; see {@link #mark}. */
  record Mark(
      boolean online,
      Instant onlineSince,
      TimelineEvent lastEvent,
      TreeMap<String, OpenTask> openTasks,
      int intervals,
      int anomalies,
      int spans,
      int sourceChanges) {}

  /** One change of the open episode's events: {@code added}, or else {@code closedEpisode}. */
  private record SourceChange(SourceEvent added, Set<SourceEvent> closedEpisode) {}

  // Written out rather than chained with Comparator.comparing: every event is placed with it, and
  // the chained lambdas with their boxing dominated the replay.
  private static int compareApplication(TimelineEvent a, TimelineEvent b) {
    int byTime = a.occurredAt().compareTo(b.occurredAt());
    if (byTime != 0) {
      return byTime;
    }
    int byType = Integer.compare(typeRank(a.type()), typeRank(b.type()));
    return byType != 0 ? byType : a.eventId().compareTo(b.eventId());
  }

  static int typeRank(WorkEventType type) {
    return switch (type) {
      case ONLINE -> 0;
      case TASK_ASSIGNED -> 1;
      case TASK_STARTED -> 2;
      case HEARTBEAT -> 3;
      case TASK_COMPLETED -> 4;
      case TASK_CANCELLED -> 5;
      case OFFLINE -> 6;
    };
  }

  /** Applies the session's next event in {@link #APPLICATION_ORDER}. */
  void apply(TimelineEvent event) {
    // The silence is judged before the event: an event after a long silence first closes the old
    // episode at its last event, then (unless it is OFFLINE) opens a new one.
    if (online && silenceReached(event.occurredAt())) {
      closeBySilence();
    }
    if (event.type() == WorkEventType.OFFLINE) {
      if (online) {
        addSource(event);
        close(event.occurredAt());
      } else {
        spans.add(
            new EventSpan(
                event.occurredAt(),
                event.occurredAt(),
                Set.of(new SourceEvent(event.platform(), event.eventId()))));
      }
    } else {
      if (!online) {
        open(event);
      }
      addSource(event);
      applyWhileOnline(event);
    }
    lastEvent = event;
  }

  private void applyWhileOnline(TimelineEvent event) {
    Instant at = event.occurredAt();
    switch (event.type()) {
      case TASK_ASSIGNED ->
          openTasks.putIfAbsent(event.taskRef(), new OpenTask(at, Optional.empty()));
      case TASK_STARTED -> start(event);
      case TASK_COMPLETED, TASK_CANCELLED -> {
        OpenTask task = openTasks.remove(event.taskRef());
        if (task != null) {
          end(task, at, intervals);
        }
      }
      case ONLINE, HEARTBEAT, OFFLINE -> {
        // ONLINE in an online session and HEARTBEAT change nothing but keep the session alive.
      }
    }
  }

  private void start(TimelineEvent event) {
    Instant at = event.occurredAt();
    OpenTask task = openTasks.get(event.taskRef());
    if (task == null) {
      openTasks.put(event.taskRef(), new OpenTask(at, Optional.of(at)));
      anomalies.add(anomaly(AnomalyKind.IMPLIED_ASSIGNMENT, event, at));
    } else if (task.startedAt().isEmpty()) {
      openTasks.put(event.taskRef(), new OpenTask(task.assignedAt(), Optional.of(at)));
    }
  }

  private void open(TimelineEvent event) {
    online = true;
    onlineSince = event.occurredAt();
    if (event.type() != WorkEventType.ONLINE) {
      anomalies.add(anomaly(AnomalyKind.IMPLIED_ONLINE, event, event.occurredAt()));
    }
  }

  private boolean silenceReached(Instant now) {
    return !lastEvent.occurredAt().plus(silenceTimeout).isAfter(now);
  }

  private void closeBySilence() {
    anomalies.add(anomaly(AnomalyKind.TIMEOUT, lastEvent, lastEvent.occurredAt()));
    close(lastEvent.occurredAt());
  }

  private void close(Instant at) {
    closeInto(at, intervals, spans);
    openTasks.clear();
    sourceChanges.add(new SourceChange(null, episodeEvents));
    episodeEvents = new HashSet<>();
    online = false;
  }

  /** Adds what closing the open episode at {@code at} yields to the given outputs. */
  private void closeInto(Instant at, List<StateInterval> intervalsTo, List<EventSpan> spansTo) {
    openTasks.values().forEach(task -> end(task, at, intervalsTo));
    addInterval(WorkState.AVAILABLE, onlineSince, at, intervalsTo);
    spansTo.add(new EventSpan(onlineSince, at, Set.copyOf(episodeEvents)));
  }

  private void addSource(TimelineEvent event) {
    SourceEvent source = new SourceEvent(event.platform(), event.eventId());
    if (episodeEvents.add(source)) {
      sourceChanges.add(new SourceChange(source, null));
    }
  }

  private void end(OpenTask task, Instant at, List<StateInterval> intervalsTo) {
    Instant startedAt = task.startedAt().orElse(at);
    addInterval(WorkState.EN_ROUTE, task.assignedAt(), startedAt, intervalsTo);
    addInterval(WorkState.ON_TASK, startedAt, at, intervalsTo);
  }

  private void addInterval(
      WorkState state, Instant from, Instant to, List<StateInterval> intervalsTo) {
    if (from.isBefore(to)) {
      intervalsTo.add(new StateInterval(platform, state, from, to));
    }
  }

  private Anomaly anomaly(AnomalyKind kind, TimelineEvent event, Instant at) {
    Optional<String> task =
        event.type().isTaskEvent() ? Optional.of(event.taskRef()) : Optional.empty();
    return new Anomaly(kind, platform, sessionId, task, event.eventId(), at);
  }

  /** A task that is open in the session: assigned, and possibly started. */
  record OpenTask(Instant assignedAt, Optional<Instant> startedAt) {}
}
