package io.shiftproof.schemas.wire;

import java.util.Objects;

/** An accepted event with its 0-based index in the batch's {@code events}. */
public record IndexedEvent(int index, WorkEvent event) {
  public IndexedEvent {
    Objects.requireNonNull(event, "event");
  }
}
