package io.shiftproof.streamjobs.worktime;

import java.util.Objects;

/**
 * Lineage: one event a day was computed from, by its idempotency key. The hub accepts an event id
 * once per platform, ever, so the pair names the event; the event itself, with its platform's
 * signature, is kept by the gateway.
 */
public record SourceEvent(String platform, String eventId) implements Comparable<SourceEvent> {
  public SourceEvent {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(eventId, "eventId");
  }

  @Override
  public int compareTo(SourceEvent other) {
    // By platform, then event id; written out because lineage sets compare on every insertion.
    // Ids are printable ASCII (WireRules), so this is also their UTF-8 byte order.
    int byPlatform = platform.compareTo(other.platform);
    return byPlatform != 0 ? byPlatform : eventId.compareTo(other.eventId);
  }
}
