package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.DecodedBatch;
import java.time.Instant;

/** Makes a platform's decoded batch durable, or says why it cannot. */
public interface EventIngestor {
  /**
   * Keeps the batch's valid events, never an event twice, and answers what became of each; with
   * them, the batch's provenance (its body hash, signature and certificate).
   *
   * @throws IngestUnavailableException when nothing could be made durable; the batch may be resent
   */
  IngestOutcome ingest(
      String platform, DecodedBatch batch, BatchProvenance provenance, Instant receivedAt);
}
