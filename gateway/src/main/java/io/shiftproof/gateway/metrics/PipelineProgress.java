package io.shiftproof.gateway.metrics;

import java.time.Instant;
import java.util.Optional;

/**
 * How far the working-time job has got, as the hub's database shows it: what the job committed at
 * its checkpoints and what it anchored. Read from the database rather than from the job, so the
 * same numbers exist whether the job runs in the hub's process or on a Flink cluster.
 *
 * @param watermark the committed watermark (the minimum over the job's sink instances)
 * @param lastCheckpoint when every sink instance last committed a completed checkpoint
 * @param checkpointId the newest checkpoint every sink instance has committed, 0 before any
 * @param anchorBatches the Merkle batches of sealed versions anchored on the ledger
 * @param lastAnchor when the newest of them was anchored
 * @param unanchoredVersions sealed versions stored but not yet in an anchored batch
 * @param oldestUnanchored when the oldest of those was stored
 */
public record PipelineProgress(
    Optional<Instant> watermark,
    Optional<Instant> lastCheckpoint,
    long checkpointId,
    long anchorBatches,
    Optional<Instant> lastAnchor,
    long unanchoredVersions,
    Optional<Instant> oldestUnanchored) {

  /** Before anything was read: nothing committed, nothing anchored. */
  public static final PipelineProgress NONE =
      new PipelineProgress(
          Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), 0, Optional.empty());
}
