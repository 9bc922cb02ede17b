package io.shiftproof.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Read-only access to what evidence is built from: the day's latest sealed version with its proof,
 * and how far the stream job's stored output is complete. Every method blocks; call them off the
 * event loop.
 */
public interface EvidenceReader {

  /** How far in event time the job's stored records are complete, if it committed anything. */
  Optional<Instant> committedWatermark();

  /** What the store holds for one local day of a worker. */
  DayEvidence day(String workerRef, LocalDate day);
}
