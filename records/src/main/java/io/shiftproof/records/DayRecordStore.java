package io.shiftproof.records;

import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionPaths;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes to the day-record tables ({@code db/V2__day_records.sql}, {@code
 * db/V6__anchored_batches.sql}): what the stream job stores, and the emptying of the tables between
 * benchmark runs. Each method writes in the caller's transaction, and each write of the job is
 * idempotent, because a restarted job writes again what it wrote after its last completed
 * checkpoint.
 */
public final class DayRecordStore {
  private DayRecordStore() {}

  /**
   * Replaces live records, never with one made at an earlier watermark: after a restore the job
   * replays events and briefly re-emits records a write already overtook. Of several updates of one
   * day in a batch only the latest made is written.
   */
  public static void upsertLive(Connection c, List<LiveRecord> updates) throws SQLException {
    Map<String, LiveRecord> latest = new LinkedHashMap<>();
    for (LiveRecord u : updates) {
      latest.merge(
          u.workerRef() + '\n' + u.day(),
          u,
          (a, b) -> b.watermarkMillis() >= a.watermarkMillis() ? b : a);
    }
    List<LiveRecord> rows = new ArrayList<>(latest.values());
    // A stable order of row locks, so concurrent writers cannot deadlock.
    rows.sort(Comparator.comparing(LiveRecord::workerRef).thenComparing(LiveRecord::day));
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO day_record_live (worker_ref, day, watermark, covered_until, quiet,"
                + " record) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (worker_ref, day) DO UPDATE"
                + " SET watermark = excluded.watermark, covered_until = excluded.covered_until,"
                + " quiet = excluded.quiet, record = excluded.record, updated_at = now()"
                + " WHERE day_record_live.watermark <= excluded.watermark")) {
      for (LiveRecord u : rows) {
        p.setString(1, u.workerRef());
        p.setDate(2, Date.valueOf(u.day()));
        p.setObject(3, timestamp(u.watermarkMillis()));
        p.setObject(4, timestamp(u.coveredUntilMillis()));
        p.setBoolean(5, u.quiet());
        p.setBytes(6, u.record());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Inserts sealed versions that are not anchored (a job run without a ledger), each at most once,
   * and drops the live record of each day settled: from then on the sealed versions answer for it.
   */
  public static void insertVersions(Connection c, List<SealedVersion> versions, long checkpointId)
      throws SQLException {
    insertVersions(c, versions, checkpointId, Optional.empty());
  }

  /**
   * Stores an anchored batch: the ledger's anchor, and the batch's versions with their leaf index
   * and inclusion path, each at most once. Called only after the anchor committed on the ledger.
   */
  public static void insertAnchoredBatch(
      Connection c, SealedBatch batch, Committed<Anchor> anchored, long checkpointId)
      throws SQLException {
    Anchor a = anchored.value();
    LedgerRef ref = anchored.ref();
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO anchor_batch (batch_id, chain, sequence, previous_batch_id,"
                + " checkpoint_id, root, tree_size, from_micros, to_micros, ledger_kind,"
                + " ledger_channel, ledger_contract, ledger_tx_id, ledger_position, anchored_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (batch_id) DO NOTHING")) {
      p.setString(1, a.batchId());
      p.setString(2, a.chain());
      p.setLong(3, a.sequence());
      p.setString(4, a.previousBatchId().orElse(null));
      p.setLong(5, checkpointId);
      p.setBytes(6, Hash.fromHex(a.rootHex()).bytes());
      p.setLong(7, a.treeSize());
      p.setLong(8, a.fromMicros());
      p.setLong(9, a.toMicros());
      p.setString(10, ref.kind());
      p.setString(11, ref.channel());
      p.setString(12, ref.contract());
      p.setString(13, ref.txId());
      p.setLong(14, ref.position());
      p.setObject(15, OffsetDateTime.ofInstant(a.anchoredAt(), ZoneOffset.UTC));
      p.executeUpdate();
    }
    insertVersions(c, batch.leaves(), checkpointId, Optional.of(new Leaves(a.batchId(), batch)));
  }

  /** Where the versions of an anchored batch sit in its tree. */
  private record Leaves(String batchId, SealedBatch batch) {}

  private static void insertVersions(
      Connection c, List<SealedVersion> versions, long checkpointId, Optional<Leaves> leaves)
      throws SQLException {
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO day_record_version (worker_ref, day, version, reason, watermark,"
                    + " checkpoint_id, record, batch_id, leaf_index, inclusion_path)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (worker_ref, day, version) DO NOTHING");
        PreparedStatement dropLive =
            c.prepareStatement("DELETE FROM day_record_live WHERE worker_ref = ? AND day = ?")) {
      for (int i = 0; i < versions.size(); i++) {
        SealedVersion v = versions.get(i);
        insert.setString(1, v.workerRef());
        insert.setDate(2, Date.valueOf(v.day()));
        insert.setInt(3, v.version());
        insert.setString(4, v.reason().name());
        insert.setObject(5, timestamp(v.watermarkMillis()));
        insert.setLong(6, checkpointId);
        insert.setBytes(7, v.record());
        if (leaves.isPresent()) {
          insert.setString(8, leaves.get().batchId());
          insert.setLong(9, i);
          insert.setBytes(10, InclusionPaths.encode(leaves.get().batch().proof(i).path()));
        } else {
          insert.setNull(8, Types.VARCHAR);
          insert.setNull(9, Types.BIGINT);
          insert.setNull(10, Types.BINARY);
        }
        insert.addBatch();
        // An interim version is a snapshot of a day still open: its live record goes on.
        if (v.reason() != SealedVersion.Reason.INTERIM) {
          dropLive.setString(1, v.workerRef());
          dropLive.setDate(2, Date.valueOf(v.day()));
          dropLive.addBatch();
        }
      }
      insert.executeBatch();
      dropLive.executeBatch();
    }
  }

  /** Stores events too late to apply, each once. */
  public static void insertLateEvents(Connection c, List<LateEvent> late) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO late_event (platform, event_id, worker_ref, batch_id, occurred_at,"
                + " received_at, reason, watermark, event)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (platform, event_id) DO NOTHING")) {
      for (LateEvent e : late) {
        p.setString(1, e.platform());
        p.setString(2, e.eventId());
        p.setString(3, e.workerRef());
        p.setString(4, e.batchId());
        p.setObject(
            5,
            OffsetDateTime.ofInstant(
                DayRecordCodec.instantOfMicros(e.occurredAtMicros()), ZoneOffset.UTC));
        p.setObject(6, timestamp(e.receivedAtMillis()));
        p.setString(7, LateEvent.TOO_LATE);
        p.setObject(8, timestamp(e.watermarkMillis()));
        p.setBytes(9, e.encoded());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Records how far (in event time) the job's output is committed: the sealed versions of the
   * checkpoint, and, since a checkpoint completes only after the live records emitted before it are
   * stored, the live records up to that watermark.
   */
  public static void recordProgress(
      Connection c, String job, int subtask, long watermarkMillis, long checkpointId)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO stream_progress (job, subtask, watermark, checkpoint_id)"
                + " VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (job, subtask) DO UPDATE SET watermark = excluded.watermark,"
                + " checkpoint_id = excluded.checkpoint_id, updated_at = now()"
                + " WHERE stream_progress.checkpoint_id <= excluded.checkpoint_id")) {
      p.setString(1, job);
      p.setInt(2, subtask);
      p.setObject(3, timestamp(watermarkMillis));
      p.setLong(4, checkpointId);
      p.executeUpdate();
    }
  }

  /**
   * Empties the tables the job writes, anchored batches included, so that a benchmark run or a test
   * starts from an empty store. The ledger's own tables are append-only and keep every anchor: a
   * later run's chain continues after them.
   */
  public static void emptyTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "TRUNCATE day_record_version, anchor_batch, day_record_live, late_event,"
              + " stream_progress");
    }
  }

  /**
   * A watermark or instant in milliseconds as a timestamp, clamped to what PostgreSQL stores: the
   * job's initial watermark is {@link Long#MIN_VALUE} and its final one {@link Long#MAX_VALUE}.
   */
  private static OffsetDateTime timestamp(long millis) {
    long clamped = Math.max(MIN_MILLIS, Math.min(MAX_MILLIS, millis));
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clamped), ZoneOffset.UTC);
  }

  private static final long MIN_MILLIS =
      LocalDate.of(1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  private static final long MAX_MILLIS =
      LocalDate.of(9999, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
}
