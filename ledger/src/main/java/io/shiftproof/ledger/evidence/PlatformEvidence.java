package io.shiftproof.ledger.evidence;

import java.util.List;

/**
 * The platforms' own word behind a bundle: the worker's events in the window exactly as their
 * platforms sent and signed them, and the batches those signatures cover.
 */
public record PlatformEvidence(List<SignedEvent> events, List<SignedBatch> batches) {
  /** No platform evidence: a hub that keeps no signed events. */
  public static final PlatformEvidence NONE = new PlatformEvidence(List.of(), List.of());

  public PlatformEvidence {
    events = List.copyOf(events);
    batches = List.copyOf(batches);
  }
}
