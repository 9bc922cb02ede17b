package io.shiftproof.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Runs all sessions of all workers forward together in true time and yields the platforms' batches
 * as they fill. Days are planned only when the sweep reaches them and each session keeps only its
 * pending steps, so memory grows with the number of sessions of a day, not with events.
 */
final class EventSweep implements Iterator<PlatformBatch> {
  // Written out rather than composed: the queue compares sessions dozens of times per event.
  private static final Comparator<SessionRun> NEXT_STEP =
      (a, b) -> {
        int byTime = Long.compare(a.nextStepAt(), b.nextStepAt());
        return byTime != 0 ? byTime : Long.compare(a.order(), b.order());
      };

  private final SimulationConfig config;
  private final SimulationTally tally;
  private final DayPlanner planner;
  private final SyntheticIds ids;
  private final DeliveryFaults delivery;
  private final List<PlatformOutbox> outboxes = new ArrayList<>();
  private final PriorityQueue<Pending> planned =
      new PriorityQueue<>(
          Comparator.comparingLong((Pending p) -> p.session().startMillis())
              .thenComparingLong(Pending::order));
  private final PriorityQueue<SessionRun> running = new PriorityQueue<>(NEXT_STEP);
  private final ArrayDeque<PlatformBatch> ready = new ArrayDeque<>();
  private final long[] availableFrom;
  private int nextDay;
  private long sessionCounter;
  private boolean drained;

  EventSweep(SimulationConfig config, SimulationTally tally) {
    this.config = config;
    this.tally = tally;
    this.ids = new SyntheticIds(config.seed());
    this.planner = new DayPlanner(config, ids);
    this.delivery = new DeliveryFaults(config.faults());
    this.availableFrom = new long[config.workers()];
    Arrays.fill(availableFrom, Long.MIN_VALUE);
    for (SimulatedPlatform platform : config.platforms()) {
      outboxes.add(new PlatformOutbox(platform.name(), config, tally));
      tally.platformKnown(platform.name());
    }
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !drained) {
      advance();
    }
    return !ready.isEmpty();
  }

  @Override
  public PlatformBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the simulation has sent all its batches");
    }
    return ready.remove();
  }

  private void advance() {
    long nextStart = planned.isEmpty() ? Long.MAX_VALUE : planned.peek().session().startMillis();
    long nextStep = running.isEmpty() ? Long.MAX_VALUE : running.peek().nextStepAt();
    if (nextDay < config.days() && Math.min(nextStart, nextStep) >= planner.startOfDay(nextDay)) {
      planDay(nextDay++);
      return;
    }
    if (nextStart == Long.MAX_VALUE && nextStep == Long.MAX_VALUE) {
      outboxes.forEach(outbox -> outbox.drain(ready::add));
      drained = true;
      return;
    }
    if (nextStart <= nextStep) {
      // Sessions take their working state only when they start, so a planned day stays small.
      Pending pending = planned.remove();
      running.add(new SessionRun(pending.session(), pending.order(), config, ids));
      return;
    }
    SessionRun session = running.remove();
    long now = session.nextStepAt();
    session
        .step()
        .ifPresent(
            event ->
                delivery.schedule(
                    event, session, outboxes.get(session.plan().platformIndex())::offer));
    if (session.finished()) {
      tally.sessionEnded(session);
    } else {
      running.add(session);
    }
    for (PlatformOutbox outbox : outboxes) {
      outbox.sendDue(now, ready::add);
    }
  }

  private void planDay(int day) {
    for (int worker = 0; worker < config.workers(); worker++) {
      WorkerProfile profile = WorkerProfile.derive(config, ids, worker);
      if (day == 0) {
        tally.workerPlanned(profile);
      }
      DayPlanner.DayPlan plan = planner.plan(profile, day, availableFrom[worker]);
      availableFrom[worker] = plan.availableFrom();
      for (PlannedSession session : plan.sessions()) {
        planned.add(new Pending(session, sessionCounter++));
      }
    }
  }

  /** A planned session waiting for its start; {@code order} breaks ties deterministically. */
  private record Pending(PlannedSession session, long order) {}
}
