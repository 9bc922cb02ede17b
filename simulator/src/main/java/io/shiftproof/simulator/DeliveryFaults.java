package io.shiftproof.simulator;

import java.util.function.Consumer;

/**
 * Decides when a platform sends each event: a moment after it happened as a rule, much later for
 * the share held back on a phone, and sometimes twice, as an at-least-once sender does after a lost
 * acknowledgement.
 */
final class DeliveryFaults {
  /** Usual delay between an event and its upload. */
  private static final long MAX_UPLOAD_DELAY_MILLIS = 3_000;

  private static final long MIN_RESEND_MILLIS = 2_000;
  private static final long MAX_RESEND_MILLIS = 120_000;

  private final FaultProfile faults;
  private long order;

  DeliveryFaults(FaultProfile faults) {
    this.faults = faults;
  }

  void schedule(GeneratedEvent generated, SessionRun session, Consumer<OutgoingEvent> outbox) {
    var rng = session.deliveryRandom();
    long sent = generated.trueMillis() + rng.nextLong(0, MAX_UPLOAD_DELAY_MILLIS);
    OutgoingEvent.Delivery delivery = OutgoingEvent.Delivery.ON_TIME;
    if (rng.nextDouble() < faults.lateEventRate()) {
      long lateness = faults.lateness().toMillis();
      sent = generated.trueMillis() + rng.nextLong(lateness / 2, lateness + 1);
      delivery = OutgoingEvent.Delivery.LATE;
    }
    outbox.accept(new OutgoingEvent(sent, order++, generated.event(), delivery));
    if (rng.nextDouble() < faults.duplicateRate()) {
      long resent = sent + rng.nextLong(MIN_RESEND_MILLIS, MAX_RESEND_MILLIS);
      outbox.accept(
          new OutgoingEvent(resent, order++, generated.event(), OutgoingEvent.Delivery.DUPLICATE));
    }
  }
}
