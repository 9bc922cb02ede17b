package io.shiftproof.streamjobs.worktime;

import java.util.Comparator;
import java.util.Objects;

/**
 * Lineage: one platform's batch. Batch ids are chosen by each platform, so only the pair names a
 * batch, and it is the pair a platform's batch signature will cover.
 */
public record SourceBatch(String platform, String batchId) implements Comparable<SourceBatch> {
  private static final Comparator<SourceBatch> ORDER =
      Comparator.comparing(SourceBatch::platform).thenComparing(SourceBatch::batchId);

  public SourceBatch {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batchId, "batchId");
  }

  @Override
  public int compareTo(SourceBatch other) {
    return ORDER.compare(this, other);
  }
}
