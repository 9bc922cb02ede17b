package io.shiftproof.gateway.query;

import io.shiftproof.records.LateEventReader;
import io.shiftproof.records.StoredLateEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pages through late events with a {@code stored_at} cursor. Blocking.
 *
 * <p>The stream job stores all late events of a checkpoint in one transaction, so many share one
 * {@code stored_at}. A page therefore never ends inside such a group: the next page asks for events
 * stored before the cursor, and would skip the rest of the group. A page stops before the group
 * instead, and a group larger than the limit is answered whole.
 */
public final class LateEventLookup {
  private final LateEventReader reader;

  public LateEventLookup(LateEventReader reader) {
    this.reader = reader;
  }

  public LateEventPage page(LateEventQuery query) {
    int limit = query.limit();
    // One more than asked for tells whether an older event exists and where the page may end.
    List<StoredLateEvent> rows = reader.newestFirst(query.filter(), query.before(), limit + 1);
    if (rows.size() <= limit) {
      return new LateEventPage(rows, Optional.empty());
    }
    Instant firstLeftOut = rows.get(limit).storedAt();
    int end = limit;
    while (end > 0 && rows.get(end - 1).storedAt().equals(firstLeftOut)) {
      end--;
    }
    if (end == 0) {
      return new LateEventPage(
          reader.storedAt(query.filter(), firstLeftOut), Optional.of(firstLeftOut));
    }
    return new LateEventPage(rows.subList(0, end), Optional.of(rows.get(end - 1).storedAt()));
  }
}
