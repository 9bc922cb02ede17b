package io.shiftproof.schemas.wire;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of decoding one batch: the accepted events, the rejected ones, and the indexes of
 * events whose eventId repeats an accepted event earlier in the same batch. Every index of the
 * batch appears in exactly one of the three lists, each in ascending order.
 *
 * <p>A duplicate is judged by eventId alone, as the idempotency key is (platform, eventId): the
 * later copy is neither accepted nor rejected, just counted. An event whose eventId repeats a
 * <em>rejected</em> event is judged on its own.
 */
public record DecodedBatch(
    String batchId,
    List<IndexedEvent> accepted,
    List<EventRejection> rejections,
    List<Integer> duplicateIndexes) {

  public DecodedBatch {
    Objects.requireNonNull(batchId, "batchId");
    accepted = List.copyOf(accepted);
    rejections = List.copyOf(rejections);
    duplicateIndexes = List.copyOf(duplicateIndexes);
  }

  /** The number of events the batch carried. */
  public int size() {
    return accepted.size() + rejections.size() + duplicateIndexes.size();
  }

  /** The accepted events without their indexes, in batch order. */
  public List<WorkEvent> acceptedEvents() {
    return accepted.stream().map(IndexedEvent::event).toList();
  }
}
