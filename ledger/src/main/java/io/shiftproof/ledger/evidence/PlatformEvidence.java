package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platforms' own word behind a bundle: the worker's events in the window exactly as their
 * platforms sent and signed them, each with its inclusion proof and its batch.
 */
public record PlatformEvidence(List<SignedEvent> events) {
  /** No platform evidence: a hub that keeps no signed events. */
  public static final PlatformEvidence NONE = new PlatformEvidence(List.of());

  public PlatformEvidence {
    events = List.copyOf(events);
  }

  /** The batches the events came in, each once, by platform then batch id. */
  public List<SignedBatch> batches() {
    Map<String, SignedBatch> byBody = new LinkedHashMap<>();
    for (SignedEvent event : events) {
      byBody.putIfAbsent(key(event.batch()), event.batch());
    }
    List<SignedBatch> batches = new ArrayList<>(byBody.values());
    batches.sort(
        Comparator.comparing(SignedBatch::platform)
            .thenComparing(SignedBatch::batchId)
            .thenComparing(b -> b.bodySha256().toHex()));
    return batches;
  }

  /** A batch is one distinct body of one platform; batch ids are the platform's choice. */
  static String key(SignedBatch batch) {
    return batch.platform() + "/" + batch.bodySha256().toHex();
  }
}
