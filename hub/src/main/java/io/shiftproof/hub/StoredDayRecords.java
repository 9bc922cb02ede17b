package io.shiftproof.hub;

import io.shiftproof.records.PostgresDayRecordReader;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
    return PostgresDayRecordReader.latestOfEveryWorker(c, day);
  }

  /**
   * How far the job got: its committed watermark, if any, against the one that means every event up
   * to the newest has been applied.
   */
  public record Progress(Optional<Instant> committed, Instant target) {
    public boolean reached() {
      return committed.isPresent() && !committed.get().isBefore(target);
    }

    @Override
    public String toString() {
      return "processed up to "
          + committed.map(Instant::toString).orElse("nothing yet")
          + ", want "
          + target;
    }
  }

  /**
   * Waits, polling twice a second, until the job has applied every event up to {@code newestEvent}
   * and stored the records holding them: its committed watermark trails the newest event by the
   * out-of-orderness bound (and a millisecond).
   *
   * @return the progress when it got there, or when {@code timeout} ran out first
   */
  public static Progress awaitProcessed(
      Connection c, WorkingTimeJobConfig job, Instant newestEvent, Duration timeout)
      throws SQLException, InterruptedException {
    Instant target = newestEvent.minus(job.outOfOrderness()).minusSeconds(1);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Progress progress =
          new Progress(PostgresDayRecordReader.committedWatermark(c, job.jobName()), target);
      if (progress.reached() || System.nanoTime() > deadline) {
        return progress;
      }
      Thread.sleep(500);
    }
  }
}
