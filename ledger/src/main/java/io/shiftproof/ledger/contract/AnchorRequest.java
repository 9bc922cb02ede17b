package io.shiftproof.ledger.contract;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code AnchorBatch} writes: the Merkle root over one batch of sealed day-record versions.
 *
 * @param batchId unique per batch: the job's chain plus the checkpoint, e.g. {@code
 *     shiftproof-working-time/5d1c…/17}; anchoring the same batch again is a no-op
 * @param chain the sequence of batches this one extends (one per job); the ledger keeps its head
 * @param previousBatchId the chain's head the writer saw (empty for the first batch); a mismatch
 *     means a batch would be skipped or forked, and is refused
 * @param rootHex the RFC 6962 root, 64 lower-case hex digits
 * @param treeSize the number of leaves, at least 1
 * @param fromMicros start of the event time the batch's records cover (epoch microseconds)
 * @param toMicros end of that range, exclusive
 */
public record AnchorRequest(
    String batchId,
    String chain,
    Optional<String> previousBatchId,
    String rootHex,
    long treeSize,
    long fromMicros,
    long toMicros) {
  public AnchorRequest {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(previousBatchId, "previousBatchId");
    Objects.requireNonNull(rootHex, "rootHex");
  }
}
