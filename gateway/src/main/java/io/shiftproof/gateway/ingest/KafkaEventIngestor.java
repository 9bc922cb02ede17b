package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.DecodedBatch;
import io.shiftproof.schemas.wire.IndexedEvent;
import io.shiftproof.schemas.wire.RecordedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Makes a decoded batch durable exactly once per {@code (platform, eventId)}.
 *
 * <p>Order of work, per batch: store the platform's certificate if this gateway has not yet
 * (docs/design.md §8.2); then, in one database transaction, claim the keys (row locks), keep the
 * batch's provenance with the exact bytes of each newly claimed event, publish those events to
 * Kafka and wait for acks=all, and commit. Only then is the batch acknowledged. If Kafka fails, the
 * transaction rolls back and the keys are free again, so the platform's resend is accepted rather
 * than mistaken for a duplicate; an acknowledged event can therefore never be lost.
 *
 * <p>The one remaining window is a crash after Kafka acknowledged but before the commit: the client
 * saw no acknowledgement and resends, and those events reach the topic a second time. The stream
 * job de-duplicates by the same key, so totals are unaffected; what the gateway guarantees is that
 * nothing acknowledged is lost and nothing acknowledged is published twice.
 */
public final class KafkaEventIngestor implements EventIngestor {
  private final DataSource dataSource;
  private final EventPublisher publisher;
  private final EventKeyRegistry keys = new EventKeyRegistry();
  private final PlatformBatches batches = new PlatformBatches();

  public KafkaEventIngestor(DataSource dataSource, EventPublisher publisher) {
    this.dataSource = dataSource;
    this.publisher = publisher;
  }

  /** Runs on a worker thread: it blocks on PostgreSQL and on Kafka. */
  @Override
  public IngestOutcome ingest(
      String platform, DecodedBatch batch, BatchProvenance provenance, Instant receivedAt) {
    List<IndexedEvent> candidates = batch.accepted();
    int inBatchDuplicates = batch.duplicateIndexes().size();
    if (candidates.isEmpty()) {
      return new IngestOutcome(batch.batchId(), 0, inBatchDuplicates, batch.rejections());
    }
    List<String> eventIds = new ArrayList<>(candidates.size());
    for (IndexedEvent e : candidates) {
      eventIds.add(e.event().eventId());
    }
    try (Connection connection = dataSource.getConnection()) {
      byte[] certificate = batches.storeCertificate(connection, provenance.certificate());
      connection.setAutoCommit(false);
      try {
        Set<String> claimed = keys.claim(connection, platform, batch.batchId(), eventIds);
        List<IndexedEvent> first = new ArrayList<>(claimed.size());
        List<RecordedEvent> fresh = new ArrayList<>(claimed.size());
        for (IndexedEvent e : candidates) {
          if (claimed.contains(e.event().eventId())) {
            first.add(e);
            fresh.add(new RecordedEvent(platform, batch.batchId(), receivedAt, e.event()));
          }
        }
        batches.record(
            connection,
            platform,
            batch.batchId(),
            candidates.size(),
            first,
            provenance,
            certificate,
            receivedAt);
        if (!fresh.isEmpty()) {
          publisher.publishAll(fresh);
        }
        connection.commit();
        int duplicates = candidates.size() - fresh.size() + inBatchDuplicates;
        return new IngestOutcome(batch.batchId(), fresh.size(), duplicates, batch.rejections());
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new IngestUnavailableException("database unavailable: " + e.getMessage(), e);
    } catch (EventPublisher.PublishException e) {
      throw new IngestUnavailableException(e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
