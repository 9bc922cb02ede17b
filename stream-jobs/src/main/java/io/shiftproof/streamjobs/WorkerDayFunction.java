package io.shiftproof.streamjobs;

import io.shiftproof.records.LateEvent;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.DayRecordUpdate.UpdateKind;
import io.shiftproof.streamjobs.records.DayRecords;
import io.shiftproof.streamjobs.records.SealedDay;
import io.shiftproof.streamjobs.state.LiveDay;
import io.shiftproof.streamjobs.state.TimelineEventSerializer;
import io.shiftproof.streamjobs.state.WorkerDays;
import io.shiftproof.streamjobs.state.WorkerDaysSerializer;
import io.shiftproof.streamjobs.worktime.Frontier;
import io.shiftproof.streamjobs.worktime.Segment;
import io.shiftproof.streamjobs.worktime.TimelineEvent;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps one worker's events (the stream is keyed by {@code workerRef}) and turns them into the live
 * records and sealed versions of the worker's days as the watermark moves (docs/design.md §5).
 *
 * <p>Every record is what {@link WorkerTimeline}, the tested core, makes of the worker's distinct
 * events: the operator only decides <em>when</em> to emit <em>which</em> day, so it cannot disagree
 * with the core about totals. The core keeps each session's replay between updates (in the cached
 * timeline, see {@link TimelineCache}), so an update applies only the events new to it and a late
 * event re-applies only its session from a checkpoint before it, not the worker's whole day.
 *
 * <ul>
 *   <li><b>Live records</b> (main output). An event marks the days it can change as touched and
 *       asks for an update at the next multiple of the update interval after its time, so a
 *       worker's live days are emitted at most once per interval of event time however many events
 *       arrive. Only one such timer is pending per worker at a time.
 *   <li><b>Following the watermark.</b> A live record reaches only as far as the worker's time is
 *       known ({@link Frontier}): with a session open, to that session's last event. The same
 *       pending timer also fires when the earliest open session's silence timeout passes, so the
 *       session is closed at its last event in the live record, exactly as the sealed version will
 *       close it, without waiting for the worker's next event: one timer per closure, not per
 *       watermark step. A live record with no session open where it ends is taken by readers as
 *       offline past it up to the job's committed watermark (docs/design.md §5.8); for that to
 *       hold, an event that can change such a day, and one that arrives after the watermark passed
 *       it, is applied at its own time rather than at the next interval boundary.
 *   <li><b>Settled version</b> ({@link #SEALED_VERSIONS}). A day settles when the watermark reaches
 *       its local end plus the silence timeout, when every session of it is closed; a timer at that
 *       instant seals its next version (1 unless interim versions came before), unless nothing at
 *       all happened in it.
 *   <li><b>Interim versions.</b> A seal request for a day that has not settled seals the next
 *       version of it now, covering events up to the watermark and marked provisional, unless the
 *       latest version already says the same up to the same instant. The day still seals when it
 *       settles.
 *   <li><b>Corrections.</b> A settled day stays open for corrections for the correction horizon. A
 *       late event within it is applied, and if the day's totals, segments or flags change, the
 *       next version is sealed. Duplicates and events that change nothing seal nothing.
 *   <li><b>Too late</b> ({@link #TOO_LATE}). An event that could change a day whose horizon has
 *       passed changes nothing and goes to the side output, to be stored for operators.
 *   <li><b>State.</b> Events are kept while a day they shape may still change. When a day leaves
 *       the horizon, the events before it are dropped if the worker was offline for the silence
 *       timeout before the next day began: no session was then open, so no later day depends on
 *       them. A worker with nothing left open is cleared entirely.
 * </ul>
 */
public final class WorkerDayFunction
    extends KeyedProcessFunction<String, WorkInput, DayRecordUpdate> {

  private static final long serialVersionUID = 2L;

  /**
   * Every sealed version: the interim ones sealed on request before a day settles, the one sealed
   * when it settles, and every correction after it.
   */
  public static final OutputTag<DayRecordUpdate> SEALED_VERSIONS =
      new OutputTag<>("sealed-day-versions", TypeInformation.of(DayRecordUpdate.class));

  /** Events that arrived after the correction horizon of every day they could change. */
  public static final OutputTag<LateEvent> TOO_LATE =
      new OutputTag<>("too-late-work-events", TypeInformation.of(LateEvent.class));

  // WorkingTimeConfig is not Serializable; its parts are, and the function is shipped serialized.
  private final Duration silenceTimeout;
  private final ZoneId zone;
  private final Duration stretchJoinGap;
  private final long updateIntervalMillis;
  private final Duration correctionHorizon;
  private final boolean silenceTimers;

  /** Accumulator: live-update timers set for events (each replaces the worker's pending one). */
  public static final String EVENT_UPDATE_TIMERS = "event-update-timers";

  /** Accumulator: live-update timers set for an open session's silence timeout. */
  public static final String SILENCE_TIMERS = "silence-timers";

  /** Accumulator: timers that fired (live updates, settling, expiry). */
  public static final String TIMERS_FIRED = "timers-fired";

  private transient LongCounter eventUpdateTimers;
  private transient LongCounter silenceClosureTimers;
  private transient LongCounter timersFired;

  /**
   * How many workers' timelines stay in memory between updates. Live updates of a worker come in
   * runs while it works, so a few thousand recent workers catch nearly all of them; beyond that an
   * update restores the timeline from state, as it would after a restart.
   */
  static final int CACHED_TIMELINES = 10_000;

  private transient WorkingTimeConfig config;

  /** Recent workers' timelines, derived from {@link #events}; see {@link TimelineCache}. */
  private transient TimelineCache timelines;

  /** The worker's distinct events, by platform and event id: the timeline's whole state. */
  private transient MapState<String, TimelineEvent> events;

  /** The worker's open, sealed and touched days and its pending live-update timer. */
  private transient ValueState<WorkerDays> workerDays;

  public WorkerDayFunction(
      WorkingTimeConfig config, Duration updateInterval, Duration correctionHorizon) {
    this(config, updateInterval, correctionHorizon, true);
  }

  /**
   * @param silenceTimers whether live records follow the watermark between a worker's events (see
   *     the class comment). Always true but in {@code bench working-time}, which turns them off to
   *     measure their cost: without them a quiet worker's live record keeps its last picture and
   *     readers must not take it as offline past it.
   */
  public WorkerDayFunction(
      WorkingTimeConfig config,
      Duration updateInterval,
      Duration correctionHorizon,
      boolean silenceTimers) {
    Objects.requireNonNull(config, "config");
    this.silenceTimers = silenceTimers;
    this.silenceTimeout = config.silenceTimeout();
    this.zone = config.zone();
    this.stretchJoinGap = config.stretchJoinGap();
    this.config = config;
    this.updateIntervalMillis = updateInterval.toMillis();
    this.correctionHorizon = Objects.requireNonNull(correctionHorizon, "correctionHorizon");
    if (updateIntervalMillis <= 0) {
      throw new IllegalArgumentException(
          "updateInterval: got " + updateInterval + ", want at least one millisecond");
    }
    if (correctionHorizon.isNegative()) {
      throw new IllegalArgumentException(
          "correctionHorizon: got " + correctionHorizon + ", want zero or more");
    }
  }

  @Override
  public void open(OpenContext openContext) {
    config = new WorkingTimeConfig(silenceTimeout, zone, stretchJoinGap);
    timelines = new TimelineCache(CACHED_TIMELINES);
    events =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "events", StringSerializer.INSTANCE, TimelineEventSerializer.INSTANCE));
    workerDays =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("worker-days", WorkerDaysSerializer.INSTANCE));
    eventUpdateTimers = counter(EVENT_UPDATE_TIMERS);
    silenceClosureTimers = counter(SILENCE_TIMERS);
    timersFired = counter(TIMERS_FIRED);
  }

  /** A counter the job's result reports, for the benchmark's timers per worker-day. */
  private LongCounter counter(String name) {
    LongCounter counter = new LongCounter();
    getRuntimeContext().addAccumulator(name, counter);
    return counter;
  }

  @Override
  public void processElement(WorkInput input, Context ctx, Collector<DayRecordUpdate> out)
      throws Exception {
    if (input instanceof WorkInput.Seal seal) {
      sealInterim(seal.request().day(), ctx);
    } else {
      processEvent(((WorkInput.Event) input).recorded(), ctx);
    }
  }

  private void processEvent(RecordedEvent recorded, Context ctx) throws Exception {
    TimelineEvent event = TimelineEvent.of(recorded);
    long watermarkMillis = ctx.timerService().currentWatermark();
    Instant watermark = timelineWatermark(watermarkMillis);
    List<LocalDate> affected = affectedDays(event.occurredAt());
    if (affected.stream().anyMatch(day -> isPastHorizon(day, watermark))) {
      ctx.output(TOO_LATE, lateEvent(recorded, watermarkMillis));
      return;
    }
    // A cached timeline holds what state holds, so asking it spares a state read; without one,
    // one read of this event's key is cheaper than rebuilding the timeline, which the next timer
    // does from state anyway.
    Optional<WorkerTimeline> cached = timelines.get(ctx.getCurrentKey());
    TimelineEvent held =
        cached.isPresent()
            ? cached.get().event(event.identity()).orElse(null)
            : events.get(event.identity());
    if (held != null && !event.supersedes(held)) {
      return; // a resend: duplicates never change anything
    }
    events.put(event.identity(), event);
    cached.ifPresent(timeline -> timeline.add(event));

    WorkerDays days = workerDays();
    long eventMillis = event.occurredAt().toEpochMilli();
    boolean changesAQuietDay = false;
    for (LocalDate day : affected) {
      long epochDay = day.toEpochDay();
      if (!isSettled(day, watermark) && !days.openDays().containsKey(epochDay)) {
        days.openDays().put(epochDay, LiveDay.NOT_EMITTED);
        ctx.timerService().registerEventTimeTimer(settleTimer(day));
      }
      changesAQuietDay |= days.openDays().get(epochDay) == LiveDay.QUIET;
      days.touchedDays().merge(epochDay, eventMillis, Math::max);
    }
    // Readers take a quiet day as offline up to the committed watermark, and a late event revises
    // what they already read: either must be in the live record once the watermark passes it.
    boolean atOnce = silenceTimers && (changesAQuietDay || eventMillis <= watermarkMillis);
    if (scheduleUpdate(
        days, ctx.timerService(), atOnce ? eventMillis : nextBoundaryAfter(eventMillis))) {
      eventUpdateTimers.add(1);
    }
    workerDays.update(days);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<DayRecordUpdate> out)
      throws Exception {
    timersFired.add(1);
    TimerService timers = ctx.timerService();
    long watermarkMillis = timers.currentWatermark();
    Instant watermark = timelineWatermark(watermarkMillis);
    WorkerDays days = workerDays();
    OptionalLong pending = days.pendingUpdate();
    boolean updateDue = pending.isPresent() && pending.getAsLong() <= watermarkMillis;
    if (updateDue) {
      days.clearPendingUpdate();
    }
    Map<Long, LiveDay> openDays = days.openDays();

    TreeSet<Long> due = new TreeSet<>(days.touchedDays().keySet());
    for (Long open : openDays.keySet()) {
      // A live update may be a silence timeout passing, which changes the open days without an
      // event touching them.
      if ((updateDue && silenceTimers) || isSettled(LocalDate.ofEpochDay(open), watermark)) {
        due.add(open);
      }
    }
    Optional<Frontier> frontier = Optional.empty();
    if (!due.isEmpty()) {
      List<LocalDate> dueDays = due.stream().map(LocalDate::ofEpochDay).toList();
      // One replay of the worker's sessions serves every due day, and the frontier.
      WorkerTimeline timeline = timeline(ctx.getCurrentKey());
      List<WorkingDay> computedDays = timeline.workingDays(dueDays, watermark);
      frontier = Optional.of(timeline.frontier(watermark));
      for (WorkingDay computed : computedDays) {
        LocalDate day = computed.day();
        long epochDay = day.toEpochDay();
        if (isSettled(day, watermark)) {
          seal(days, computed, openDays.containsKey(epochDay), watermarkMillis, ctx);
          openDays.remove(epochDay);
          timers.deleteEventTimeTimer(settleTimer(day));
        } else {
          emitLive(days, computed, frontier.get(), watermarkMillis, out);
        }
      }
    }
    forgetCompleteTouches(days, watermarkMillis, timers);
    if (silenceTimers) {
      frontier.ifPresent(f -> scheduleByFrontier(days, f, timers));
    }
    expireDays(days, ctx.getCurrentKey(), watermark, timers);

    if (days.hasNoDays()) {
      clearWorker(days, ctx.getCurrentKey(), timers);
    } else {
      workerDays.update(days);
    }
  }

  /** The worker's bookkeeping, or an empty one for a worker with no state. */
  private WorkerDays workerDays() throws Exception {
    WorkerDays days = workerDays.value();
    return days == null ? new WorkerDays() : days;
  }

  /**
   * Seals the next version of a settled day if its content differs from the latest sealed one (or
   * none was sealed and something happened in it). A day settling after an interim version always
   * seals: the interim one was provisional.
   *
   * @param settling whether the day is settling now; otherwise a late event changed it. A day is
   *     open only until it settles, so a settling day's earlier versions are all interim.
   */
  private void seal(
      WorkerDays days, WorkingDay day, boolean settling, long watermarkMillis, Context ctx)
      throws Exception {
    SealedDay previous = days.sealedDays().get(day.day().toEpochDay());
    if (previous == null && isEmpty(day)) {
      return;
    }
    byte[] digest = DayRecords.contentDigest(day, zone);
    if (!settling && previous != null && Arrays.equals(previous.contentDigest(), digest)) {
      return;
    }
    emitVersion(
        days,
        day,
        digest,
        settling ? UpdateKind.SETTLED : UpdateKind.CORRECTION,
        watermarkMillis,
        ctx);
  }

  /**
   * Seals an interim version of a day that has not settled, covering the worker's events up to the
   * watermark, because evidence for an incident needs an anchored record now (docs/design.md §5).
   * Nothing is sealed for a settled day (its sealed versions answer), for a day without events, or
   * when the latest interim version already says the same up to the same instant, so repeated
   * requests add no versions.
   */
  private void sealInterim(LocalDate day, Context ctx) throws Exception {
    long watermarkMillis = ctx.timerService().currentWatermark();
    Instant watermark = timelineWatermark(watermarkMillis);
    WorkerDays days = workerDays.value();
    if (days == null
        || isSettled(day, watermark)
        || !days.openDays().containsKey(day.toEpochDay())) {
      return;
    }
    WorkingDay computed = timeline(ctx.getCurrentKey()).workingDay(day, watermark);
    if (isEmpty(computed)) {
      return;
    }
    SealedDay previous = days.sealedDays().get(day.toEpochDay());
    byte[] digest = DayRecords.contentDigest(computed, zone);
    if (previous != null
        && Arrays.equals(previous.contentDigest(), digest)
        && previous.coveredUntilMillis() >= computed.coveredUntil().toEpochMilli()) {
      return;
    }
    emitVersion(days, computed, digest, UpdateKind.INTERIM, watermarkMillis, ctx);
    workerDays.update(days);
  }

  /** Seals the day's next version: remembers it, schedules the day's expiry once, emits it. */
  private void emitVersion(
      WorkerDays days,
      WorkingDay day,
      byte[] digest,
      UpdateKind kind,
      long watermarkMillis,
      Context ctx) {
    long epochDay = day.day().toEpochDay();
    SealedDay previous = days.sealedDays().get(epochDay);
    int version = previous == null ? 1 : previous.version() + 1;
    if (previous == null) {
      ctx.timerService().registerEventTimeTimer(expiryTimer(day.day()));
    }
    long coveredUntil = day.coveredUntil().toEpochMilli();
    days.sealedDays().put(epochDay, new SealedDay(version, digest, coveredUntil));
    ctx.output(
        SEALED_VERSIONS,
        new DayRecordUpdate(
            day.workerRef(),
            epochDay,
            version,
            kind,
            watermarkMillis,
            coveredUntil,
            DayRecords.encode(day, version, zone)));
  }

  /**
   * Emits a live record unless nothing ever happened in the day: touching the next day is a
   * precaution for events near midnight and should not produce records of days the worker never
   * worked. A day with a live record emitted before is always emitted again, so it is replaced.
   */
  private void emitLive(
      WorkerDays days,
      WorkingDay day,
      Frontier frontier,
      long watermarkMillis,
      Collector<DayRecordUpdate> out) {
    long epochDay = day.day().toEpochDay();
    LiveDay before = days.openDays().get(epochDay);
    boolean emittedBefore = before != null && before != LiveDay.NOT_EMITTED;
    if (isEmpty(day) && !emittedBefore) {
      return;
    }
    out.collect(
        new DayRecordUpdate(
            day.workerRef(),
            epochDay,
            0,
            UpdateKind.LIVE,
            watermarkMillis,
            day.coveredUntil().toEpochMilli(),
            DayRecords.encode(day, 0, zone)));
    if (before != null) {
      boolean quiet = frontier.quiet() && day.coveredUntil().isBefore(day.dayEnd());
      days.openDays().put(epochDay, quiet ? LiveDay.QUIET : LiveDay.BOUNDED);
    }
  }

  /**
   * Sets the pending update no later than the earliest open session's silence timeout, and, while a
   * quiet day's live record is taken as offline past its end, no later than the first event held
   * back (see the class comment).
   */
  private void scheduleByFrontier(WorkerDays days, Frontier frontier, TimerService timers) {
    if (frontier.nextSilenceClosure().isPresent()
        && scheduleUpdate(
            days, timers, firstWatermarkReaching(frontier.nextSilenceClosure().get()))) {
      silenceClosureTimers.add(1);
    }
    if (days.openDays().containsValue(LiveDay.QUIET)
        && frontier.nextHeldBackEvent().isPresent()
        && scheduleUpdate(days, timers, frontier.nextHeldBackEvent().get().toEpochMilli())) {
      eventUpdateTimers.add(1);
    }
  }

  private void forgetCompleteTouches(WorkerDays days, long watermarkMillis, TimerService timers) {
    long earliestIncomplete = Long.MAX_VALUE;
    Iterator<Long> touchedBy = days.touchedDays().values().iterator();
    while (touchedBy.hasNext()) {
      long eventMillis = touchedBy.next();
      if (eventMillis <= watermarkMillis) {
        touchedBy.remove();
      } else {
        earliestIncomplete = Math.min(earliestIncomplete, eventMillis);
      }
    }
    if (earliestIncomplete != Long.MAX_VALUE
        && scheduleUpdate(days, timers, nextBoundaryAfter(earliestIncomplete))) {
      eventUpdateTimers.add(1);
    }
  }

  /**
   * Forgets sealed days whose horizon has passed, then drops the events no remaining day depends on
   * (see the class comment for why the quiet-midnight test makes that safe).
   */
  private void expireDays(WorkerDays days, String workerRef, Instant watermark, TimerService timers)
      throws Exception {
    long latestExpired = Long.MIN_VALUE;
    Iterator<Long> sealedDays = days.sealedDays().keySet().iterator();
    while (sealedDays.hasNext()) {
      long sealed = sealedDays.next();
      LocalDate day = LocalDate.ofEpochDay(sealed);
      if (isPastHorizon(day, watermark)) {
        sealedDays.remove();
        timers.deleteEventTimeTimer(expiryTimer(day));
        latestExpired = Math.max(latestExpired, sealed);
      }
    }
    if (latestExpired == Long.MIN_VALUE) {
      return;
    }
    LocalDate firstKept = LocalDate.ofEpochDay(latestExpired + 1);
    Instant firstKeptStart = firstKept.atStartOfDay(zone).toInstant();
    Instant quietFrom = firstKeptStart.minus(silenceTimeout);
    // The cached timeline holds exactly the stored events: no need to read them all again.
    WorkerTimeline timeline = timeline(workerRef);
    List<TimelineEvent> all = timeline.events();
    WorkingDay lastExpired = timeline.workingDay(firstKept.minusDays(1), watermark);
    boolean quiet =
        lastExpired.segments().stream().map(Segment::to).noneMatch(to -> to.isAfter(quietFrom));
    if (!quiet) {
      return; // a session ran across that midnight: keep everything until a quiet one
    }
    for (TimelineEvent event : all) {
      if (event.occurredAt().isBefore(quietFrom)) {
        events.remove(event.identity());
      }
    }
    timelines.invalidate(workerRef);
  }

  private void clearWorker(WorkerDays days, String workerRef, TimerService timers) {
    days.pendingUpdate().ifPresent(timers::deleteEventTimeTimer);
    events.clear();
    timelines.invalidate(workerRef);
    workerDays.clear();
  }

  /**
   * Keeps the worker's single live-update timer at the earliest time asked for.
   *
   * @param at a Flink watermark: the update fires once the watermark reaches it
   * @return whether this set a new timer
   */
  private boolean scheduleUpdate(WorkerDays days, TimerService timers, long at) {
    OptionalLong pending = days.pendingUpdate();
    if (pending.isPresent() && pending.getAsLong() <= at) {
      return false;
    }
    // Flink keeps one timer per time: an update that fell on a day's settling or expiry timer (a
    // silence timing out at midnight, say) must not take that timer with it.
    if (pending.isPresent() && !isDayTimer(days, pending.getAsLong())) {
      timers.deleteEventTimeTimer(pending.getAsLong());
    }
    timers.registerEventTimeTimer(at);
    days.setPendingUpdate(at);
    return true;
  }

  private boolean isDayTimer(WorkerDays days, long timestamp) {
    for (long open : days.openDays().keySet()) {
      if (settleTimer(LocalDate.ofEpochDay(open)) == timestamp) {
        return true;
      }
    }
    for (long sealed : days.sealedDays().keySet()) {
      if (expiryTimer(LocalDate.ofEpochDay(sealed)) == timestamp) {
        return true;
      }
    }
    return false;
  }

  /**
   * The earliest interval boundary strictly after {@code eventMillis}; when the watermark reaches
   * it, it has passed the event, so the update includes it. (A watermark of exactly {@code
   * eventMillis} does too: see {@link #timelineWatermark}.)
   */
  private long nextBoundaryAfter(long eventMillis) {
    return (Math.floorDiv(eventMillis, updateIntervalMillis) + 1) * updateIntervalMillis;
  }

  /**
   * The first Flink watermark whose {@link #timelineWatermark} is at or after {@code at}: the
   * timeline watermark is one millisecond past the Flink one, and {@code at} may fall inside a
   * millisecond.
   */
  static long firstWatermarkReaching(Instant at) {
    long floor = at.toEpochMilli();
    boolean wholeMillis = at.getNano() % 1_000_000 == 0;
    return (wholeMillis ? floor : floor + 1) - 1;
  }

  /**
   * The days an event at {@code at} can change: a session stays alive for up to the silence timeout
   * between events, so an event (even a late one filling a gap) changes time at most one silence
   * timeout before or after it.
   */
  private List<LocalDate> affectedDays(Instant at) {
    LocalDate first = LocalDate.ofInstant(at.minus(silenceTimeout), zone);
    LocalDate last = LocalDate.ofInstant(at.plus(silenceTimeout), zone);
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  private static boolean isEmpty(WorkingDay day) {
    return day.segments().isEmpty() && day.anomalies().isEmpty() && day.lineage().isEmpty();
  }

  /** When a day settles: its local end plus the silence timeout, after which no session is open. */
  private Instant settlesAt(LocalDate day) {
    return day.plusDays(1).atStartOfDay(zone).toInstant().plus(silenceTimeout);
  }

  private boolean isSettled(LocalDate day, Instant watermark) {
    return !settlesAt(day).isAfter(watermark);
  }

  private boolean isPastHorizon(LocalDate day, Instant watermark) {
    return !settlesAt(day).plus(correctionHorizon).isAfter(watermark);
  }

  /**
   * The timer that settles a day: the first Flink watermark whose {@link #timelineWatermark}
   * reaches {@link #settlesAt}, so the record it seals is no longer provisional.
   */
  private long settleTimer(LocalDate day) {
    return settlesAt(day).toEpochMilli() - 1;
  }

  private long expiryTimer(LocalDate day) {
    return settlesAt(day).plus(correctionHorizon).toEpochMilli() - 1;
  }

  /** The worker's timeline: the cached one, or one restored from state (and then cached). */
  private WorkerTimeline timeline(String workerRef) throws Exception {
    WorkerTimeline cached = timelines.get(workerRef).orElse(null);
    if (cached != null) {
      return cached;
    }
    WorkerTimeline restored = WorkerTimeline.restore(workerRef, config, eventList());
    timelines.put(restored);
    return restored;
  }

  private List<TimelineEvent> eventList() throws Exception {
    List<TimelineEvent> list = new ArrayList<>();
    events.values().forEach(list::add);
    return list;
  }

  private static LateEvent lateEvent(RecordedEvent recorded, long watermarkMillis) {
    return new LateEvent(
        recorded.platform(),
        recorded.event().eventId(),
        recorded.event().workerRef(),
        recorded.batchId(),
        RecordedEventCodec.epochMicros(recorded.event().occurredAt()),
        recorded.receivedAt().toEpochMilli(),
        watermarkMillis,
        RecordedEventCodec.encode(recorded));
  }

  /**
   * Flink's watermark {@code w} (milliseconds) says no event with a timestamp {@code <= w} is still
   * to come; timestamps are event times rounded down to the millisecond, so every event before
   * {@code w + 1 ms} has arrived, which is what {@link WorkerTimeline} means by its watermark. The
   * final watermark of a bounded input means the stream is complete.
   */
  static Instant timelineWatermark(long watermarkMillis) {
    return watermarkMillis == Long.MAX_VALUE
        ? Instant.MAX
        : Instant.ofEpochMilli(watermarkMillis).plusMillis(1);
  }
}
