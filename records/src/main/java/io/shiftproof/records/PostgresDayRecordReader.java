package io.shiftproof.records;

import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionPaths;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads day records from the tables of {@code V2__day_records.sql}. The stored bytes are decoded,
 * never trusted column by column: the canonical record is the only source of an answer.
 *
 * <p>Its instance methods answer the gateway's queries, each on a connection of the pool; its
 * static ones read the whole store, or the job's progress, with the caller's connection, for the
 * demo, benchmarks and tests.
 */
public final class PostgresDayRecordReader implements DayRecordReader {
  /** A version's columns with its leaf and its batch's anchor (null where not anchored). */
  private static final String VERSION_COLUMNS =
      "v.version, v.reason, v.watermark, v.record, v.leaf_index, v.inclusion_path,"
          + " a.batch_id, a.chain, a.sequence, a.previous_batch_id, a.root, a.tree_size,"
          + " a.from_micros, a.to_micros, a.ledger_kind, a.ledger_channel, a.ledger_contract,"
          + " a.ledger_tx_id, a.ledger_position, a.anchored_at";

  private static final String LATEST_SEALED =
      "SELECT "
          + VERSION_COLUMNS
          + " FROM day_record_version v LEFT JOIN anchor_batch a ON a.batch_id = v.batch_id"
          + " WHERE v.worker_ref = ? AND v.day = ? ORDER BY v.version DESC LIMIT 1";
  private static final String LIVE =
      "SELECT record FROM day_record_live WHERE worker_ref = ? AND day = ?";
  // One statement, so the live record read is at least as new as the watermark read with it: the
  // job stores the live records of a checkpoint before it records the checkpoint's watermark.
  private static final String LIVE_WITH_PROGRESS =
      "SELECT record, quiet,"
          + " (SELECT min(watermark) FROM stream_progress WHERE job = ?) AS committed"
          + " FROM day_record_live WHERE worker_ref = ? AND day = ?";
  // The latest version comes from the same statement, so the two cannot disagree.
  private static final String SEALED_VERSION =
      "SELECT "
          + VERSION_COLUMNS
          + ", (SELECT max(version) FROM day_record_version l"
          + "   WHERE l.worker_ref = v.worker_ref AND l.day = v.day) AS latest"
          + " FROM day_record_version v LEFT JOIN anchor_batch a ON a.batch_id = v.batch_id"
          + " WHERE v.worker_ref = ? AND v.day = ? AND v.version = ?";
  private static final String LATEST_OF_EVERY_WORKER =
      "SELECT DISTINCT ON (worker_ref) record FROM ("
          + " SELECT worker_ref, version, record FROM day_record_version WHERE day = ?"
          + " UNION ALL"
          + " SELECT worker_ref, 0, record FROM day_record_live WHERE day = ?) r"
          + " ORDER BY worker_ref, version DESC";
  private static final String LATEST_SEALED_OF_EVERY_DAY =
      "SELECT DISTINCT ON (worker_ref, day) record"
          + " FROM day_record_version ORDER BY worker_ref, day, version DESC";
  private static final String KNOWS_WORKER =
      "SELECT EXISTS (SELECT 1 FROM day_record_version WHERE worker_ref = ?)"
          + " OR EXISTS (SELECT 1 FROM day_record_live WHERE worker_ref = ?)";

  private final DataSource dataSource;
  private final String job;

  /**
   * @param job the working-time job whose committed watermark a quiet worker's live record holds up
   *     to ({@link RecordReach})
   */
  public PostgresDayRecordReader(DataSource dataSource, String job) {
    this.dataSource = dataSource;
    this.job = job;
  }

  /**
   * A sealed version as stored: its canonical bytes exactly as hashed, decoded, its seal, and its
   * proof once anchored.
   */
  public record StoredVersion(
      byte[] canonicalRecord, DayRecord record, Seal seal, Optional<RecordProof> proof) {}

  /**
   * The latest sealed version; but while the day is open, its live record once it holds further
   * ({@link RecordReach}) than the latest interim version (a snapshot sealed on request), so a
   * reader sees the freshest.
   */
  @Override
  public Optional<StoredDayRecord> latest(String workerRef, LocalDate day) {
    try (Connection c = dataSource.getConnection()) {
      Optional<StoredVersion> sealed = latestVersion(c, workerRef, day);
      if (sealed.isPresent() && !sealed.get().record().getProvisional()) {
        return sealed.map(v -> stored(v, v.record().getVersion()));
      }
      int latestVersion = sealed.map(v -> v.record().getVersion()).orElse(0);
      Optional<StoredDayRecord> live = liveWithReach(c, workerRef, day, latestVersion);
      if (live.isPresent()
          && (sealed.isEmpty()
              || live.get().knownUntil().isAfter(RecordReach.ofSealed(sealed.get().record())))) {
        return live;
      }
      return sealed.map(v -> stored(v, latestVersion));
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private Optional<StoredDayRecord> liveWithReach(
      Connection c, String workerRef, LocalDate day, int latestVersion) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(LIVE_WITH_PROGRESS)) {
      p.setString(1, job);
      p.setString(2, workerRef);
      p.setObject(3, day);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        DayRecord live = decode(r.getBytes("record"));
        Optional<Instant> committed =
            Optional.ofNullable(r.getObject("committed", OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
        return Optional.of(
            new StoredDayRecord(
                live,
                Optional.empty(),
                Optional.empty(),
                latestVersion,
                RecordReach.ofLive(live, r.getBoolean("quiet"), committed)));
      }
    }
  }

  /** The latest sealed version of a worker's day, anchored or not. */
  public Optional<StoredVersion> latestVersion(String workerRef, LocalDate day) {
    try (Connection c = dataSource.getConnection()) {
      return latestVersion(c, workerRef, day);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** The live record of a worker's day, while the day is open. */
  public Optional<DayRecord> live(String workerRef, LocalDate day) {
    try (Connection c = dataSource.getConnection()) {
      return live(c, workerRef, day);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static Optional<StoredVersion> latestVersion(
      Connection c, String workerRef, LocalDate day) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(LATEST_SEALED)) {
      p.setString(1, workerRef);
      p.setObject(2, day);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(version(r)) : Optional.empty();
      }
    }
  }

  private static Optional<DayRecord> live(Connection c, String workerRef, LocalDate day)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(LIVE)) {
      p.setString(1, workerRef);
      p.setObject(2, day);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(decode(r.getBytes("record"))) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<StoredDayRecord> sealed(String workerRef, LocalDate day, int version) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(SEALED_VERSION)) {
      p.setString(1, workerRef);
      p.setObject(2, day);
      p.setInt(3, version);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(stored(version(r), r.getInt("latest"))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public boolean knowsWorker(String workerRef) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(KNOWS_WORKER)) {
      p.setString(1, workerRef);
      p.setString(2, workerRef);
      try (ResultSet r = p.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static StoredDayRecord stored(StoredVersion version, int latestVersion) {
    return new StoredDayRecord(
        version.record(),
        Optional.of(version.seal()),
        version.proof(),
        latestVersion,
        RecordReach.ofSealed(version.record()));
  }

  /** A version row read with {@link #VERSION_COLUMNS}. */
  private static StoredVersion version(ResultSet r) throws SQLException {
    Seal seal =
        new Seal(r.getString("reason"), r.getObject("watermark", OffsetDateTime.class).toInstant());
    byte[] record = r.getBytes("record");
    return new StoredVersion(record, decode(record), seal, proof(r, record));
  }

  /** The proof of a version row read with {@link #VERSION_COLUMNS}; empty if not anchored. */
  private static Optional<RecordProof> proof(ResultSet r, byte[] record) throws SQLException {
    String batchId = r.getString("batch_id");
    if (batchId == null) {
      return Optional.empty();
    }
    Anchor anchor =
        new Anchor(
            batchId,
            r.getString("chain"),
            r.getLong("sequence"),
            Optional.ofNullable(r.getString("previous_batch_id")),
            Hash.of(r.getBytes("root")).toHex(),
            r.getLong("tree_size"),
            r.getLong("from_micros"),
            r.getLong("to_micros"),
            r.getString("ledger_tx_id"),
            r.getObject("anchored_at", OffsetDateTime.class).toInstant());
    LedgerRef ledger =
        new LedgerRef(
            r.getString("ledger_kind"),
            r.getString("ledger_channel"),
            r.getString("ledger_contract"),
            r.getString("ledger_tx_id"),
            r.getLong("ledger_position"));
    InclusionProof inclusion =
        new InclusionProof(
            r.getLong("leaf_index"),
            anchor.treeSize(),
            InclusionPaths.decode(r.getBytes("inclusion_path")));
    return Optional.of(new RecordProof(TreeHasher.leafHash(record), inclusion, anchor, ledger));
  }

  private static DayRecord decode(byte[] bytes) {
    return DayRecordCodec.decode(bytes);
  }

  private static RecordStoreException unavailable(SQLException e) {
    return new RecordStoreException("cannot read day records: " + e.getMessage(), e);
  }

  /**
   * The latest record of every worker on {@code day}: the highest sealed version, or the live
   * record where none is sealed yet.
   */
  public static List<DayRecord> latestOfEveryWorker(Connection c, LocalDate day)
      throws SQLException {
    List<DayRecord> records = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(LATEST_OF_EVERY_WORKER)) {
      p.setObject(1, day);
      p.setObject(2, day);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          records.add(decode(r.getBytes(1)));
        }
      }
    }
    return records;
  }

  /** The latest sealed version of every worker's day, decoded. */
  public static List<DayRecord> latestSealedVersions(Connection c) throws SQLException {
    List<DayRecord> records = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(LATEST_SEALED_OF_EVERY_DAY);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        records.add(decode(r.getBytes(1)));
      }
    }
    return records;
  }

  /** The canonical bytes of every stored sealed version, in no particular order. */
  public static List<byte[]> sealedRecordBytes(Connection c) throws SQLException {
    List<byte[]> records = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT record FROM day_record_version");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        records.add(r.getBytes(1));
      }
    }
    return records;
  }

  /**
   * How far in event time the job's stored output is complete, if it has committed anything: the
   * sealed versions of its checkpoints, and the live records of quiet workers ({@link
   * RecordReach}).
   */
  public static Optional<Instant> committedWatermark(Connection c, String job) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT min(watermark) FROM stream_progress WHERE job = ?")) {
      p.setString(1, job);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        OffsetDateTime watermark = r.getObject(1, OffsetDateTime.class);
        return Optional.ofNullable(watermark).map(OffsetDateTime::toInstant);
      }
    }
  }
}
