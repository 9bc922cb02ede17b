package io.shiftproof.records;

import io.shiftproof.records.PostgresDayRecordReader.StoredVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the day evidence of a window from the tables the stream job writes. Blocking. */
public final class PostgresEvidenceReader implements EvidenceReader {
  private final DataSource dataSource;
  private final PostgresDayRecordReader records;
  private final String job;

  /**
   * @param job the working-time job whose committed watermark says how far records are complete
   */
  public PostgresEvidenceReader(DataSource dataSource, String job) {
    this.dataSource = dataSource;
    this.records = new PostgresDayRecordReader(dataSource, job);
    this.job = job;
  }

  @Override
  public Optional<Instant> committedWatermark() {
    try (Connection c = dataSource.getConnection()) {
      return PostgresDayRecordReader.committedWatermark(c, job);
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read the job's progress: " + e.getMessage(), e);
    }
  }

  @Override
  public DayEvidence day(String workerRef, LocalDate day) {
    Optional<StoredVersion> sealed = records.latestVersion(workerRef, day);
    if (sealed.isPresent()) {
      StoredVersion version = sealed.get();
      return version
          .proof()
          .<DayEvidence>map(
              proof ->
                  new DayEvidence.Sealed(day, version.canonicalRecord(), version.record(), proof))
          .orElseGet(() -> new DayEvidence.NotSealed(day, Optional.empty()));
    }
    return records
        .live(workerRef, day)
        .<DayEvidence>map(
            live -> new DayEvidence.NotSealed(day, Optional.of(live.getCoveredUntilMicros())))
        .orElseGet(() -> new DayEvidence.NoRecord(day));
  }
}
