package io.shiftproof.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the late events the stream job stores. Every method blocks; call them off the
 * event loop. Events come newest {@code stored_at} first, ties by platform and event id.
 */
public interface LateEventReader {

  /** At most {@code count} matching events stored strictly before {@code before}, if given. */
  List<StoredLateEvent> newestFirst(LateEventFilter filter, Optional<Instant> before, int count);

  /** Every matching event stored at exactly {@code storedAt}. */
  List<StoredLateEvent> storedAt(LateEventFilter filter, Instant storedAt);
}
