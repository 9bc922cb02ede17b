package io.shiftproof.gateway.demo;

import io.shiftproof.gateway.query.PostgresDayRecordReader;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what the working-time job stored, for the demo: latest records and the job's progress. */
public final class StoredDayRecords {
  private StoredDayRecords() {}

  /**
   * The latest record of every worker on {@code day}: the highest sealed version, or the live
   * record where none is sealed yet.
   */
  public static List<DayRecord> latest(Connection c, LocalDate day) throws SQLException {
    List<DayRecord> records = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT DISTINCT ON (worker_ref) record FROM ("
                + " SELECT worker_ref, version, record FROM day_record_version WHERE day = ?"
                + " UNION ALL"
                + " SELECT worker_ref, 0, record FROM day_record_live WHERE day = ?) r"
                + " ORDER BY worker_ref, version DESC")) {
      p.setObject(1, day);
      p.setObject(2, day);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          records.add(DayRecordCodec.decode(r.getBytes(1)));
        }
      }
    }
    return records;
  }

  /**
   * Waits until the job's committed watermark reaches {@code target}, polling twice a second.
   *
   * @return the committed watermark when it did, or the last one seen (if any) when {@code timeout}
   *     ran out first
   */
  public static Optional<Instant> awaitCommittedWatermark(
      Connection c, String job, Instant target, Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Instant> committed = PostgresDayRecordReader.committedWatermark(c, job);
      if (reached(committed, target) || System.nanoTime() > deadline) {
        return committed;
      }
      Thread.sleep(500);
    }
  }

  /** Whether a committed watermark from {@link #awaitCommittedWatermark} reached the target. */
  public static boolean reached(Optional<Instant> committed, Instant target) {
    return committed.isPresent() && !committed.get().isBefore(target);
  }
}
