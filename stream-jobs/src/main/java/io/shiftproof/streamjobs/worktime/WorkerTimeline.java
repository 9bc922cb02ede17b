package io.shiftproof.streamjobs.worktime;

import io.shiftproof.schemas.wire.RecordedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One worker's events from every platform, and the working time they imply (DESIGN §5).
 *
 * <p>Events may be added in any order; every answer is recomputed from the distinct events, so it
 * never depends on arrival order. The rules, including the corner cases §5 leaves open:
 *
 * <ul>
 *   <li><b>Duplicates.</b> {@code (platform, eventId)} identifies an event. Of several copies the
 *       first received (by {@code receivedAt}, then batch id) is the event and the rest are
 *       resends, so duplicates never change totals.
 *   <li><b>Sessions.</b> Each {@code (platform, sessionId)} is replayed on its own, in {@code
 *       occurredAt} order with the §5 tie order and then event id. A task is identified by its
 *       {@code taskRef} within the session: task events are matched only against tasks of the
 *       session they name, so an end reported under another session id is an end for a task that is
 *       not open there and changes nothing (beyond keeping that session alive).
 *   <li><b>Silence.</b> Every event, even one that changes nothing (a repeated {@code ONLINE}, an
 *       end for a task that is not open, a repeated assignment), counts as a sign of life. When the
 *       gap from the session's last event to its next one is the silence timeout or more, the
 *       session is closed at the last event with its open tasks and flagged {@code TIMEOUT}; the
 *       next event then finds the session closed: an {@code OFFLINE} changes nothing, any other
 *       event re-opens it at its own time, flagged {@code IMPLIED_ONLINE} unless it is {@code
 *       ONLINE}. Tasks open before the silence stay closed: a later {@code TASK_COMPLETED} for them
 *       changes nothing, and a later {@code TASK_STARTED} counts as a new implied assignment.
 *   <li><b>Tasks.</b> A {@code TASK_ASSIGNED} for a task that is already open changes nothing (the
 *       assignment time is the first one), as does a {@code TASK_STARTED} for a task already
 *       started. A task may be assigned again after it ended; it is then a new task episode.
 *   <li><b>Watermark.</b> The stream is taken as complete before the watermark; events at or after
 *       it are held back until a later watermark. A session still open at the watermark counts as
 *       online until the watermark, with its open tasks, unless its silence timeout has already
 *       passed, in which case it is closed at its last event and flagged. Such answers are marked
 *       provisional.
 *   <li><b>Platforms.</b> A platform's state is the highest over all its sessions, so two sessions
 *       of one platform online at once count once and never as multi-app time.
 *   <li><b>Days</b> are local days in the configured zone; every interval is clipped to the day, so
 *       time across midnight is split, and anomalies belong to the day their instant is in. The
 *       day's lineage is the batches of every event of a session episode (from opening to closing)
 *       that overlaps the day, and of events that found their session closed on that day.
 *   <li><b>Precision.</b> Event times are kept to the microsecond (see {@link TimelineEvent#of});
 *       intervals and segments are exact, totals are rounded down to whole seconds (see {@link
 *       DayTotals}).
 * </ul>
 *
 * <p>The state is the list of {@link TimelineEvent}s ({@link #events()}); {@link #restore} rebuilds
 * a timeline from it. Instances are not thread-safe.
 */
public final class WorkerTimeline {

  private final String workerRef;
  private final WorkingTimeConfig config;
  private final Map<String, TimelineEvent> events = new HashMap<>();

  public WorkerTimeline(String workerRef, WorkingTimeConfig config) {
    this.workerRef = Objects.requireNonNull(workerRef, "workerRef");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A timeline holding the given events, as returned earlier by {@link #events()}. */
  public static WorkerTimeline restore(
      String workerRef, WorkingTimeConfig config, Collection<TimelineEvent> events) {
    WorkerTimeline timeline = new WorkerTimeline(workerRef, config);
    events.forEach(timeline::add);
    return timeline;
  }

  public String workerRef() {
    return workerRef;
  }

  /**
   * Adds an event of this worker.
   *
   * @return false when the event is a copy of one already held (a duplicate), true otherwise
   * @throws IllegalArgumentException when the event belongs to another worker
   */
  public boolean add(RecordedEvent recorded) {
    if (!recorded.event().workerRef().equals(workerRef)) {
      throw new IllegalArgumentException(
          "workerRef: got " + recorded.event().workerRef() + ", want " + workerRef);
    }
    return add(TimelineEvent.of(recorded));
  }

  /** Adds an event already in timeline form; see {@link #add(RecordedEvent)}. */
  public boolean add(TimelineEvent event) {
    TimelineEvent held = events.get(event.identity());
    if (held == null) {
      events.put(event.identity(), event);
      return true;
    }
    if (event.supersedes(held)) {
      events.put(event.identity(), event);
    }
    return false;
  }

  /** The distinct events held, in a stable order: the timeline's whole state. */
  public List<TimelineEvent> events() {
    return events.values().stream()
        .sorted(
            Comparator.comparing(TimelineEvent::occurredAt)
                .thenComparing(TimelineEvent::platform)
                .thenComparing(TimelineEvent::eventId))
        .toList();
  }

  /**
   * The working day {@code day} as known when the stream is complete before {@code watermark}. Pass
   * a watermark far in the future (e.g. {@link Instant#MAX}) to treat the stream as complete.
   */
  public WorkingDay workingDay(LocalDate day, Instant watermark) {
    Instant dayStart = day.atStartOfDay(config.zone()).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(config.zone()).toInstant();
    Instant coveredUntil =
        watermark.isBefore(dayStart) ? dayStart : watermark.isBefore(dayEnd) ? watermark : dayEnd;
    SessionOutcome outcome = replayAll(watermark);
    List<StateSlice> slices =
        PlatformStateSweep.slices(outcome.intervals(), dayStart, coveredUntil);
    List<Anomaly> anomalies =
        outcome.anomalies().stream()
            .filter(a -> !a.at().isBefore(dayStart) && a.at().isBefore(dayEnd))
            .sorted(ANOMALY_ORDER)
            .toList();
    TreeSet<SourceBatch> batchIds = new TreeSet<>();
    outcome.spans().stream()
        .filter(span -> span.touches(dayStart, dayEnd))
        .forEach(span -> batchIds.addAll(span.batchIds()));
    boolean provisional = watermark.isBefore(dayEnd.plus(config.silenceTimeout()));
    return new WorkingDay(
        workerRef,
        day,
        dayStart,
        dayEnd,
        coveredUntil,
        provisional,
        DayMeasures.totals(slices, config.stretchJoinGap()),
        DayMeasures.segments(slices),
        anomalies,
        List.copyOf(batchIds));
  }

  /**
   * The worker's status at instant {@code at}, as known when the stream is complete before {@code
   * watermark}.
   *
   * @throws IllegalArgumentException when {@code at} is not before the watermark: nothing is known
   *     about that time yet
   */
  public Status statusAt(Instant at, Instant watermark) {
    if (!at.isBefore(watermark)) {
      throw new IllegalArgumentException(
          "at: got " + at + ", want an instant before the watermark " + watermark);
    }
    SortedMap<String, WorkState> states = new TreeMap<>();
    for (StateInterval interval : replayAll(watermark).intervals()) {
      if (!at.isBefore(interval.from()) && at.isBefore(interval.to())) {
        states.merge(interval.platform(), interval.state(), WorkState::max);
      }
    }
    StateSlice slice = new StateSlice(at, at, states);
    boolean provisional = at.plus(config.silenceTimeout()).isAfter(watermark);
    return new Status(
        at,
        slice.crossPlatformState(),
        slice.onlinePlatforms(),
        slice.engagedPlatforms(),
        provisional);
  }

  private SessionOutcome replayAll(Instant watermark) {
    Map<SessionKey, List<TimelineEvent>> sessions = new TreeMap<>(SESSION_ORDER);
    for (TimelineEvent event : events.values()) {
      sessions
          .computeIfAbsent(
              new SessionKey(event.platform(), event.sessionId()), key -> new ArrayList<>())
          .add(event);
    }
    List<StateInterval> intervals = new ArrayList<>();
    List<Anomaly> anomalies = new ArrayList<>();
    List<EventSpan> spans = new ArrayList<>();
    sessions.forEach(
        (session, sessionEvents) -> {
          SessionOutcome outcome =
              SessionReplay.replay(
                  session.platform(),
                  session.sessionId(),
                  sessionEvents,
                  watermark,
                  config.silenceTimeout());
          intervals.addAll(outcome.intervals());
          anomalies.addAll(outcome.anomalies());
          spans.addAll(outcome.spans());
        });
    return new SessionOutcome(intervals, anomalies, spans);
  }

  private static final Comparator<SessionKey> SESSION_ORDER =
      Comparator.comparing(SessionKey::platform).thenComparing(SessionKey::sessionId);

  /**
   * Anomalies by time and session; the sort is stable, so flags of one session at one instant keep
   * the order the replay raised them in (an implied opening before the timeout that closes it).
   */
  private static final Comparator<Anomaly> ANOMALY_ORDER =
      Comparator.comparing(Anomaly::at)
          .thenComparing(Anomaly::platform)
          .thenComparing(Anomaly::sessionId);

  private record SessionKey(String platform, String sessionId) {}
}
