package io.shiftproof.streamjobs.worktime;

import java.util.Objects;

/**
 * Lineage: one platform's batch. Batch ids are chosen by each platform, so only the pair names a
 * batch, and it is the pair a platform's batch signature will cover.
 */
public record SourceBatch(String platform, String batchId) implements Comparable<SourceBatch> {
  public SourceBatch {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batchId, "batchId");
  }

  @Override
  public int compareTo(SourceBatch other) {
    // By platform, then batch id; written out because lineage sets compare on every insertion.
    int byPlatform = platform.compareTo(other.platform);
    return byPlatform != 0 ? byPlatform : batchId.compareTo(other.batchId);
  }
}
