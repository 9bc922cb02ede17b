package io.shiftproof.gateway.evidence;

import io.shiftproof.gateway.query.PostgresDayRecordReader;
import io.shiftproof.gateway.query.RecordProof;
import io.shiftproof.gateway.query.RecordStoreException;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the day evidence of a window from the tables the stream job writes. Blocking. */
public final class PostgresEvidenceReader {
  private final DataSource dataSource;
  private final String job;

  /**
   * @param job the working-time job whose committed watermark says how far records are complete
   */
  public PostgresEvidenceReader(DataSource dataSource, String job) {
    this.dataSource = dataSource;
    this.job = job;
  }

  /** How far in event time the job's stored records are complete, if it committed anything. */
  public Optional<Instant> committedWatermark() {
    try (Connection c = dataSource.getConnection()) {
      return PostgresDayRecordReader.committedWatermark(c, job);
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read the job's progress: " + e.getMessage(), e);
    }
  }

  public DayEvidence day(String workerRef, LocalDate day) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement p = c.prepareStatement(PostgresDayRecordReader.LATEST_SEALED)) {
        p.setString(1, workerRef);
        p.setObject(2, day);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            byte[] record = r.getBytes("record");
            Optional<RecordProof> proof = PostgresDayRecordReader.proof(r, record);
            if (proof.isPresent()) {
              return new DayEvidence.Sealed(
                  new SealedDayEvidence(day, r.getInt("version"), record, proof.get()));
            }
            return new DayEvidence.NotSealed(day, Optional.empty());
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement(PostgresDayRecordReader.LIVE)) {
        p.setString(1, workerRef);
        p.setObject(2, day);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            long coveredUntil = DayRecordCodec.decode(r.getBytes("record")).getCoveredUntilMicros();
            return new DayEvidence.NotSealed(day, Optional.of(coveredUntil));
          }
        }
      }
      return new DayEvidence.NoRecord(day);
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read day records: " + e.getMessage(), e);
    }
  }
}
