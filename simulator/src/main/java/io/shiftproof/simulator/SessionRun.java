package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Plays out one planned session step by step, in true-time order: log on, wait for orders, take
 * them (one at a time for ride-hailing, stacked for deliveries), send heartbeats, and at the end of
 * the shift finish the orders in hand and log off. A small agenda of pending steps is all the state
 * it keeps, so many sessions can run side by side cheaply.
 */
final class SessionRun {
  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;

  /** Steps in the order docs/design.md §5 applies equal-time events; SHIFT_END sends nothing. */
  private enum StepKind {
    ONLINE,
    ASSIGN,
    START,
    HEARTBEAT,
    COMPLETE,
    CANCEL,
    SHIFT_END,
    OFFLINE
  }

  private record Step(long at, StepKind kind, int task, long order) {}

  private static final Comparator<Step> STEP_ORDER =
      Comparator.comparingLong(Step::at).thenComparing(Step::kind).thenComparingLong(Step::order);

  private final PlannedSession plan;
  private final long order;
  private final SyntheticIds ids;
  private final ZoneId zone;
  private final long heartbeatMillis;
  private final SessionFaults faults;
  private final Whereabouts whereabouts;
  private final int stack;
  private final SplittableRandom rng;
  private final SplittableRandom deliveryRng;
  private final PriorityQueue<Step> agenda = new PriorityQueue<>(8, STEP_ORDER);
  private final Map<Integer, String> openTaskRefs = new HashMap<>();
  private long stepCounter;
  private int taskCounter;
  private int eventSequence;
  private boolean orderPending;
  private boolean closing;
  private boolean finished;
  private boolean offlineDropped;
  private long nextStepAt;
  private long firstEventAt = Long.MIN_VALUE;
  private long lastEventAt = Long.MIN_VALUE;

  /**
   * @param order a number unique among the run's sessions, breaking ties between sessions whose
   *     next steps fall on the same millisecond so the interleaving is deterministic
   */
  SessionRun(PlannedSession plan, long order, SimulationConfig config, SyntheticIds ids) {
    this.plan = plan;
    this.order = order;
    this.ids = ids;
    this.zone = config.zone();
    this.heartbeatMillis = config.heartbeatInterval().toMillis();
    WorkerProfile worker = plan.worker();
    long seed = config.seed();
    this.rng = SeedDerivation.random(seed, 3, worker.number(), plan.day(), plan.slot());
    this.deliveryRng = SeedDerivation.random(seed, 4, worker.number(), plan.day(), plan.slot());
    this.faults =
        SessionFaults.draw(
            config.faults(),
            SeedDerivation.random(seed, 5, worker.number(), plan.day(), plan.slot()));
    PlatformKind kind = plan.platform().kind();
    this.stack = kind.minStack + rng.nextInt(kind.maxStack - kind.minStack + 1);
    this.whereabouts = new Whereabouts(worker);
    schedule(plan.startMillis(), StepKind.ONLINE, -1);
    nextStepAt = plan.startMillis();
  }

  PlannedSession plan() {
    return plan;
  }

  long order() {
    return order;
  }

  /**
   * True time of the next step; only meaningful while not {@link #finished()}. Kept in a field
   * because the sweep's queue compares it many times per step.
   */
  long nextStepAt() {
    return nextStepAt;
  }

  boolean finished() {
    return finished;
  }

  /** The random stream the platform's delivery faults for the session being run draw from. */
  SplittableRandom deliveryRandom() {
    return deliveryRng;
  }

  boolean clockSkewed() {
    return faults.clockSkewed();
  }

  /** Whether the session ended without sending its {@code OFFLINE}. */
  boolean offlineDropped() {
    return offlineDropped;
  }

  /** Whether the session's first and last events fall on different local days. */
  boolean crossedMidnight() {
    return firstEventAt != Long.MIN_VALUE
        && !localDate(firstEventAt).equals(localDate(lastEventAt));
  }

  /** Carries out the next step; most steps send one event, some send none. */
  Optional<GeneratedEvent> step() {
    Optional<GeneratedEvent> event = play(agenda.remove());
    nextStepAt = agenda.isEmpty() ? Long.MAX_VALUE : agenda.element().at();
    return event;
  }

  private Optional<GeneratedEvent> play(Step step) {
    long at = step.at();
    return switch (step.kind()) {
      case ONLINE -> {
        scheduleHeartbeat(at);
        scheduleNextOrder(at);
        schedule(plan.plannedEndMillis(), StepKind.SHIFT_END, -1);
        yield emit(WorkEventType.ONLINE, at, -1);
      }
      case HEARTBEAT -> {
        scheduleHeartbeat(at);
        yield emit(WorkEventType.HEARTBEAT, at, -1);
      }
      case ASSIGN -> assign(at);
      case START -> start(step.task(), at);
      case COMPLETE -> end(WorkEventType.TASK_COMPLETED, step.task(), at);
      case CANCEL -> end(WorkEventType.TASK_CANCELLED, step.task(), at);
      case SHIFT_END -> {
        closing = true;
        if (openTaskRefs.isEmpty()) {
          schedule(at + rng.nextLong(0, 2 * MINUTE), StepKind.OFFLINE, -1);
        }
        yield Optional.empty();
      }
      case OFFLINE -> {
        finished = true;
        agenda.clear();
        offlineDropped = faults.dropsOffline();
        yield offlineDropped ? Optional.empty() : emit(WorkEventType.OFFLINE, at, -1);
      }
    };
  }

  private Optional<GeneratedEvent> assign(long at) {
    orderPending = false;
    if (closing) {
      return Optional.empty(); // the worker stopped accepting orders at the end of the shift
    }
    PlatformKind kind = plan.platform().kind();
    int task = taskCounter++;
    openTaskRefs.put(task, ids.taskRef(kind, plan.platform().name(), plan.sessionId(), task));
    long enRoute = rng.nextLong(kind.minEnRouteMillis, kind.maxEnRouteMillis);
    if (rng.nextDouble() < kind.cancelBeforeStart) {
      // Customer or worker gives up on the way to the pickup.
      schedule(at + rng.nextLong(30 * SECOND, enRoute), StepKind.CANCEL, task);
    } else {
      schedule(at + enRoute, StepKind.START, task);
    }
    if (openTaskRefs.size() < stack) {
      scheduleNextOrder(at);
    }
    return emit(WorkEventType.TASK_ASSIGNED, at, task);
  }

  private Optional<GeneratedEvent> start(int task, long at) {
    PlatformKind kind = plan.platform().kind();
    whereabouts.move(0.012, rng);
    long onTask = rng.nextLong(kind.minOnTaskMillis, kind.maxOnTaskMillis);
    if (rng.nextDouble() < kind.cancelAfterStart) {
      schedule(at + rng.nextLong(MINUTE, onTask), StepKind.CANCEL, task);
    } else {
      schedule(at + onTask, StepKind.COMPLETE, task);
    }
    return emit(WorkEventType.TASK_STARTED, at, task);
  }

  private Optional<GeneratedEvent> end(WorkEventType type, int task, long at) {
    whereabouts.move(0.02, rng);
    Optional<GeneratedEvent> event = emit(type, at, task);
    openTaskRefs.remove(task);
    if (closing) {
      if (openTaskRefs.isEmpty()) {
        schedule(at + rng.nextLong(20 * SECOND, 4 * MINUTE), StepKind.OFFLINE, -1);
      }
    } else if (!orderPending) {
      scheduleNextOrder(at);
    }
    return event;
  }

  // Orders arrive as a Poisson process whose rate follows the platform's demand by local hour.
  private void scheduleNextOrder(long from) {
    PlatformKind kind = plan.platform().kind();
    double mean = kind.meanOrderGapMillis / kind.demandAt(localHour(from));
    long gap = (long) (-mean * Math.log(1 - rng.nextDouble()));
    schedule(from + Math.max(20 * SECOND, gap), StepKind.ASSIGN, -1);
    orderPending = true;
  }

  private void scheduleHeartbeat(long from) {
    if (heartbeatMillis > 0) {
      long jitter = heartbeatMillis >= 10 * SECOND ? rng.nextLong(-500, 500) : 0;
      schedule(from + heartbeatMillis + jitter, StepKind.HEARTBEAT, -1);
    }
  }

  private void schedule(long at, StepKind kind, int task) {
    agenda.add(new Step(at, kind, task, stepCounter++));
  }

  private Optional<GeneratedEvent> emit(WorkEventType type, long at, int task) {
    if (firstEventAt == Long.MIN_VALUE) {
      firstEventAt = at;
    }
    lastEventAt = at;
    Instant occurredAt = Instant.ofEpochMilli(at + faults.skewMillis());
    String platform = plan.platform().name();
    Optional<String> cell = whereabouts.cell(rng);
    WorkEvent event =
        new WorkEvent(
            ids.eventId(platform, plan.sessionId(), eventSequence++),
            plan.worker().workerRef(),
            plan.sessionId(),
            type,
            task < 0 ? Optional.empty() : Optional.of(openTaskRefs.get(task)),
            occurredAt,
            OccurrenceTime.format(occurredAt, zone),
            cell);
    return Optional.of(new GeneratedEvent(at, event));
  }

  private int localHour(long millis) {
    return Instant.ofEpochMilli(millis).atZone(zone).getHour();
  }

  private LocalDate localDate(long millis) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }
}
