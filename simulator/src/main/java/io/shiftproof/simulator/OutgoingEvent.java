package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.WorkEvent;

/**
 * An event waiting in a platform's outbox until it is sent at {@code sentMillis}.
 *
 * @param order a number unique in the run, so events sent in the same millisecond keep a fixed
 *     order
 */
record OutgoingEvent(long sentMillis, long order, WorkEvent event, Delivery delivery) {

  /** How this copy of the event came to be sent. */
  enum Delivery {
    ON_TIME,
    LATE,
    DUPLICATE
  }
}
