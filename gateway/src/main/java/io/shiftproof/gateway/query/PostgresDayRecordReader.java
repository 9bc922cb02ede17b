package io.shiftproof.gateway.query;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads day records from the tables of {@code V2__day_records.sql}. The stored bytes are decoded,
 * never trusted column by column: the canonical record is the only source of an answer.
 */
public final class PostgresDayRecordReader implements DayRecordReader {
  private static final String LATEST_SEALED =
      "SELECT version, reason, watermark, record FROM day_record_version"
          + " WHERE worker_ref = ? AND day = ? ORDER BY version DESC LIMIT 1";
  private static final String LIVE =
      "SELECT record FROM day_record_live WHERE worker_ref = ? AND day = ?";
  // The latest version comes from the same statement, so the two cannot disagree.
  private static final String SEALED_VERSION =
      "SELECT version, reason, watermark, record,"
          + " (SELECT max(version) FROM day_record_version l"
          + "   WHERE l.worker_ref = v.worker_ref AND l.day = v.day) AS latest"
          + " FROM day_record_version v WHERE worker_ref = ? AND day = ? AND version = ?";
  private static final String KNOWS_WORKER =
      "SELECT EXISTS (SELECT 1 FROM day_record_version WHERE worker_ref = ?)"
          + " OR EXISTS (SELECT 1 FROM day_record_live WHERE worker_ref = ?)";

  private final DataSource dataSource;

  public PostgresDayRecordReader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<StoredDayRecord> latest(String workerRef, LocalDate day) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement p = c.prepareStatement(LATEST_SEALED)) {
        p.setString(1, workerRef);
        p.setObject(2, day);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            return Optional.of(sealedRow(r, r.getInt("version")));
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement(LIVE)) {
        p.setString(1, workerRef);
        p.setObject(2, day);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            return Optional.of(
                new StoredDayRecord(decode(r.getBytes("record")), Optional.empty(), 0));
          }
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw unavailable(e);
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
        return r.next() ? Optional.of(sealedRow(r, r.getInt("latest"))) : Optional.empty();
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

  private static StoredDayRecord sealedRow(ResultSet r, int latestVersion) throws SQLException {
    Seal seal =
        new Seal(r.getString("reason"), r.getObject("watermark", OffsetDateTime.class).toInstant());
    return new StoredDayRecord(decode(r.getBytes("record")), Optional.of(seal), latestVersion);
  }

  private static DayRecord decode(byte[] bytes) {
    return DayRecordCodec.decode(bytes);
  }

  private static RecordStoreException unavailable(SQLException e) {
    return new RecordStoreException("cannot read day records: " + e.getMessage(), e);
  }
}
