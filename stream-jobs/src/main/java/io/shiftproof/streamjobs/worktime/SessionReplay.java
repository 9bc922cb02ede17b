package io.shiftproof.streamjobs.worktime;

import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the events of one platform session (one {@code (platform, sessionId)}) under the rules of
 * docs/design.md §5 and emits the intervals the session was online, en route and on task.
 *
 * <p>A replay instance is single-use: {@link #replay} creates one, feeds it the session's events in
 * application order and collects the result.
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
  private final Map<String, OpenTask> openTasks = new TreeMap<>();
  // Only collected here, then copied into an unordered set: a hash set avoids sorting per event.
  private final Set<SourceEvent> episodeEvents = new HashSet<>();

  private SessionReplay(String platform, String sessionId, Duration silenceTimeout) {
    this.platform = platform;
    this.sessionId = sessionId;
    this.silenceTimeout = silenceTimeout;
  }

  /**
   * Replays one session.
   *
   * @param events the session's distinct events, in any order
   * @param watermark the stream is complete before this instant; later events are held back, and a
   *     session still open at the watermark counts as online until it unless its silence timeout
   *     has already passed (the outcome then says from when it is undecided)
   */
  static SessionOutcome replay(
      String platform,
      String sessionId,
      List<TimelineEvent> events,
      Instant watermark,
      Duration silenceTimeout) {
    return replayWithFinality(platform, sessionId, events, watermark, silenceTimeout).outcome();
  }

  /**
   * Replays one session like {@link #replay}, and also tells whether the outcome is final: every
   * event of the session is before the watermark and the session ended closed, so the watermark
   * neither held an event back nor cut an open session short. Such an outcome is the same at every
   * later watermark until the session gets another event.
   */
  static Replayed replayWithFinality(
      String platform,
      String sessionId,
      List<TimelineEvent> events,
      Instant watermark,
      Duration silenceTimeout) {
    SessionReplay replay = new SessionReplay(platform, sessionId, silenceTimeout);
    List<TimelineEvent> applied = new ArrayList<>(events.size());
    Instant nextHeldBack = null;
    for (TimelineEvent event : events) {
      Instant at = event.occurredAt();
      if (at.isBefore(watermark)) {
        applied.add(event);
      } else if (nextHeldBack == null || at.isBefore(nextHeldBack)) {
        nextHeldBack = at;
      }
    }
    applied.sort(APPLICATION_ORDER);
    applied.forEach(replay::apply);
    boolean isFinal = applied.size() == events.size() && !replay.online;
    Optional<Instant> undecidedFrom = Optional.empty();
    Optional<Instant> silenceClosure = Optional.empty();
    if (replay.online && !replay.silenceReached(watermark)) {
      Instant lastEvent = replay.lastEvent.occurredAt();
      undecidedFrom = Optional.of(lastEvent);
      Instant closesAt = lastEvent.plus(silenceTimeout);
      // An event already held back before that instant keeps the session alive past it.
      if (nextHeldBack == null || !nextHeldBack.isBefore(closesAt)) {
        silenceClosure = Optional.of(closesAt);
      }
    }
    replay.finish(watermark);
    SessionOutcome outcome =
        new SessionOutcome(
            List.copyOf(replay.intervals),
            List.copyOf(replay.anomalies),
            List.copyOf(replay.spans),
            undecidedFrom,
            silenceClosure,
            Optional.ofNullable(nextHeldBack));
    return new Replayed(outcome, isFinal);
  }

  /** A session's outcome, and whether later watermarks would leave it unchanged. */
  record Replayed(SessionOutcome outcome, boolean isFinal) {}

  // Written out rather than chained with Comparator.comparing: every live update sorts each
  // session again, and the chained lambdas with their boxing dominated the replay.
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

  private void apply(TimelineEvent event) {
    // The silence is judged before the event: an event after a long silence first closes the old
    // episode at its last event, then (unless it is OFFLINE) opens a new one.
    if (online && silenceReached(event.occurredAt())) {
      closeBySilence();
    }
    if (event.type() == WorkEventType.OFFLINE) {
      if (online) {
        episodeEvents.add(new SourceEvent(event.platform(), event.eventId()));
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
      episodeEvents.add(new SourceEvent(event.platform(), event.eventId()));
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
          end(task, at);
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

  private void finish(Instant watermark) {
    if (!online) {
      return;
    }
    if (silenceReached(watermark)) {
      closeBySilence();
    } else {
      // Provisional: the session may still send events, so it counts as online up to the
      // watermark; a later event or watermark may still close it at its last event instead.
      close(watermark);
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
    openTasks.values().forEach(task -> end(task, at));
    openTasks.clear();
    addInterval(WorkState.AVAILABLE, onlineSince, at);
    spans.add(new EventSpan(onlineSince, at, Set.copyOf(episodeEvents)));
    episodeEvents.clear();
    online = false;
  }

  private void end(OpenTask task, Instant at) {
    Instant startedAt = task.startedAt().orElse(at);
    addInterval(WorkState.EN_ROUTE, task.assignedAt(), startedAt);
    addInterval(WorkState.ON_TASK, startedAt, at);
  }

  private void addInterval(WorkState state, Instant from, Instant to) {
    if (from.isBefore(to)) {
      intervals.add(new StateInterval(platform, state, from, to));
    }
  }

  private Anomaly anomaly(AnomalyKind kind, TimelineEvent event, Instant at) {
    Optional<String> task =
        event.type().isTaskEvent() ? Optional.of(event.taskRef()) : Optional.empty();
    return new Anomaly(kind, platform, sessionId, task, event.eventId(), at);
  }

  /** A task that is open in the session: assigned, and possibly started. */
  private record OpenTask(Instant assignedAt, Optional<Instant> startedAt) {}
}
