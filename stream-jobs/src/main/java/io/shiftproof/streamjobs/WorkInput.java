package io.shiftproof.streamjobs;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.SealRequest;
import java.util.Objects;

/**
 * What the working-time job reads from the {@code work-events} topic: a worker's recorded event, or
 * a request to seal an interim version of one of the worker's days. Both are keyed by the worker,
 * so a request is applied after every event accepted for that worker before it.
 */
public sealed interface WorkInput permits WorkInput.Event, WorkInput.Seal {

  /** The pseudonym the job keys by. */
  String workerRef();

  /**
   * The event time the watermark follows: the event's {@code occurredAt}; for a seal request the
   * least possible time, so that a request, timed by the hub's clock, never moves it.
   */
  long eventTimeMillis();

  static WorkInput of(RecordedEvent recorded) {
    return new Event(recorded);
  }

  static WorkInput of(SealRequest request) {
    return new Seal(request);
  }

  /** A work-session event as the gateway recorded it. */
  record Event(RecordedEvent recorded) implements WorkInput {
    public Event {
      Objects.requireNonNull(recorded, "recorded");
    }

    @Override
    public String workerRef() {
      return recorded.event().workerRef();
    }

    @Override
    public long eventTimeMillis() {
      return recorded.event().occurredAt().toEpochMilli();
    }
  }

  /** A request to seal an interim version now. */
  record Seal(SealRequest request) implements WorkInput {
    public Seal {
      Objects.requireNonNull(request, "request");
    }

    @Override
    public String workerRef() {
      return request.workerRef();
    }

    @Override
    public long eventTimeMillis() {
      return Long.MIN_VALUE;
    }
  }
}
