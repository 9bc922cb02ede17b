package io.shiftproof.streamjobs.worktime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One session's distinct events in application order, and its {@link SessionReplay} kept up to the
 * last watermark asked about, so that each answer applies only the events that are new to it.
 *
 * <p>Events that arrive in time order are applied once each, as the watermark passes them. An event
 * that lands before events already applied (a late one, or a resend that replaces its copy), and a
 * watermark earlier than the last one, send the replay back to the latest checkpoint at or before
 * that point; only the events from there on are applied again. A checkpoint is kept every {@link
 * #CHECKPOINT_SPACING} applied events, so an event inside the lateness bound re-applies at most
 * that many events more than the ones after it.
 */
final class SessionLog {

  /**
   * Applied events between checkpoints: what a late event may re-apply beyond the events after it,
   * against one small mark (the open tasks) kept per that many events.
   */
  static final int CHECKPOINT_SPACING = 32;

  private final List<TimelineEvent> events = new ArrayList<>();
  private final SessionReplay replay;

  /** Marks of {@link #replay}, by the number of events applied when each was taken; never empty. */
  private final List<Checkpoint> checkpoints = new ArrayList<>();

  /** How many of {@link #events}, from the first, the replay has applied. */
  private int applied;

  /** Events before this index are as they were when applied; later ones may have moved. */
  private int unchangedBefore = Integer.MAX_VALUE;

  private long applications;

  SessionLog(String platform, String sessionId, Duration silenceTimeout) {
    this.replay = new SessionReplay(platform, sessionId, silenceTimeout);
    checkpoints.add(new Checkpoint(0, replay.mark()));
  }

  /** Adds a distinct event of the session. */
  void add(TimelineEvent event) {
    int at = events.size();
    if (at > 0 && SessionReplay.APPLICATION_ORDER.compare(events.get(at - 1), event) > 0) {
      at = -Collections.binarySearch(events, event, SessionReplay.APPLICATION_ORDER) - 1;
    }
    events.add(at, event);
    unchangedBefore = Math.min(unchangedBefore, at);
  }

  /** Removes an event added before (a copy superseded by an earlier-received one). */
  void remove(TimelineEvent event) {
    int at = Collections.binarySearch(events, event, SessionReplay.APPLICATION_ORDER);
    if (at >= 0 && events.get(at).equals(event)) {
      events.remove(at);
      unchangedBefore = Math.min(unchangedBefore, at);
    }
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** The latest event's time. */
  Instant lastEventAt() {
    return events.get(events.size() - 1).occurredAt();
  }

  /** How many times an event was applied so far, counting each re-application. */
  long applications() {
    return applications;
  }

  /**
   * The session replayed with its events before {@code watermark}, and whether that outcome is
   * final (see {@link SessionReplay.Replayed}).
   */
  SessionReplay.Replayed replay(Instant watermark) {
    int due = countBefore(watermark);
    int keep = Math.min(due, unchangedBefore);
    if (keep < applied) {
      rewindTo(keep);
    }
    unchangedBefore = Integer.MAX_VALUE;
    while (applied < due) {
      replay.apply(events.get(applied));
      applied++;
      applications++;
      if (applied - checkpoints.get(checkpoints.size() - 1).applied() >= CHECKPOINT_SPACING) {
        checkpoints.add(new Checkpoint(applied, replay.mark()));
      }
    }
    Optional<Instant> nextHeldBack =
        due < events.size() ? Optional.of(events.get(due).occurredAt()) : Optional.empty();
    SessionOutcome outcome = replay.outcome(watermark, nextHeldBack);
    return new SessionReplay.Replayed(outcome, due == events.size() && !replay.online());
  }

  /** Goes back to the latest checkpoint with at most {@code target} events applied. */
  private void rewindTo(int target) {
    int last = checkpoints.size() - 1;
    while (checkpoints.get(last).applied() > target) {
      checkpoints.remove(last--);
    }
    Checkpoint checkpoint = checkpoints.get(last);
    replay.rewind(checkpoint.mark());
    applied = checkpoint.applied();
  }

  /** The number of events before {@code watermark}: they come first in application order. */
  private int countBefore(Instant watermark) {
    int low = 0;
    int high = events.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (events.get(middle).occurredAt().isBefore(watermark)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private record Checkpoint(int applied, SessionReplay.Mark mark) {}
}
