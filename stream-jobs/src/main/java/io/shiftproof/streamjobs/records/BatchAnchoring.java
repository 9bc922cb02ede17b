package io.shiftproof.streamjobs.records;

import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.records.SealedBatch;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors sealed batches on the ledger, one chain per job: each batch names the chain's head as its
 * previous, so the ledger refuses a skipped or forked batch. Retriable failures are retried a few
 * times; anything else fails the job, which restarts from its last checkpoint and anchors the same
 * batch again (a no-op if it did commit).
 */
final class BatchAnchoring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchAnchoring.class);
  private static final int ATTEMPTS = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final Ledger ledger;
  private final String chain;

  BatchAnchoring(LedgerEndpoint endpoint, String chain) {
    this.ledger = endpoint.connect();
    this.chain = chain;
  }

  Committed<Anchor> anchor(SealedBatch batch, String batchId) throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        var previous = ledger.head(chain).map(Anchor::batchId);
        return ledger.anchorBatch(batch.anchorRequest(batchId, chain, previous));
      } catch (LedgerException e) {
        if (!e.retriable() || attempt == ATTEMPTS) {
          throw e;
        }
        LOG.warn(
            "anchoring {} failed (attempt {}), retrying: {}", batchId, attempt, e.getMessage());
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  @Override
  public void close() {
    ledger.close();
  }
}
