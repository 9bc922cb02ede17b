package io.shiftproof.gateway.query;

import io.shiftproof.records.StoredLateEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Late events newest first, and the {@code before} cursor of the next page: the {@code stored_at}
 * of the last event, or empty when no older event matches.
 */
public record LateEventPage(List<StoredLateEvent> events, Optional<Instant> next) {

  public LateEventPage {
    events = List.copyOf(events);
  }
}
