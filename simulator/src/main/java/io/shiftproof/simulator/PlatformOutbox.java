package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.WorkEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * One platform's sending side: holds events until their send time, then packs them in send order
 * into batches of at most {@code batchSize}, cut when full, when the oldest has waited {@code
 * flushInterval}, or at local midnight, so every batch belongs to one sending day.
 */
final class PlatformOutbox {
  private static final Comparator<OutgoingEvent> SEND_ORDER =
      Comparator.comparingLong(OutgoingEvent::sentMillis).thenComparingLong(OutgoingEvent::order);

  private final String platform;
  private final int batchSize;
  private final long flushMillis;
  private final ZoneId zone;
  private final SimulationTally tally;
  private final PriorityQueue<OutgoingEvent> waiting = new PriorityQueue<>(SEND_ORDER);
  private final List<OutgoingEvent> current = new ArrayList<>();
  private long currentOpenedAt;
  private LocalDate currentDay;
  private LocalDate sequenceDay;
  private int sequence;

  PlatformOutbox(String platform, SimulationConfig config, SimulationTally tally) {
    this.platform = platform;
    this.batchSize = config.batchSize();
    this.flushMillis = config.flushInterval().toMillis();
    this.zone = config.zone();
    this.tally = tally;
  }

  void offer(OutgoingEvent event) {
    waiting.add(event);
  }

  /**
   * Sends everything due by {@code now}. Safe because no event generated later can be due earlier:
   * the generator moves forward in true time and nothing is sent before it happens.
   */
  void sendDue(long now, Consumer<PlatformBatch> sent) {
    while (!waiting.isEmpty() && waiting.peek().sentMillis() <= now) {
      append(waiting.remove(), sent);
    }
  }

  /** Sends everything still waiting, at the end of the run. */
  void drain(Consumer<PlatformBatch> sent) {
    sendDue(Long.MAX_VALUE, sent);
    flush(sent);
  }

  private void append(OutgoingEvent event, Consumer<PlatformBatch> sent) {
    LocalDate day = Instant.ofEpochMilli(event.sentMillis()).atZone(zone).toLocalDate();
    if (!current.isEmpty()
        && (!day.equals(currentDay) || event.sentMillis() - currentOpenedAt >= flushMillis)) {
      flush(sent);
    }
    if (current.isEmpty()) {
      currentOpenedAt = event.sentMillis();
      currentDay = day;
    }
    current.add(event);
    if (current.size() >= batchSize) {
      flush(sent);
    }
  }

  private void flush(Consumer<PlatformBatch> sent) {
    if (current.isEmpty()) {
      return;
    }
    if (!currentDay.equals(sequenceDay)) {
      sequenceDay = currentDay;
      sequence = 0;
    }
    String batchId = String.format("b-%s-%s-%06d", platform, currentDay, ++sequence);
    List<WorkEvent> events = new ArrayList<>(current.size());
    for (OutgoingEvent event : current) {
      events.add(event.event());
    }
    tally.batchSent(platform, current);
    current.clear();
    sent.accept(new PlatformBatch(platform, new EventBatch(batchId, events)));
  }
}
