package io.shiftproof.streamjobs;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.streamjobs.worktime.TimelineEvent;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps one worker's events (the stream is keyed by {@code workerRef}) and emits the {@link
 * WorkingDay}s they imply as the watermark moves (DESIGN §5).
 *
 * <p>Every answer is recomputed from the worker's distinct events with {@link WorkerTimeline}, the
 * tested core, rather than maintained incrementally: the operator only decides <em>when</em> to
 * emit <em>which</em> day, so it cannot disagree with the core about totals.
 *
 * <ul>
 *   <li><b>Live updates.</b> An event marks the days it can change as touched and asks for an
 *       update at the next multiple of the update interval after its time, so a worker's live days
 *       are emitted at most once per interval of event time however many events arrive. Only one
 *       such timer is pending per worker at a time, so it can be deleted when the state is cleared.
 *   <li><b>Final records.</b> A day is settled when the watermark reaches its local end plus the
 *       silence timeout; a timer at that instant emits it once more, no longer provisional.
 *   <li><b>Late events.</b> An event that would change a day already emitted as final goes to
 *       {@link #LATE_EVENTS} instead of being applied: the final record is not revised here
 *       (corrections become sealed versions in a later stage), and its state may already be gone.
 *   <li><b>State.</b> The events are kept until the worker has no open day left, then everything is
 *       cleared. Dropping older events earlier would be unsafe: a session that began days ago and
 *       is still alive needs its opening events to be replayed correctly.
 * </ul>
 */
public final class WorkerDayFunction
    extends KeyedProcessFunction<String, RecordedEvent, WorkingDay> {

  private static final long serialVersionUID = 1L;

  /** Events that arrived after every day they could change had been emitted as final. */
  public static final OutputTag<RecordedEvent> LATE_EVENTS =
      new OutputTag<>("late-work-events", TypeInformation.of(RecordedEvent.class));

  // WorkingTimeConfig is not Serializable; its parts are, and the function is shipped serialized.
  private final Duration silenceTimeout;
  private final ZoneId zone;
  private final Duration stretchJoinGap;
  private final long updateIntervalMillis;

  private transient WorkingTimeConfig config;

  /** The worker's distinct events, by platform and event id: the timeline's whole state. */
  private transient MapState<String, TimelineEvent> events;

  /**
   * Days (as epoch days) not yet emitted as final, each with whether a record of it was emitted.
   */
  private transient MapState<Long, Boolean> openDays;

  /**
   * Days touched since their last emission, each with the latest event time (epoch ms) that touched
   * it: a day stays touched until the watermark has passed that event, so it is not forgotten when
   * an update fires before the event is complete.
   */
  private transient MapState<Long, Long> touchedDays;

  /** The one pending live-update timer, if any. */
  private transient ValueState<Long> pendingUpdate;

  public WorkerDayFunction(WorkingTimeConfig config, Duration updateInterval) {
    Objects.requireNonNull(config, "config");
    this.silenceTimeout = config.silenceTimeout();
    this.zone = config.zone();
    this.stretchJoinGap = config.stretchJoinGap();
    this.config = config;
    this.updateIntervalMillis = updateInterval.toMillis();
    if (updateIntervalMillis <= 0) {
      throw new IllegalArgumentException(
          "updateInterval: got " + updateInterval + ", want at least one millisecond");
    }
  }

  @Override
  public void open(OpenContext openContext) {
    config = new WorkingTimeConfig(silenceTimeout, zone, stretchJoinGap);
    events =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "events", Types.STRING, TypeInformation.of(TimelineEvent.class)));
    openDays =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("open-days", Types.LONG, Types.BOOLEAN));
    touchedDays =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("touched-days", Types.LONG, Types.LONG));
    pendingUpdate =
        getRuntimeContext().getState(new ValueStateDescriptor<>("pending-update", Types.LONG));
  }

  @Override
  public void processElement(RecordedEvent recorded, Context ctx, Collector<WorkingDay> out)
      throws Exception {
    TimelineEvent event = TimelineEvent.of(recorded);
    Instant watermark = timelineWatermark(ctx.timerService().currentWatermark());
    List<LocalDate> affected = affectedDays(event.occurredAt());
    if (affected.stream().anyMatch(day -> !finalAt(day).isAfter(watermark))) {
      ctx.output(LATE_EVENTS, recorded);
      return;
    }
    TimelineEvent held = events.get(event.identity());
    if (held != null && !event.supersedes(held)) {
      return; // a resend: duplicates never change anything
    }
    events.put(event.identity(), event);

    long eventMillis = event.occurredAt().toEpochMilli();
    for (LocalDate day : affected) {
      long epochDay = day.toEpochDay();
      if (!openDays.contains(epochDay)) {
        openDays.put(epochDay, false);
        ctx.timerService().registerEventTimeTimer(settleTimer(day));
      }
      Long touchedBy = touchedDays.get(epochDay);
      touchedDays.put(epochDay, touchedBy == null ? eventMillis : Math.max(touchedBy, eventMillis));
    }
    scheduleUpdate(ctx.timerService(), eventMillis);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WorkingDay> out)
      throws Exception {
    TimerService timers = ctx.timerService();
    long watermarkMillis = timers.currentWatermark();
    Instant watermark = timelineWatermark(watermarkMillis);
    Long pending = pendingUpdate.value();
    if (pending != null && pending <= watermarkMillis) {
      pendingUpdate.clear();
    }

    TreeSet<Long> due = new TreeSet<>();
    List<Long> settled = new ArrayList<>();
    for (Map.Entry<Long, Boolean> open : openDays.entries()) {
      if (!finalAt(LocalDate.ofEpochDay(open.getKey())).isAfter(watermark)) {
        settled.add(open.getKey());
        due.add(open.getKey());
      }
    }
    for (Long touched : touchedDays.keys()) {
      due.add(touched);
    }
    if (due.isEmpty()) {
      return;
    }

    WorkerTimeline timeline = WorkerTimeline.restore(ctx.getCurrentKey(), config, eventList());
    for (long epochDay : due) {
      emit(timeline.workingDay(LocalDate.ofEpochDay(epochDay), watermark), epochDay, out);
    }

    for (long epochDay : settled) {
      openDays.remove(epochDay);
      touchedDays.remove(epochDay);
      timers.deleteEventTimeTimer(settleTimer(LocalDate.ofEpochDay(epochDay)));
    }
    List<Long> complete = new ArrayList<>();
    long earliestIncomplete = Long.MAX_VALUE;
    for (Map.Entry<Long, Long> touched : touchedDays.entries()) {
      if (touched.getValue() <= watermarkMillis) {
        complete.add(touched.getKey());
      } else {
        earliestIncomplete = Math.min(earliestIncomplete, touched.getValue());
      }
    }
    for (long epochDay : complete) {
      touchedDays.remove(epochDay);
    }

    if (openDays.isEmpty()) {
      clearWorker(timers);
    } else if (earliestIncomplete != Long.MAX_VALUE) {
      scheduleUpdate(timers, earliestIncomplete);
    }
  }

  /**
   * Emits a day unless nothing ever happened in it: touching the next day is a precaution for
   * events near midnight, and should not produce empty records for days the worker never worked. A
   * day emitted before is always emitted again, so an earlier non-empty record is replaced.
   */
  private void emit(WorkingDay day, long epochDay, Collector<WorkingDay> out) throws Exception {
    boolean empty =
        day.segments().isEmpty() && day.anomalies().isEmpty() && day.sourceBatchIds().isEmpty();
    Boolean emittedBefore = openDays.get(epochDay);
    if (!empty || Boolean.TRUE.equals(emittedBefore)) {
      out.collect(day);
      if (emittedBefore != null) {
        openDays.put(epochDay, true);
      }
    }
  }

  private void clearWorker(TimerService timers) throws Exception {
    Long pending = pendingUpdate.value();
    if (pending != null) {
      timers.deleteEventTimeTimer(pending);
    }
    pendingUpdate.clear();
    events.clear();
    openDays.clear();
    touchedDays.clear();
  }

  /**
   * Keeps a single live-update timer at the earliest interval boundary strictly after {@code
   * eventMillis}; when it fires the watermark has passed the event, so the update includes it.
   */
  private void scheduleUpdate(TimerService timers, long eventMillis) throws Exception {
    long at = (Math.floorDiv(eventMillis, updateIntervalMillis) + 1) * updateIntervalMillis;
    Long pending = pendingUpdate.value();
    if (pending != null && pending <= at) {
      return;
    }
    if (pending != null) {
      timers.deleteEventTimeTimer(pending);
    }
    timers.registerEventTimeTimer(at);
    pendingUpdate.update(at);
  }

  /**
   * The days an event at {@code at} can change: a session stays alive for up to the silence timeout
   * between events, so an event (even a late one filling a gap) changes time at most one silence
   * timeout before or after it.
   */
  private List<LocalDate> affectedDays(Instant at) {
    LocalDate first = LocalDate.ofInstant(at.minus(config.silenceTimeout()), config.zone());
    LocalDate last = LocalDate.ofInstant(at.plus(config.silenceTimeout()), config.zone());
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  /** When a day settles: its local end plus the silence timeout, after which no session is open. */
  private Instant finalAt(LocalDate day) {
    return day.plusDays(1).atStartOfDay(config.zone()).toInstant().plus(config.silenceTimeout());
  }

  /**
   * The timer that settles a day: the first Flink watermark whose {@link #timelineWatermark}
   * reaches {@link #finalAt}, so the record it emits is no longer provisional.
   */
  private long settleTimer(LocalDate day) {
    return finalAt(day).toEpochMilli() - 1;
  }

  private List<TimelineEvent> eventList() throws Exception {
    List<TimelineEvent> list = new ArrayList<>();
    events.values().forEach(list::add);
    return list;
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
