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
 *
 * @param spans where each event of the batch, in any of the three lists, lies in the body: what the
 *     platform's signature covers event by event
 */
public record DecodedBatch(
    String batchId,
    List<IndexedEvent> accepted,
    List<EventRejection> rejections,
    List<Integer> duplicateIndexes,
    EventSpans spans) {

  public DecodedBatch {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(spans, "spans");
    accepted = List.copyOf(accepted);
    rejections = List.copyOf(rejections);
    duplicateIndexes = List.copyOf(duplicateIndexes);
  }

  /**
   * Equal when the same events were found with the same outcomes; where they lay in their bodies is
   * not compared, so a JSON and an Avro body of one batch decode equal.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof DecodedBatch that
        && batchId.equals(that.batchId)
        && accepted.equals(that.accepted)
        && rejections.equals(that.rejections)
        && duplicateIndexes.equals(that.duplicateIndexes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(batchId, accepted, rejections, duplicateIndexes);
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
