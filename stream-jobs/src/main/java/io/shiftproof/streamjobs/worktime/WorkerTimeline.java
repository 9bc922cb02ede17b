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
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One worker's events from every platform, and the working time they imply (docs/design.md §5).
 *
 * <p>Events may be added in any order; every answer is the one a replay of the distinct events in
 * application order gives, so it never depends on arrival order. Each session's replay is kept
 * between answers ({@link SessionLog}): an answer applies only the events new to it, and an event
 * that arrives out of order re-applies only the events from a checkpoint before it, so a long day
 * costs work in proportion to its events, not to its events times its updates ({@link
 * #appliedEvents}). The rules, including the corner cases §5 leaves open:
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
 *       it are held back until a later watermark. A session whose silence timeout has passed at the
 *       watermark is closed at its last event and flagged. A session still open at the watermark is
 *       undecided from its last event on: it stays online if its next event comes in time, and
 *       closes at that last event otherwise. Answers therefore reach only as far as the time is
 *       known ({@link Frontier#knownUntil}): the watermark, or the earliest last event of a session
 *       still open. What they say up to there is what the settled day will say, unless an event
 *       arrives after the watermark has passed it; they are marked provisional until the day
 *       settles.
 *   <li><b>Platforms.</b> A platform's state is the highest over all its sessions, so two sessions
 *       of one platform online at once count once and never as multi-app time.
 *   <li><b>Days</b> are local days in the configured zone; every interval is clipped to the day, so
 *       time across midnight is split, and anomalies belong to the day their instant is in. The
 *       day's lineage is every event of a session episode (from opening to closing) that overlaps
 *       the day, and every event that found its session closed on that day, kept per platform as a
 *       count and a digest of ids ({@link PlatformSources}).
 *   <li><b>Precision.</b> Event times are kept to the microsecond (see {@link TimelineEvent#of});
 *       intervals and segments are exact, totals are rounded down to whole seconds (see {@link
 *       DayTotals}).
 * </ul>
 *
 * <p>The state is the list of {@link TimelineEvent}s ({@link #events()}); {@link #restore} rebuilds
 * a timeline from it, the kept replays included. Instances are not thread-safe.
 */
public final class WorkerTimeline {

  private final String workerRef;
  private final WorkingTimeConfig config;
  private final Map<String, TimelineEvent> events = new HashMap<>();

  /** Each session's events and kept replay, by platform and session id. */
  private final Map<SessionKey, SessionLog> sessions = new TreeMap<>(SESSION_ORDER);

  /** Applications counted by session logs that were dropped when they lost their last event. */
  private long droppedApplications;

  /**
   * Outcomes of sessions that were final when last replayed (see {@link SessionReplay.Replayed}); a
   * session's entry is dropped when it gets an event. Answers are asked for again and again as the
   * watermark moves, and without this every one of them would copy out every finished session's
   * outcome once more.
   */
  private final Map<SessionKey, FinalOutcome> finalOutcomes = new HashMap<>();

  /**
   * The last replay and the watermark it was made at, until an event is added: a live update asks
   * for the days and for the {@link #frontier} at one watermark, and they share one replay.
   */
  private Instant replayedAt;

  private SessionOutcome replayed;

  public WorkerTimeline(String workerRef, WorkingTimeConfig config) {
    this.workerRef = Objects.requireNonNull(workerRef, "workerRef");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A timeline holding the given events, as returned earlier by {@link #events()}. */
  public static WorkerTimeline restore(
      String workerRef, WorkingTimeConfig config, Collection<TimelineEvent> events) {
    WorkerTimeline timeline = new WorkerTimeline(workerRef, config);
    // In application order, each event lands at the end of its session's log.
    events.stream().sorted(SessionReplay.APPLICATION_ORDER).forEach(timeline::add);
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
    String identity = event.identity();
    TimelineEvent held = events.putIfAbsent(identity, event);
    if (held == null) {
      finalOutcomes.remove(SessionKey.of(event));
      sessionLog(event).add(event);
      replayed = null;
      return true;
    }
    if (event.supersedes(held)) {
      events.put(identity, event);
      replayed = null;
      finalOutcomes.remove(SessionKey.of(held));
      finalOutcomes.remove(SessionKey.of(event));
      SessionLog heldIn = sessions.get(SessionKey.of(held));
      heldIn.remove(held);
      if (heldIn.isEmpty()) {
        droppedApplications += heldIn.applications();
        sessions.remove(SessionKey.of(held));
      }
      sessionLog(event).add(event);
    }
    return false;
  }

  private SessionLog sessionLog(TimelineEvent event) {
    return sessions.computeIfAbsent(
        SessionKey.of(event),
        key -> new SessionLog(key.platform(), key.sessionId(), config.silenceTimeout()));
  }

  /**
   * How many times an event was applied in session replays since this timeline was made: the work
   * its answers cost. Events that arrive in time order are applied once each however often answers
   * are asked for; a late event re-applies the events of its session from the checkpoint before it
   * (at most {@link SessionLog#CHECKPOINT_SPACING} more than the events after it).
   */
  public long appliedEvents() {
    long applied = droppedApplications;
    for (SessionLog log : sessions.values()) {
      applied += log.applications();
    }
    return applied;
  }

  /** The held copy of the event with this {@link TimelineEvent#identity()}, if any. */
  public Optional<TimelineEvent> event(String identity) {
    return Optional.ofNullable(events.get(identity));
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
    return dayOf(replayAll(watermark), day, watermark);
  }

  /**
   * The working days {@code days}, each exactly as {@link #workingDay} would return it, in the
   * order given. The sessions are replayed once for all of them, which is what makes updating
   * several days at one watermark cost one replay rather than one per day.
   */
  public List<WorkingDay> workingDays(Collection<LocalDate> days, Instant watermark) {
    if (days.isEmpty()) {
      return List.of();
    }
    SessionOutcome outcome = replayAll(watermark);
    List<WorkingDay> computed = new ArrayList<>(days.size());
    for (LocalDate day : days) {
      computed.add(dayOf(outcome, day, watermark));
    }
    return computed;
  }

  private WorkingDay dayOf(SessionOutcome outcome, LocalDate day, Instant watermark) {
    Instant dayStart = day.atStartOfDay(config.zone()).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(config.zone()).toInstant();
    Instant known = knownUntil(outcome, watermark);
    Instant coveredUntil =
        known.isBefore(dayStart) ? dayStart : known.isBefore(dayEnd) ? known : dayEnd;
    List<StateSlice> slices =
        PlatformStateSweep.slices(outcome.intervals(), dayStart, coveredUntil);
    List<Anomaly> anomalies =
        outcome.anomalies().stream()
            .filter(a -> !a.at().isBefore(dayStart) && a.at().isBefore(coveredUntil))
            .sorted(ANOMALY_ORDER)
            .toList();
    List<EventSpan> shaping =
        outcome.spans().stream().filter(span -> span.touches(dayStart, dayEnd)).toList();
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
        new DayLineage(shaping));
  }

  /**
   * How far the worker's time is known when the stream is complete before {@code watermark}, and
   * when that changes next without a new event; see {@link Frontier}.
   */
  public Frontier frontier(Instant watermark) {
    SessionOutcome outcome = replayAll(watermark);
    return new Frontier(
        watermark,
        knownUntil(outcome, watermark),
        outcome.silenceClosure(),
        outcome.nextHeldBack());
  }

  private static Instant knownUntil(SessionOutcome outcome, Instant watermark) {
    return outcome.undecidedFrom().filter(from -> from.isBefore(watermark)).orElse(watermark);
  }

  /**
   * The worker's status at instant {@code at}, as known when the stream is complete before {@code
   * watermark}. It is provisional until the day of {@code at} settles, as its day record is.
   *
   * @throws IllegalArgumentException when {@code at} is not before {@link Frontier#knownUntil}:
   *     nothing is known about that time yet
   */
  public Status statusAt(Instant at, Instant watermark) {
    SessionOutcome outcome = replayAll(watermark);
    Instant known = knownUntil(outcome, watermark);
    if (!at.isBefore(known)) {
      throw new IllegalArgumentException(
          "at: got "
              + at
              + ", want an instant before "
              + known
              + ", up to which the time is known at the watermark "
              + watermark);
    }
    SortedMap<String, WorkState> states = new TreeMap<>();
    for (StateInterval interval : outcome.intervals()) {
      if (!at.isBefore(interval.from()) && at.isBefore(interval.to())) {
        states.merge(interval.platform(), interval.state(), WorkState::max);
      }
    }
    StateSlice slice = new StateSlice(at, at, states);
    Instant dayEnd =
        LocalDate.ofInstant(at, config.zone()).plusDays(1).atStartOfDay(config.zone()).toInstant();
    boolean provisional = watermark.isBefore(dayEnd.plus(config.silenceTimeout()));
    return new Status(
        at,
        slice.crossPlatformState(),
        slice.onlinePlatforms(),
        slice.engagedPlatforms(),
        provisional);
  }

  private SessionOutcome replayAll(Instant watermark) {
    if (replayed != null && replayedAt.equals(watermark)) {
      return replayed;
    }
    replayed = replaySessions(watermark);
    replayedAt = watermark;
    return replayed;
  }

  private SessionOutcome replaySessions(Instant watermark) {
    List<StateInterval> intervals = new ArrayList<>();
    List<Anomaly> anomalies = new ArrayList<>();
    List<EventSpan> spans = new ArrayList<>();
    Instant[] undecidedFrom = {null};
    Instant[] silenceClosure = {null};
    Instant[] nextHeldBack = {null};
    sessions.forEach(
        (session, log) -> {
          FinalOutcome known = finalOutcomes.get(session);
          SessionOutcome outcome = known == null ? null : known.at(watermark);
          if (outcome == null) {
            SessionReplay.Replayed replayed = log.replay(watermark);
            outcome = replayed.outcome();
            if (replayed.isFinal()) {
              finalOutcomes.put(session, new FinalOutcome(outcome, log.lastEventAt()));
            }
          }
          intervals.addAll(outcome.intervals());
          anomalies.addAll(outcome.anomalies());
          spans.addAll(outcome.spans());
          outcome
              .undecidedFrom()
              .ifPresent(at -> undecidedFrom[0] = earliest(undecidedFrom[0], at));
          outcome
              .silenceClosure()
              .ifPresent(at -> silenceClosure[0] = earliest(silenceClosure[0], at));
          outcome.nextHeldBack().ifPresent(at -> nextHeldBack[0] = earliest(nextHeldBack[0], at));
        });
    return new SessionOutcome(
        intervals,
        anomalies,
        spans,
        Optional.ofNullable(undecidedFrom[0]),
        Optional.ofNullable(silenceClosure[0]),
        Optional.ofNullable(nextHeldBack[0]));
  }

  private static Instant earliest(Instant held, Instant at) {
    return held == null || at.isBefore(held) ? at : held;
  }

  /** By platform, then session id; written out because it runs for every event of every replay. */
  private static final Comparator<SessionKey> SESSION_ORDER =
      (a, b) -> {
        int byPlatform = a.platform().compareTo(b.platform());
        return byPlatform != 0 ? byPlatform : a.sessionId().compareTo(b.sessionId());
      };

  /**
   * Anomalies by time and session; the sort is stable, so flags of one session at one instant keep
   * the order the replay raised them in (an implied opening before the timeout that closes it).
   */
  private static final Comparator<Anomaly> ANOMALY_ORDER =
      Comparator.comparing(Anomaly::at)
          .thenComparing(Anomaly::platform)
          .thenComparing(Anomaly::sessionId);

  /**
   * A final session outcome. It holds for any watermark after the session's last event, earlier or
   * later than the one it was computed at: the same events are then applied and none is cut short.
   */
  private record FinalOutcome(SessionOutcome outcome, Instant lastEventAt) {
    SessionOutcome at(Instant watermark) {
      return watermark.isAfter(lastEventAt) ? outcome : null;
    }
  }

  private record SessionKey(String platform, String sessionId) {
    static SessionKey of(TimelineEvent event) {
      return new SessionKey(event.platform(), event.sessionId());
    }
  }
}
