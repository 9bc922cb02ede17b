package io.shiftproof.schemas.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the outcome of each event of one batch in index order: accepted, rejected, or a
 * duplicate of an accepted event earlier in the batch. Shared by the JSON and Avro readers.
 */
final class BatchAssembler {
  private final EventValidator validator;
  private final Instant now;
  private final List<IndexedEvent> accepted = new ArrayList<>();
  private final List<EventRejection> rejections = new ArrayList<>();
  private final List<Integer> duplicates = new ArrayList<>();
  private final Set<String> acceptedIds = new HashSet<>();
  private int count;

  BatchAssembler(EventValidator validator, Instant now) {
    this.validator = validator;
    this.now = now;
  }

  /** Validates the next event; {@code index} must be the next index of the batch. */
  void offer(int index, EventFields fields) {
    WorkEvent event;
    try {
      event = validator.validate(fields, now);
    } catch (EventValidator.InvalidEvent e) {
      reject(index, e.code, e.getMessage());
      return;
    }
    count++;
    if (acceptedIds.add(event.eventId())) {
      accepted.add(new IndexedEvent(index, event));
    } else {
      duplicates.add(index);
    }
  }

  /** Records a rejection found while reading the event (wrong type, unknown field, ...). */
  void reject(int index, ErrorCode code, String message) {
    count++;
    rejections.add(new EventRejection(index, code, message));
  }

  /** The number of events seen so far. */
  int count() {
    return count;
  }

  DecodedBatch finish(String batchId, EventSpans spans) {
    return new DecodedBatch(batchId, accepted, rejections, duplicates, spans);
  }
}
