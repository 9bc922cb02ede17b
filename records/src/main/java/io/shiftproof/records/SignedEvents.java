package io.shiftproof.records;

import io.shiftproof.ledger.crypto.SignedEvent;
import java.time.Instant;
import java.util.List;

/**
 * A worker's events as their platforms signed them, for evidence: each with its exact bytes, its
 * inclusion path into its batch's events root, and that batch's signature and certificate, so a
 * verifier can check each alone ({@code SignedEventVerifier}) without seeing any other worker's
 * events. Blocking; call off the event loop.
 */
public interface SignedEvents {

  /**
   * The events of {@code workerRef} that occurred in {@code [from, to)}, as first claimed by a
   * batch, ordered by when they occurred (then platform, batch and leaf index).
   */
  List<SignedEvent> ofWorker(String workerRef, Instant from, Instant to);
}
