package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An anchored batch as the ledger holds it: the request plus what the contract assigned.
 *
 * @param sequence the batch's position in its chain, from 1
 * @param txId the transaction that anchored it
 * @param anchoredAt the transaction's timestamp (never a wall clock read by the contract)
 */
public record Anchor(
    String batchId,
    String chain,
    long sequence,
    Optional<String> previousBatchId,
    String rootHex,
    long treeSize,
    long fromMicros,
    long toMicros,
    String txId,
    Instant anchoredAt) {
  public Anchor {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(previousBatchId, "previousBatchId");
    Objects.requireNonNull(rootHex, "rootHex");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(anchoredAt, "anchoredAt");
  }
}
