package io.shiftproof.records;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Read-only access to the day records the stream job stores. Every method blocks; call them off the
 * event loop.
 */
public interface DayRecordReader {

  /** The highest sealed version of the day, or else its live record. */
  Optional<StoredDayRecord> latest(String workerRef, LocalDate day);

  /** One sealed version ({@code version >= 1}) of the day. */
  Optional<StoredDayRecord> sealed(String workerRef, LocalDate day, int version);

  /** Whether any record, of any day, sealed or live, exists for the worker. */
  boolean knowsWorker(String workerRef);
}
